// Till days are Lima calendar days written YYYY-MM-DD. The arithmetic runs on the calendar date in
// UTC, so the machine's own time zone never shifts a day.
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** `day` moved by `days` calendar days; `day` must satisfy `isDay`. */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** `day` in words in the app's language ("sábado, 21 de noviembre de 2026"): the date input shows the
 * machine's locale order (mm/dd on an English system), so the words remove any doubt. */
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
