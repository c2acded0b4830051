import { createHmac } from 'node:crypto';
import type { LinkageSource, LinkageTokens } from './contract.ts';
import { nameForms, organisationForms } from './normalise.ts';
import { validateResidentId } from './resident-id.ts';

/**
 * Keyed linkage tokens: HMAC-SHA256 under the linkage key of `field NUL value`, truncated to 16 bytes
 * and written base64url. Keyed, not a plain hash: a plain SHA-256 of a birth year, a name or even an
 * identity number (about 10^10 plausible values) is reversed by hashing every candidate value, so
 * whoever sees a plain hash sees the value. Without the key nobody can compute a token, so a
 * dictionary is of no use to a province, a partner or the matcher; only a key holder can test guesses
 * (the README's threat model). The field tag keeps equal values of different fields apart (a year is
 * not an organisation), and 128 bits leave no collisions in practice.
 */

/** Tokens of values that repeat across records (years, names, organisations), per key. */
const repeated = new WeakMap<Uint8Array, Map<string, string>>();
const REPEATED_LIMIT = 500_000;

function mac(key: Uint8Array, field: string, value: string): string {
  return createHmac('sha256', key).update(`${field}\u0000${value}`).digest().subarray(0, 16).toString('base64url');
}

function cachedMac(key: Uint8Array, field: string, value: string): string {
  let cache = repeated.get(key);
  if (!cache) {
    cache = new Map();
    repeated.set(key, cache);
  }
  const k = `${field}\u0000${value}`;
  let token = cache.get(k);
  if (token === undefined) {
    token = mac(key, field, value);
    if (cache.size >= REPEATED_LIMIT) cache.clear();
    cache.set(k, token);
  }
  return token;
}

/**
 * Turns a record into its linkage tokens (runs on the node that holds the record; only the result
 * leaves it). The identity number counts only when valid; its parts (address code + birth date,
 * birth date + sequence, address code + sequence) are tokens too, so a number with one mistyped digit
 * still agrees on two of three. The birth year's neighbours are tokens of the same field, so an
 * off-by-one year agrees partially without revealing the year.
 *
 * @param key the linkage key (the same on every node, `HUB_LINKAGE_KEY`); at least 16 bytes.
 * @throws RangeError when the key is shorter than 16 bytes.
 */
export function tokenize(source: LinkageSource, key: Uint8Array): LinkageTokens {
  if (key.length < 16) throw new RangeError('the linkage key must be at least 16 bytes');
  const tokens: LinkageTokens = { id: source.id, province: source.province, sharing: source.sharing, name: [], disciplines: [] };
  const rid = source.residentId ? validateResidentId(source.residentId) : null;
  if (rid?.ok) {
    const v = rid.parts.value;
    tokens.residentId = mac(key, 'residentId', v);
    tokens.residentIdParts = [
      mac(key, 'residentId.regionDate', v.slice(0, 14)),
      mac(key, 'residentId.dateSequence', v.slice(6, 17)),
      mac(key, 'residentId.regionSequence', v.slice(0, 6) + v.slice(14, 17)),
    ];
  }
  const forms = nameForms(source.name);
  for (const chars of forms.chars) tokens.name.push(cachedMac(key, 'name', chars));
  if (forms.pinyin.length > 0) {
    tokens.namePinyin = forms.pinyin.map((p) => cachedMac(key, 'name', p));
    tokens.name.push(...tokens.namePinyin);
  }
  if (source.birthYear != null) {
    const y = source.birthYear;
    tokens.birthYear = cachedMac(key, 'birthYear', String(y));
    tokens.birthYearNear = [cachedMac(key, 'birthYear', String(y - 1)), cachedMac(key, 'birthYear', String(y + 1))];
  }
  if (source.gender) tokens.gender = cachedMac(key, 'gender', source.gender);
  if (source.organisation) {
    const org = organisationForms(source.organisation);
    if (org.core) tokens.organisation = [cachedMac(key, 'organisation', org.core), ...org.words.map((w) => cachedMac(key, 'organisation.word', w))];
  }
  tokens.disciplines = [...new Set(source.disciplines)].map((d) => cachedMac(key, 'discipline', d));
  return tokens;
}
