import { describe, expect, it } from 'vitest';
import { ds } from './fixture.ts';

describe('engagements', () => {
  it('engagements bound to an agreement start while it is in force and join its parties', () => {
    const byId = new Map(ds.coordination.agreements.map((a) => [a._id, a]));
    const bound = ds.coordination.engagements.filter((e) => e.agreementId !== null);
    expect(bound.length).toBeGreaterThan(ds.coordination.engagements.length / 2);
    const within = (code: string, party: string) =>
      party.endsWith('0000') ? code.startsWith(party.slice(0, 2)) : party.endsWith('00') ? code.startsWith(party.slice(0, 4)) : code === party;
    const touches = (code: string, party: string) => within(code, party) || within(party, code);
    for (const e of bound) {
      const a = byId.get(e.agreementId!)!;
      expect(e.start >= a.signedOn).toBe(true);
      if (a.validUntil !== null) expect(e.start <= a.validUntil).toBe(true);
      expect(a.partyCodes.some((p) => touches(e.homeRegion, p))).toBe(true);
      expect(a.partyCodes.some((p) => touches(e.hostRegion, p))).toBe(true);
    }
    const count = (id: string) => bound.filter((e) => e.agreementId === id).length;
    expect(count('agr-chuanyu')).toBeGreaterThan(count('agr-jingjinji'));
    expect(count('agr-yunhe-fujian')).toBeGreaterThan(0);
    expect(count('agr-jingjinji')).toBeGreaterThan(0);
    expect(ds.coordination.engagements.some((e) => e.end === null)).toBe(true);
  });
});
