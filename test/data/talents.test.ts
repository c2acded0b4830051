import { describe, expect, it } from 'vitest';
import { MAINLAND_PROVINCE_CODES } from '../../data/context.ts';
import { generateDataset } from '../../data/generate.ts';
import { ds, NOW, provinceOf, regionById } from './fixture.ts';

describe('talent profiles', () => {
  it('timestamps lie before now and consent is dated only when given', () => {
    for (const t of ds.experts.talents) {
      expect(t.createdAt.getTime()).toBeLessThanOrEqual(t.updatedAt.getTime());
      expect(t.updatedAt.getTime()).toBeLessThan(NOW.getTime());
      if (t.consent.contactSharing) {
        expect(t.consent.consentedAt).toBeInstanceOf(Date);
        expect(t.consent.purposes.length).toBeGreaterThan(0);
      } else {
        expect(t.consent.consentedAt).toBeNull();
      }
      expect(t.birthYear).toBeGreaterThanOrEqual(1955);
      expect(t.birthYear).toBeLessThanOrEqual(2000);
    }
  });
  it('talents refer to existing regions, pools of their province and sector, and disciplines', () => {
    const pools = new Map(ds.experts.pools.map((p) => [p._id, p]));
    const disciplines = new Set(ds.experts.disciplines.map((d) => d._id));
    for (const t of ds.experts.talents) {
      expect(MAINLAND_PROVINCE_CODES).toContain(t.homeRegion);
      if (t.hukouRegion !== null) expect(regionById.get(t.hukouRegion)?.level).toBe('PROVINCE');
      expect(t.poolIds.length).toBeLessThanOrEqual(2);
      for (const id of t.poolIds) {
        const pool = pools.get(id);
        expect(pool, id).toBeDefined();
        expect(provinceOf(pool!.regionCode)).toBe(t.homeRegion);
        expect(pool!.sectors.some((s) => t.sectors.includes(s))).toBe(true);
      }
      for (const d of t.disciplineCodes) expect(disciplines.has(d)).toBe(true);
    }
  });
});

describe('per-province guarantees', () => {
  it('every mainland province has a talent for each sharing level and consent state', () => {
    for (const province of MAINLAND_PROVINCE_CODES) {
      for (const sharing of ['PRIVATE', 'AGREEMENT', 'NATIONAL'] as const) {
        for (const contactSharing of [true, false]) {
          const found = ds.experts.talents.some((t) => t.homeRegion === province && t.sharing === sharing && t.consent.contactSharing === contactSharing);
          expect(found, `${province} ${sharing} ${contactSharing}`).toBe(true);
        }
      }
      const agri = ds.experts.talents.find((t) => t.homeRegion === province && t.sharing === 'AGREEMENT' && t.consent.contactSharing && t.sectors.includes('AGRICULTURE'));
      expect(agri, `${province} agriculture`).toBeDefined();
      expect(agri!.contact.phone).not.toBeNull();
      expect(agri!.contact.email).not.toBeNull();
    }
  });

  it('the guarantee sits in the first 186 talents, whatever the total', () => {
    const small = generateDataset({ talents: 186, seed: 77 });
    const combos = new Set(small.experts.talents.map((t) => `${t.homeRegion}/${t.sharing}/${t.consent.contactSharing}`));
    expect(combos.size).toBe(31 * 6);
  });

  it('some province has a sparse sector/discipline combination', () => {
    const counts = new Map<string, number>();
    for (const t of ds.experts.talents) {
      for (const s of t.sectors) {
        for (const d of t.disciplineCodes) {
          const key = `${t.homeRegion}/${s}/${d}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
    }
    expect([...counts.values()].some((n) => n < 5)).toBe(true);
  });

  it('sharing levels follow roughly 30/40/30 beyond the guaranteed block', () => {
    const rest = ds.experts.talents.slice(186);
    const share = (level: string) => rest.filter((t) => t.sharing === level).length / rest.length;
    expect(share('PRIVATE')).toBeGreaterThan(0.25);
    expect(share('PRIVATE')).toBeLessThan(0.35);
    expect(share('AGREEMENT')).toBeGreaterThan(0.35);
    expect(share('AGREEMENT')).toBeLessThan(0.45);
  });
});
