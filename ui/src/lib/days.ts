// Till days are Lima calendar days written YYYY-MM-DD: that is what the backend reads and what the
// screens hold. People see and type them day first, dd/mm/aaaa, as everyone does in Peru, whatever the
// app's language. The arithmetic runs on the calendar date in UTC, so the machine's own time zone never
// shifts a day.
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DIGITS_ONLY = /^\d+$/;
// Any of / . - or spaces between the parts: people copy days from receipts and spreadsheets too.
const SEPARATOR = String.raw`(?:\s*[/.\-]\s*|\s+)`;
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})${SEPARATOR}(\d{1,2})${SEPARATOR}(\d{4}|\d{2})$`);
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})${SEPARATOR}(\d{1,2})${SEPARATOR}(\d{1,2})$`);

/** No till holds a day before this year (aCuotaz did not exist): an earlier one is a slip of the
 * keyboard (0226 for 2026), and two-digit years are read in this century. */
export const FIRST_YEAR = 2000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** How many days `month` (1–12) of `year` has. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

function isoDay(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function isDay(text: string): boolean {
  const match = ISO.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `day` moved by `days` calendar days; `day` must satisfy `isDay`. */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** `day` as people write it, dd/mm/aaaa; "" when `day` is not a day (an empty filter, say). */
export function formatDay(day: string): string {
  if (!isDay(day)) return "";
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** Why a typed text is not a day the screen can use; each carries what its message names. */
export type DayProblem =
  | { kind: "empty" }
  | { kind: "shape"; text: string }
  | { kind: "year"; year: number }
  | { kind: "month"; month: number }
  /** The month exists but has no such day (31/04, 29/02 of a common year, 00/11). */
  | { kind: "date"; year: number; month: number; day: number }
  /** A real day, after the last one allowed (a summary of a day that has not come yet). */
  | { kind: "after"; day: string; max: string };

export type DayReading = { ok: true; day: string } | { ok: false; problem: DayProblem };

/** Reads a day typed day first: 30/11/2026, 3/1/2026, 30112026, 30-11-26, 301126, or an ISO
 * 2026-11-30 pasted from elsewhere. `max` (YYYY-MM-DD) is the last day allowed. */
export function readDay(typed: string, max?: string): DayReading {
  const text = typed.trim();
  if (text === "") return { ok: false, problem: { kind: "empty" } };
  const parts = splitDay(text);
  if (!parts) return { ok: false, problem: { kind: "shape", text } };
  const { year, month, day } = parts;
  if (year < FIRST_YEAR) return { ok: false, problem: { kind: "year", year } };
  if (month < 1 || month > 12) return { ok: false, problem: { kind: "month", month } };
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, problem: { kind: "date", year, month, day } };
  }
  const iso = isoDay(year, month, day);
  if (max !== undefined && isDay(max) && iso > max) {
    return { ok: false, problem: { kind: "after", day: iso, max } };
  }
  return { ok: true, day: iso };
}

function splitDay(text: string): { year: number; month: number; day: number } | null {
  if (DIGITS_ONLY.test(text)) {
    // Without separators only the lengths with one reading are taken: 3112026 could be 3/11 or 31/1.
    if (text.length === 8) return parts(text.slice(4, 8), text.slice(2, 4), text.slice(0, 2));
    if (text.length === 6) return parts(text.slice(4, 6), text.slice(2, 4), text.slice(0, 2));
    return null;
  }
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) return parts(dayFirst[3], dayFirst[2], dayFirst[1]);
  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst) return parts(yearFirst[1], yearFirst[2], yearFirst[3]);
  return null;
}

function parts(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
): { year: number; month: number; day: number } | null {
  if (year === undefined || month === undefined || day === undefined) return null;
  const fullYear = year.length === 2 ? 2000 + Number(year) : Number(year);
  return { year: fullYear, month: Number(month), day: Number(day) };
}

/** The name of `month` (1–12) in the app's language: "febrero", "February". */
export function monthName(month: number, lang: "es" | "en"): string {
  // Taken from inside a date: some locale data capitalises a month standing alone ("Febrero"), which
  // reads wrong in the middle of a Spanish sentence.
  const parts = new Intl.DateTimeFormat(lang === "en" ? "en-US" : "es-PE", {
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  }).formatToParts(new Date(Date.UTC(2000, month - 1, 15)));
  return parts.find((part) => part.type === "month")?.value ?? String(month);
}

/** `day` in words in the app's language ("lunes, 30 de noviembre de 2026"): under a dd/mm/aaaa field,
 * the words leave no doubt about which day was understood. */
export function longDay(day: string, lang: "es" | "en"): string {
  if (!isDay(day)) return "";
  return new Intl.DateTimeFormat(lang === "en" ? "en-US" : "es-PE", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T12:00:00Z`));
}
