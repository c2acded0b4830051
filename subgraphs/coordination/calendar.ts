import type { AgreementDoc } from './model.ts';

// Agreements are signed and run by Chinese regional governments: "today" is the date in China
// Standard Time, shared with the projects subgraph through the kit.
export { chinaDate } from '../kit/calendar.ts';

/** True when `date` (YYYY-MM-DD) lies between the agreement's signedOn and validUntil, both included. */
export function inForceOn(agreement: Pick<AgreementDoc, 'signedOn' | 'validUntil'>, date: string): boolean {
  return agreement.signedOn <= date && (agreement.validUntil === null || date <= agreement.validUntil);
}
