import type { Country } from "./api";

// Amounts the screen works out itself, in integer céntimos, before the backend has answered: a count's
// total as the pieces are typed, and the change (vuelto) as the cash received is typed. Everything the
// backend answers arrives as `Money` and is shown as its `text`; these only preview, the backend's
// figures are the ones that count once it has answered.

/** Céntimos as the store writes them, like the backend's `Soles`: `S/ 1,234.50`, `-S/ 12.00`. */
export function solesText(centimos: number): string {
  const sign = centimos < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(centimos));
  const whole = Math.floor(abs / 100).toString();
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const cents = (abs % 100).toString().padStart(2, "0");
  return `${sign}S/ ${grouped}.${cents}`;
}

/** Cents as a store in Spain writes them, like the backend's `Euros`: `1.234,50 €`, `-12,00 €`. */
export function euroText(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(cents));
  const whole = Math.floor(abs / 100).toString();
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const decimals = (abs % 100).toString().padStart(2, "0");
  return `${sign}${grouped},${decimals} €`;
}

/** Minor units in the store's currency: soles in Peru, euros in Spain. */
export function moneyText(minor: number, country: Country): string {
  return country === "ES" ? euroText(minor) : solesText(minor);
}

/** Céntimos as typed into an amount field, without the currency: `1.00`, `200.00`. */
export function plainSoles(centimos: number): string {
  return solesText(centimos).replace(/^(-?)S\/ /, "$1").replace(/,/g, "");
}

/** Minor units as typed into an amount field of the store's currency, without the symbol: `1.00` in
 *  Peru, `1,00` in Spain (what the backend reads back for that country). */
export function plainMoney(minor: number, country: Country): string {
  return country === "ES" ? euroText(minor).replace(/ €$/, "") : plainSoles(minor);
}

/** What a person typed as soles (`600`, `600.5`, `1,234.50`, `S/ 600`) in céntimos, read as text
 *  (never through a float); null when it is not a non-negative amount with at most two decimals. */
export function parseSoles(typed: string): number | null {
  const cleaned = typed.trim().replace(/^S\/\s*/, "").replace(/[,\s]/g, "");
  const match = /^(\d{0,9})(?:\.(\d{0,2}))?$/.exec(cleaned);
  if (!match || cleaned === "" || cleaned === ".") return null;
  const whole = Number(match[1] === "" ? "0" : match[1]);
  const cents = Number((match[2] ?? "").padEnd(2, "0"));
  return whole * 100 + cents;
}

/** What a person typed as an amount of the store's currency, in minor units, or null: Peru's `1,234.50`,
 *  Spain's `1.234,50` (dots between thousands, a comma before the cents). A preview only: the backend
 *  reads it again, with each country's own refusals of ambiguous texts. */
export function parseMoney(typed: string, country: Country): number | null {
  if (country !== "ES") return parseSoles(typed);
  const cleaned = typed.trim().replace(/\s*€$/, "").replace(/\./g, "").replace(",", ".");
  return cleaned.includes(",") ? null : parseSoles(cleaned);
}

/** Pieces as typed into a count field: empty is none; null when it is not a whole number. */
export function parsePieces(typed: string): number | null {
  const cleaned = typed.trim();
  if (cleaned === "") return 0;
  return /^\d{1,5}$/.test(cleaned) ? Number(cleaned) : null;
}
