import { z } from 'zod';

/**
 * The resident identity number of GB 11643-1999 (公民身份号码): 6-digit address code, 8-digit birth
 * date, 3-digit sequence (odd for men, even for women), and a check character computed with
 * ISO 7064 MOD 11-2. Personal data, like `birthYear`: it is validated where it enters and turned into
 * linkage tokens on the node that holds it; it never crosses a province boundary.
 */

/** Province-level prefixes of GB/T 2260 (the first two digits of every address code). */
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The parts of a valid identity number. */
export interface ResidentIdParts {
  /** The number, upper-case (a trailing `x` is read as `X`). */
  value: string;
  /** Six-digit address code of the place of household registration when the number was issued. */
  region: string;
  /** Province code derived from the address code, e.g. 510000. */
  province: string;
  /** Birth date, YYYY-MM-DD. */
  birthDate: string;
  birthYear: number;
  /** Three-digit sequence; its parity gives the gender. */
  sequence: string;
  gender: 'MALE' | 'FEMALE';
}

export type ResidentIdCheck = { ok: true; parts: ResidentIdParts } | { ok: false; reason: string };

/** The check character of the first 17 digits (ISO 7064 MOD 11-2). */
function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

/**
 * Validates an identity number against GB 11643-1999. Returns its parts, or a reason that says what
 * is wrong without saying what would be right (a wrong check character is "does not match", never the
 * expected character: the validator must not help anyone forge a number).
 *
 * @param today the date births may not follow (default: now); a parameter so tests are stable.
 */
export function validateResidentId(value: string, today: Date = new Date()): ResidentIdCheck {
  const text = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(text)) return { ok: false, reason: 'must be 18 characters: 17 digits and a digit or X' };
  const region = text.slice(0, 6);
  if (!PROVINCE_PREFIXES.has(region.slice(0, 2))) return { ok: false, reason: `the address code ${region} names no province` };
  const year = Number(text.slice(6, 10));
  const month = Number(text.slice(10, 12));
  const day = Number(text.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, reason: `the birth date ${text.slice(6, 14)} does not exist` };
  }
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (date.getTime() > todayUtc) return { ok: false, reason: `the birth date ${text.slice(6, 14)} is in the future` };
  if (checkChar(text.slice(0, 17)) !== text[17]) return { ok: false, reason: 'the check digit does not match' };
  const sequence = text.slice(14, 17);
  return {
    ok: true,
    parts: {
      value: text,
      region,
      province: `${region.slice(0, 2)}0000`,
      birthDate: `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`,
      birthYear: year,
      sequence,
      gender: Number(sequence) % 2 === 1 ? 'MALE' : 'FEMALE',
    },
  };
}

/** An identity number as input or stored: valid by {@link validateResidentId}, normalised to upper case. */
export const ResidentId = z.string().transform((value, ctx) => {
  const checked = validateResidentId(value);
  if (!checked.ok) {
    ctx.addIssue({ code: 'custom', message: `not a valid resident identity number: ${checked.reason}` });
    return z.NEVER;
  }
  return checked.parts.value;
});

/**
 * Builds a valid identity number (for the seed generator and the benchmark's synthetic people).
 *
 * @param region six-digit address code; @param birthDate YYYY-MM-DD; @param sequence 0..999 (odd = male).
 * @throws RangeError when the parts cannot form a number.
 */
export function makeResidentId(region: string, birthDate: string, sequence: number): string {
  const digits = birthDate.replaceAll('-', '');
  if (!/^\d{6}$/.test(region) || !/^\d{8}$/.test(digits) || !Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`cannot make an identity number of ${region}, ${birthDate}, ${sequence}`);
  }
  const first17 = `${region}${digits}${String(sequence).padStart(3, '0')}`;
  return first17 + checkChar(first17);
}

/**
 * The same number with one digit of the first 17 changed and the check character recomputed: what a
 * clerk's typo looks like once the input validator has been satisfied (a valid-looking, different
 * number). `position` 0..16, `digit` the replacement (must differ from the original).
 */
export function mistypeResidentId(value: string, position: number, digit: number): string {
  const first17 = value.slice(0, 17);
  const replaced = first17.slice(0, position) + String(digit) + first17.slice(position + 1);
  if (replaced === first17 || !/^\d{17}$/.test(replaced)) throw new RangeError(`no typo at ${position} with ${digit}`);
  return replaced + checkChar(replaced);
}
