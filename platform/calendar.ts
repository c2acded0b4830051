// Programmes and agreements are run by Chinese regional governments, so "today" is the date in
// China Standard Time, not in the server's zone: at 23:00 UTC it is already tomorrow in Chengdu.
const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) of an instant in China Standard Time. */
export function chinaDate(instant: Date): string {
  return CHINA_DATE.format(instant);
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
