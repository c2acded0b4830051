import { describe, expect, it } from 'vitest';
import { syntheticOrcid } from '../../data/contacts.ts';
import { Rng } from '../../data/prng.ts';
import { ds } from './fixture.ts';

/** The ISO 7064 MOD 11-2 check character of an ORCID's first 15 digits. */
function orcidCheck(digits: string): string {
  let total = 0;
  for (const ch of digits.slice(0, 15)) total = (total + Number(ch)) * 2;
  const check = (12 - (total % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

describe('contacts', () => {
  it('contacts and external ids are synthetic', () => {
    const orcids = ds.experts.talents.flatMap((t) => t.externalIds).filter((x) => x.scheme === 'ORCID');
    expect(orcids.length).toBeGreaterThan(0);
    for (const { value } of orcids) {
      expect(value).toMatch(/^0000-000[1-3]-\d{4}-\d{3}[\dX]$/);
      // ISO 7064 MOD 11-2 check character: deliberately wrong so no real ORCID record is named.
      const digits = value.replace(/-/g, '');
      let total = 0;
      for (const ch of digits.slice(0, 15)) total = (total + Number(ch)) * 2;
      const check = (12 - (total % 11)) % 11;
      expect(digits.at(-1)).not.toBe(check === 10 ? 'X' : String(check));
    }
    for (const t of ds.experts.talents) {
      if (t.contact.email !== null) expect(t.contact.email).toMatch(/@([a-z]+\.)?example\.(org|com|net)$/);
      if (t.contact.phone !== null) expect(t.contact.phone.replace(/\D/g, '')).toMatch(/^(86)?1\d{2}0000\d{4}$/);
    }
  });

  it('syntheticOrcid never carries the valid check character, whatever the draw', () => {
    const rng = new Rng(5, 'orcid-test');
    for (let i = 0; i < 2000; i++) {
      const value = syntheticOrcid(rng);
      expect(value).toMatch(/^0000-000[1-3]-\d{4}-\d{3}[\dX]$/);
      const digits = value.replace(/-/g, '');
      expect(digits.at(-1), value).not.toBe(orcidCheck(digits));
    }
  });

  it('orcidCheck agrees with a published ORCID (0000-0002-1825-0097)', () => {
    expect(orcidCheck('000000021825009')).toBe('7');
  });
});
