import type { AgreementDoc } from './model.ts';

// Agreements are signed and run by Chinese regional governments, so "today" is the date in
// China Standard Time, not in the server's zone: at 23:00 UTC it is already tomorrow in Chengdu.
const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) of an instant in China Standard Time. */
export function chinaDate(instant: Date): string {
  return CHINA_DATE.format(instant);
}

/** True when `date` (YYYY-MM-DD) lies between the agreement's signedOn and validUntil, both included. */
export function inForceOn(agreement: Pick<AgreementDoc, 'signedOn' | 'validUntil'>, date: string): boolean {
  return agreement.signedOn <= date && (agreement.validUntil === null || date <= agreement.validUntil);
}
