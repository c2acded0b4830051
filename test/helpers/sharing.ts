import { expect } from 'vitest';
import type { Dataset } from '../../data/generate.ts';
import type { TalentDoc } from '../../subgraphs/experts/model.ts';
import type { ProjectsStore } from '../../subgraphs/projects/store.ts';
import { type AsOptions, type Hub, startHub } from './hub.ts';

/**
 * The fixture of the sharing-rules matrix (test/e2e/sharing.test.ts): caller regions, the case
 * talents whose visibility it checks, and a hub in which each of them has an award, an
 * engagement and a pool membership, so that every access path exists.
 */

export const SICHUAN = '510000';
export const CHONGQING = '500000'; // 川渝 agreement with Sichuan: all sectors, contact sharing allowed
export const BEIJING = '110000';
export const HEBEI = '130000'; // 京津冀 agreement with Beijing: INDUSTRY and SERVICES, no contact sharing
export const QINGHAI = '630000'; // no agreement with Sichuan or Beijing

/** A talent whose visibility the matrix checks, with what each caller region may see of it. */
export interface SharingCase {
  name: string;
  talent: TalentDoc;
  profile: Record<string, boolean>;
}

export interface SharingHub {
  hub: Hub;
  cases: SharingCase[];
  /** The award, engagement and pool of each case talent, by talent id. */
  awardOf: Map<string, string>;
  engagementOf: Map<string, string>;
  poolOf: Map<string, string>;
}

/** Queries the gateway and expects HTTP 200 (GraphQL errors are for the caller to check). */
export async function graphqlOk(hub: Hub, query: string, variables: Record<string, unknown>, as: AsOptions) {
  const res = await hub.query(query, variables, as);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The first seeded talent of `home` that matches. */
export function pickTalent(dataset: Dataset, home: string, predicate: (t: TalentDoc) => boolean): TalentDoc {
  const t = dataset.experts.talents.find((x) => x.homeRegion === home && predicate(x));
  if (!t) throw new Error(`no seeded talent of ${home} matches`);
  return t;
}

const consenting = (t: TalentDoc) => t.consent.contactSharing && t.consent.purposes.includes('EXPERT_CONSULTATION') && t.contact.phone !== null;

/** Starts a 600-talent hub (agreements cached for 500 ms) and gives each case talent its award, engagement and pool. */
export async function startSharingHub(): Promise<SharingHub> {
  const hub = await startHub({ talents: 600, agreementCacheMs: 500 });
  const pick = (home: string, predicate: (t: TalentDoc) => boolean) => pickTalent(hub.dataset, home, predicate);
  const gql = (query: string, variables: Record<string, unknown>, as: AsOptions) => graphqlOk(hub, query, variables, as);
  const sichuanAgreementConsent = pick(SICHUAN, (t) => t.sharing === 'AGREEMENT' && consenting(t));
  const cases: SharingCase[] = [
    { name: 'Sichuan PRIVATE', talent: pick(SICHUAN, (t) => t.sharing === 'PRIVATE'), profile: { [SICHUAN]: true, [CHONGQING]: false, [QINGHAI]: false } },
    { name: 'Sichuan AGREEMENT (consented)', talent: sichuanAgreementConsent, profile: { [SICHUAN]: true, [CHONGQING]: true, [QINGHAI]: false } },
    { name: 'Sichuan NATIONAL', talent: pick(SICHUAN, (t) => t.sharing === 'NATIONAL'), profile: { [SICHUAN]: true, [CHONGQING]: true, [QINGHAI]: true } },
    {
      name: 'Beijing AGREEMENT in a covered sector',
      talent: pick(BEIJING, (t) => t.sharing === 'AGREEMENT' && t.sectors.some((s) => s === 'INDUSTRY' || s === 'SERVICES')),
      profile: { [BEIJING]: true, [HEBEI]: true, [QINGHAI]: false },
    },
    {
      name: 'Beijing AGREEMENT only in agriculture (not covered)',
      talent: pick(BEIJING, (t) => t.sharing === 'AGREEMENT' && t.sectors.length === 1 && t.sectors[0] === 'AGRICULTURE' && t.disciplineCodes.length > 0),
      profile: { [BEIJING]: true, [HEBEI]: false, [QINGHAI]: false },
    },
  ];
  // Give every case talent an award, an engagement and a pool membership, so each path exists.
  const awardOf = new Map<string, string>();
  const engagementOf = new Map<string, string>();
  const poolOf = new Map<string, string>();
  for (const { talent, profile } of cases) {
    // Qinghai's programme awards every case talent. Through the API Qinghai may name only talents
    // it may see (rule 5); the awards of the others go straight to the store, so each path exists.
    if (profile[QINGHAI]) {
      const award = await gql(
        'mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } } }',
        { i: { programId: 'prog-qinghai-scholar', talentId: talent._id, year: 2025, amount: 100000 } },
        { region: QINGHAI },
      );
      awardOf.set(talent._id, award.data!.recordAward.award.id);
    } else {
      const id = `AFIXTURE${awardOf.size}`; // not the talent's id: no answer may contain that
      await (hub.subgraphs.projects.store as ProjectsStore).insertAward({
        _id: id,
        programId: 'prog-qinghai-scholar',
        talentId: talent._id,
        year: 2025,
        amount: 100000,
        category: null,
      });
      awardOf.set(talent._id, id);
    }
    const engagement = await gql(
      'mutation($i: RecordEngagementInput!) { recordEngagement(input: $i) { engagement { id } } }',
      { i: { talentId: talent._id, homeRegion: talent.homeRegion, hostRegion: QINGHAI, kind: 'EXPERT_SERVICE', start: '2026-01-01' } },
      { region: talent.homeRegion },
    );
    engagementOf.set(talent._id, engagement.data!.recordEngagement.engagement.id);
    const pool = hub.dataset.experts.pools.find((p) => p.regionCode === talent.homeRegion)!;
    const added = await gql(
      'mutation($t: ID!, $p: ID!) { addTalentToPool(talentId: $t, poolId: $p) { pool { id } } }',
      { t: talent._id, p: pool._id },
      { region: talent.homeRegion },
    );
    expect(added.errors).toBeUndefined();
    poolOf.set(talent._id, pool._id);
  }
  return { hub, cases, awardOf, engagementOf, poolOf };
}
