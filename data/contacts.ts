import type { Rng } from './prng.ts';

/**
 * Synthetic contact details: phone prefixes, reserved e-mail domains and ORCID-shaped ids that
 * can never reach or name a real person.
 */

/** Domains reserved for examples (RFC 2606) and subdomains of them. */
export const EMAIL_DOMAINS = ['example.org', 'example.com', 'example.net', 'mail.example.org', 'talent.example.com'];
/** Mainland mobile prefixes; the numbers built on them have 0000 in the middle. */
export const MOBILE_PREFIXES = ['130', '131', '133', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '177', '180', '186', '187', '188', '189', '199'];

/** ORCID-shaped identifier whose check character is deliberately wrong, so it can never name a real researcher. */
export function syntheticOrcid(rng: Rng): string {
  const digits: number[] = [0, 0, 0, 0, 0, 0, 0, rng.range(1, 3)];
  for (let i = 0; i < 7; i++) digits.push(rng.int(10));
  let total = 0;
  for (const d of digits) total = (total + d) * 2;
  const valid = (12 - (total % 11)) % 11;
  const wrong = (valid + 1 + rng.int(10)) % 11;
  const all = digits.join('') + (wrong === 10 ? 'X' : String(wrong));
  return `${all.slice(0, 4)}-${all.slice(4, 8)}-${all.slice(8, 12)}-${all.slice(12)}`;
}
