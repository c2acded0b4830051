import { generateDataset } from '../../../data/generate.ts';
import { createEmbeddedDatabase } from '../../../store/embedded.ts';
import { recordCalls, type StoreCall } from '../../../store/port.ts';
import { AuditLog } from '../../../platform/audit/chain.ts';
import type { RequestInfo } from '../../../platform/request.ts';
import { createContext } from '../../../subgraphs/projects/context.ts';
import { callerFor } from '../../helpers/caller.ts';
import { startOwnerDirectory, talentAt } from '../../helpers/owners.ts';
import { AwardDoc, ChallengeDoc, ProgramDoc } from '../../../subgraphs/projects/model.ts';
import { createProjectsServer } from '../../../subgraphs/projects/server.ts';
import { ProjectsStore } from '../../../subgraphs/projects/store.ts';

/**
 * The projects subgraph tests' fixture: small hand-built programmes, awards and challenges, and an
 * in-process projects server over them (one per test file).
 */

// Small hand-built documents, parsed with the stored-document schemas so they are valid ones.
export const programs: ProgramDoc[] = [
  {
    _id: 'prog-qh-scholar',
    name: '青海学者',
    ownerRegion: '630000',
    kind: 'SCHOLAR',
    period: { start: '2021-01-01', end: '2025-12-31' },
    description: '青海省高层次人才支持计划',
    targets: [
      { metric: 'SCHOLARS', label: '入选学者', target: 40, unit: '人', source: 'AWARDS', awardCategory: null, reported: null },
      { metric: 'INTRODUCED', label: '引进人才', target: 8, unit: '人', source: 'AWARDS', awardCategory: 'INTRODUCED', reported: null },
      { metric: 'POSITIONS_USED', label: '编制使用', target: 50, unit: '个', source: 'REPORTED', awardCategory: null, reported: 20 },
      { metric: 'OPEN_GOAL', label: '未定目标', target: 0, unit: '人', source: 'AWARDS', awardCategory: 'TRAINED', reported: null },
    ],
  },
  {
    _id: 'prog-nc-ten',
    name: '南昌人才10条',
    ownerRegion: '360100',
    kind: 'POLICY_PACKAGE',
    period: { start: '2022-03-01', end: '2026-12-31' },
    description: '',
    targets: [{ metric: 'SUPPORTED', label: '支持人才', target: 30, unit: '人', source: 'AWARDS', awardCategory: null, reported: null }],
  },
  {
    _id: 'prog-jx-intro',
    name: '江西省双千计划',
    ownerRegion: '360000',
    kind: 'INTRODUCTION',
    period: { start: '2019-01-01', end: '2023-12-31' },
    description: '引进和培养高层次人才',
    targets: [
      { metric: 'INTRODUCED', label: '引进', target: 10, unit: '人', source: 'AWARDS', awardCategory: 'INTRODUCED', reported: null },
      { metric: 'TRAINED', label: '培养', target: 10, unit: '人', source: 'AWARDS', awardCategory: 'TRAINED', reported: null },
    ],
  },
  {
    _id: 'prog-sc-jbgs',
    name: '四川揭榜挂帅',
    ownerRegion: '510000',
    kind: 'OPEN_CHALLENGE',
    period: { start: '2023-01-01', end: '2027-12-31' },
    description: '',
    targets: [],
  },
].map((p) => ProgramDoc.parse(p));

export const talentIds = Array.from({ length: 60 }, (_, i) => `T${String(i + 1).padStart(6, '0')}`);
const awardPrograms = ['prog-qh-scholar', 'prog-nc-ten', 'prog-jx-intro'] as const;
const categories = [null, 'INTRODUCED', 'TRAINED'] as const;
const firstYear: Record<string, number> = { 'prog-qh-scholar': 2021, 'prog-nc-ten': 2022, 'prog-jx-intro': 2019 };
// Every talent gets one to three awards, spread over the three programmes, years and categories.
export const awards: AwardDoc[] = talentIds.flatMap((talentId, i) =>
  Array.from({ length: (i % 3) + 1 }, (_, j) => {
    const programId = awardPrograms[(i + j) % 3]!;
    return AwardDoc.parse({
      _id: `A${String(i * 10 + j).padStart(16, '0')}`,
      programId,
      talentId,
      year: firstYear[programId]! + ((i + 2 * j) % 4),
      amount: 100_000 * (j + 1),
      category: categories[(Math.floor(i / 3) + j) % 3]!,
    });
  }),
);

const challenges: ChallengeDoc[] = [
  {
    _id: 'chl-sc-1',
    title: '川西高原果蔬保鲜技术',
    regionCode: '510000',
    sector: 'AGRICULTURE',
    reward: 2_000_000,
    deadline: '2026-06-30',
    status: 'OPEN',
    programId: 'prog-sc-jbgs',
  },
  {
    _id: 'chl-sc-2',
    title: '成都轨道交通智能运维',
    regionCode: '510100',
    sector: 'INDUSTRY',
    reward: 5_000_000,
    deadline: '2026-03-31',
    status: 'OPEN',
    programId: 'prog-sc-jbgs',
  },
  { _id: 'chl-sc-3', title: '攀西钒钛资源综合利用', regionCode: '510400', sector: 'INDUSTRY', reward: 8_000_000, deadline: '2025-12-31', status: 'AWARDED', programId: null },
  { _id: 'chl-qh-1', title: '盐湖锂资源提取', regionCode: '630000', sector: 'INDUSTRY', reward: 3_000_000, deadline: '2026-01-15', status: 'OPEN', programId: null },
].map((c) => ChallengeDoc.parse(c));

const dataset = { programs, awards, challenges };

/** What a target should report, computed straight from the documents. */
export function expectedAchieved(program: ProgramDoc, metric: string, all: AwardDoc[] = awards): number {
  const t = program.targets.find((x) => x.metric === metric)!;
  if (t.source === 'REPORTED') return t.reported ?? 0;
  return all.filter((a) => a.programId === program._id && (t.awardCategory === null || a.category === t.awardCategory)).length;
}

/**
 * A projects subgraph in-process over the fixture documents (store calls recorded), with a real
 * experts subgraph that owns T000777; `run` executes an operation as a caller (default Qinghai).
 */
export async function setup() {
  const calls: StoreCall[] = [];
  const db = recordCalls(createEmbeddedDatabase(), (call) => calls.push(call));
  const store = await ProjectsStore.open(db);
  await store.seed(dataset);
  await store.seed(dataset); // idempotent: upserts by id
  calls.length = 0;
  const { server } = createProjectsServer({ logError: () => {} });
  const audit = await AuditLog.open(db);
  // The owner of talents (a real experts subgraph) knows T000777 as a Qinghai talent.
  const [base] = generateDataset({ talents: 1, seed: 3 }).experts.talents;
  const directory = await startOwnerDirectory([talentAt(base!, 'T-630000-000777', '630000', 'PRIVATE')]);
  // Most fixtures are Qinghai's programmes, so the default caller is Qinghai's system.
  const run = async (query: string, variables?: Record<string, unknown>, request: RequestInfo = callerFor('630000')) => {
    const contextValue = createContext({ store, audit, owners: directory.owners }, await directory.withLookup(request));
    const res = await server.executeOperation({ query, variables }, { contextValue });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return res.body.singleResult as { data?: any; errors?: any[] };
  };
  return { store, audit, calls, run, close: () => directory.close() };
}

/** The store writes among recorded calls. */
export const writes = (calls: StoreCall[]) => calls.filter((c) => ['insertOne', 'updateOne', 'bulkWrite'].includes(c.method));
/** Recorded calls as sorted `collection.method` strings. */
export const callCounts = (calls: StoreCall[]) => calls.map((c) => `${c.collection}.${c.method}`).sort();

export type ProjectsEnv = Awaited<ReturnType<typeof setup>>;
