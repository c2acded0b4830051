/** Calendar arithmetic of the seed generator in whole UTC days, so dates never depend on a time zone. */

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** The ISO date (YYYY-MM-DD) of an epoch day. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The epoch day of an ISO date (YYYY-MM-DD). */
export function dayOf(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}
