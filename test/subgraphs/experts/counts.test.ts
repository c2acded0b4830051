import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../data/generate.ts';
import { AuditLog } from '../../../platform/audit/chain.ts';
import type { Grant } from '../../../platform/caller.ts';
import { createEmbeddedDatabase } from '../../../store/embedded.ts';
import type { DatabasePort } from '../../../store/port.ts';
import { createContext } from '../../../subgraphs/experts/context.ts';
import { createExpertsServer } from '../../../subgraphs/experts/server.ts';
import { ExpertsStore, type TalentDimension, type TalentGroupCount, type TalentQuery } from '../../../subgraphs/experts/store.ts';
import { visibilityFilter } from '../../../subgraphs/experts/visibility.ts';
import { ALL_SCOPES, callerFor } from '../../helpers/caller.ts';

// The talent counts kept as talents are written (subgraphs/experts/counts.ts) must give exactly the
// aggregation pipeline's answer, for every caller, grouping and filter they answer, after writes
// and after a restart.

const dataset = generateDataset({ talents: 800, seed: 5 });
const grant = (region: string, sectors: string[], disciplines: string[] = []): Grant => ({ region, agreementId: `agr-${region}`, sectors, disciplines, contact: false });
/** Callers: agreements by sectors, by sectors and disciplines, by disciplines alone, none; a grant naming the caller's own province. */
const CALLERS: { region: string; grants: Grant[] }[] = [
  { region: '510000', grants: [grant('500000', ['AGRICULTURE', 'INDUSTRY', 'SERVICES'])] },
  { region: '310000', grants: ['320000', '330000', '340000'].map((r) => grant(r, ['INDUSTRY'], ['430', '460', '470', '510', '520'])) },
  { region: '110000', grants: [grant('120000', ['INDUSTRY', 'SERVICES']), grant('130000', [], ['210', '220', '230']), grant('110000', ['SERVICES'])] },
  { region: '440000', grants: [grant('520000', ['AGRICULTURE']), grant('520000', [], ['630'])] },
  { region: '650000', grants: [] },
];
const DIMENSIONS: TalentDimension[][] = [
  ['REGION'],
  ['SECTOR'],
  ['DISCIPLINE'],
  ['CAREER_STAGE'],
  ['TITLE'],
  ['AVAILABILITY'],
  ['REGION', 'SECTOR'],
  ['SECTOR', 'DISCIPLINE'],
  ['DISCIPLINE', 'TITLE'],
  ['CAREER_STAGE', 'AVAILABILITY'],
  ['REGION', 'SECTOR', 'CAREER_STAGE'],
  ['TITLE', 'CAREER_STAGE', 'AVAILABILITY'],
];
const someDiscipline = dataset.experts.talents[7]!.disciplineCodes[0]!;
const FILTERS: TalentQuery[] = [
  {},
  { sector: 'AGRICULTURE' },
  { discipline: someDiscipline },
  { careerStage: 'SENIOR' },
  { availability: 'LIMITED', sector: 'INDUSTRY' },
  { homeRegion: '500000' },
  { homeRegion: '320000', careerStage: 'MID' },
  { discipline: '430', availability: 'AVAILABLE' },
];

const sorted = (r: { groups: TalentGroupCount[]; total: unknown }) => ({
  groups: [...r.groups].sort((a, b) => JSON.stringify(a.values).localeCompare(JSON.stringify(b.values))),
  total: r.total,
});

/** The counts' answer to every (caller × grouping × filter), null where they do not answer. */
async function answersOf(store: ExpertsStore) {
  const answers: unknown[] = [];
  for (const { region, grants } of CALLERS) {
    for (const dimensions of DIMENSIONS) {
      for (const filter of FILTERS) {
        const counted = await store.maintainedGroupCounts({ filter, dimensions, own: region, grants });
        answers.push(counted && sorted(counted));
      }
    }
  }
  return answers;
}

/** Every (caller × grouping × filter): the counts' answer equals the pipeline's; returns the answers. */
async function compareAll(store: ExpertsStore): Promise<unknown[]> {
  const answers = await answersOf(store);
  let i = 0;
  for (const { region, grants } of CALLERS) {
    const { caller } = callerFor(region, ALL_SCOPES, { grants });
    for (const dimensions of DIMENSIONS) {
      for (const filter of FILTERS) {
        const counted = answers[i++];
        if (!counted) continue;
        const piped = await store.talentGroupCounts(store.talentFilter(filter, visibilityFilter(caller, 'stats:read')), dimensions, region);
        expect(counted, JSON.stringify({ region, dimensions, filter })).toEqual(sorted(piped));
      }
    }
  }
  return answers;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('talent counts kept as talents are written', () => {
  it('answer like the pipeline on a seeded store, after registrations and updates, and after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-counts-'));
    dirs.push(dir);
    const file = join(dir, 'experts.sqlite');
    let db: DatabasePort = createEmbeddedDatabase({ file });
    let store = await ExpertsStore.open(db);
    await store.seed(dataset.experts);
    const seeded = (await compareAll(store)).filter(Boolean).length;
    // Most questions are answered from the counts; text, skill and pool filters and three cell dimensions are not.
    expect(seeded).toBeGreaterThan(CALLERS.length * DIMENSIONS.length * FILTERS.length * 0.6);
    expect(await store.maintainedGroupCounts({ filter: { skill: 'x' }, dimensions: ['REGION'], own: '510000', grants: [] })).toBeNull();
    expect(await store.maintainedGroupCounts({ filter: {}, dimensions: ['TITLE', 'CAREER_STAGE', 'AVAILABILITY'], own: '510000', grants: [] })).toBeNull();

    // Writes through the GraphQL boundary, as each province's system sends them.
    const { server } = createExpertsServer({ logError: () => {} });
    const audit = await AuditLog.open(db);
    const run = async (region: string, query: string, variables: Record<string, unknown>) => {
      const res = await server.executeOperation({ query, variables }, { contextValue: createContext({ store, audit }, callerFor(region)) });
      if (res.body.kind !== 'single') throw new Error('expected a single result');
      expect(res.body.singleResult.errors).toBeUndefined();
      return res.body.singleResult.data as Record<string, any>;
    };
    const REGISTER = 'mutation($input: RegisterTalentInput!) { registerTalent(input: $input) { talent { id } } }';
    const UPDATE = 'mutation($id: ID!, $input: UpdateTalentInput!) { updateTalent(id: $id, input: $input) { talent { id } } }';
    const base = { name: '计数测试', gender: 'FEMALE', birthYear: 1980, degree: 'MASTER', organization: '测试单位', skills: [], source: '测试' };
    const registered: [string, string][] = [];
    for (const [i, region] of ['500000', '320000', '130000', '510000', '520000'].entries()) {
      const input = {
        ...base,
        title: i % 2 ? '研究员' : '新职称.一级',
        careerStage: 'MID',
        disciplineCodes: i % 2 ? ['430', '210'] : ['630'],
        sectors: i % 2 ? ['SERVICES'] : ['AGRICULTURE', 'SERVICES'],
        homeRegion: region,
        availability: 'AVAILABLE',
        sharing: i === 3 ? 'PRIVATE' : 'AGREEMENT',
      };
      const data = await run(region, REGISTER, { input });
      registered.push([region, data.registerTalent.talent.id]);
    }
    // Updates that move talents between classes and cells, and one that touches no counted field.
    const seededAgreement = dataset.experts.talents.find((t) => t.homeRegion === '340000' && t.sharing === 'AGREEMENT')!;
    await run('340000', UPDATE, { id: seededAgreement._id, input: { sharing: 'NATIONAL', sectors: ['SERVICES'], disciplineCodes: ['470'], title: '教授' } });
    await run(registered[0]![0], UPDATE, { id: registered[0]![1], input: { careerStage: 'LEADING', availability: 'LIMITED' } });
    await run(registered[1]![0], UPDATE, { id: registered[1]![1], input: { sharing: 'NATIONAL' } });
    await run(registered[2]![0], UPDATE, { id: registered[2]![1], input: { name: '改名' } });
    const written = await compareAll(store);
    expect(written.filter(Boolean).length).toBe(seeded);

    // A restart reads the counts back as they were written (checked against the pipeline just above).
    await db.close();
    db = createEmbeddedDatabase({ file });
    store = await ExpertsStore.open(db);
    expect(await answersOf(store)).toEqual(written);

    // Counts lost (or of another layout) are rebuilt from the talents at open.
    await db.collection('talent_counts').deleteMany({});
    await db.close();
    db = createEmbeddedDatabase({ file });
    store = await ExpertsStore.open(db);
    expect(await answersOf(store)).toEqual(written);
    await db.close();
  }, 120_000);

  it('refuses a discipline named twice, so a talent counts once per discipline', async () => {
    const db = createEmbeddedDatabase();
    const store = await ExpertsStore.open(db);
    await store.seed({ talents: [], pools: [], disciplines: dataset.experts.disciplines });
    const { server } = createExpertsServer({ logError: () => {} });
    const audit = await AuditLog.open(db);
    const input = {
      name: '重复学科',
      gender: 'MALE',
      birthYear: 1980,
      degree: 'MASTER',
      title: '研究员',
      careerStage: 'MID',
      organization: '测试单位',
      disciplineCodes: ['430', '430'],
      sectors: ['INDUSTRY'],
      homeRegion: '510000',
      availability: 'AVAILABLE',
      sharing: 'NATIONAL',
      source: '测试',
    };
    const res = await server.executeOperation(
      { query: 'mutation($input: RegisterTalentInput!) { registerTalent(input: $input) { talent { id } } }', variables: { input } },
      { contextValue: createContext({ store, audit }, callerFor('510000')) },
    );
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    expect(res.body.singleResult.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.disciplineCodes.1' });
    expect(await store.countTalents({})).toBe(0);
  });
});
