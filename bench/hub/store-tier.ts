import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Document } from 'mongodb';
import { generateDataset } from '../../data/generate.ts';
import { AuditLog } from '../../platform/audit/chain.ts';
import type { Grant } from '../../platform/caller.ts';
import { createEmbeddedDatabase, EmbeddedCollection } from '../../store/embedded.ts';
import type { CollectionPort, DatabasePort } from '../../store/port.ts';
import { CoordinationStore } from '../../subgraphs/coordination/store.ts';
import { createContext } from '../../subgraphs/experts/context.ts';
import { createExpertsServer } from '../../subgraphs/experts/server.ts';
import { ExpertsStore, type TalentDimension } from '../../subgraphs/experts/store.ts';
import { visibilityFilter } from '../../subgraphs/experts/visibility.ts';
import { round } from '../lib/results.ts';
import type { StoreTier } from './scale.ts';

/**
 * One size of the scale scenario's store tier, measured in this process (started by
 * runStoreTiers in scale.ts, one fresh process per size, so its memory is its own): the embedded
 * store alone, no hub. Apart from scale.ts so the harness, which imports that for the scale
 * scenario, does not load the store, the subgraph and the generator it never uses itself.
 *
 *   npx tsx bench/hub/store-tier.ts --talents 100000 [--pipeline-up-to 100000]   (one JSON line)
 */

/** Opens the experts store afresh over the documents `db` holds, as a durable open does after reading its file; returns the ms it took. */
async function timeOpen(db: DatabasePort): Promise<number> {
  const names = await db.listCollections();
  const documents = new Map<string, Document[]>();
  for (const name of names) documents.set(name, await db.collection(name).find({}).toArray());
  const t0 = performance.now();
  const collections = new Map(names.map((name) => [name, new EmbeddedCollection<Document>(name, { initial: documents.get(name)! })]));
  const reopened: DatabasePort = {
    kind: 'embedded',
    collection: <T extends Document>(name: string) => {
      if (!collections.has(name)) collections.set(name, new EmbeddedCollection<Document>(name));
      return collections.get(name)! as unknown as CollectionPort<T>;
    },
    listCollections: async () => names,
    ping: async () => {},
    close: async () => {},
  };
  await ExpertsStore.open(reopened);
  return performance.now() - t0;
}

/** The caller of the talentStats measurements: Sichuan with the 川渝 agreement (every sector of Chongqing). */
const SICHUAN_GRANTS: Grant[] = [{ region: '500000', agreementId: 'agr-chuanyu', sectors: ['AGRICULTURE', 'INDUSTRY', 'SERVICES'], disciplines: [], contact: true }];
/** Shanghai with the Yangtze delta agreement (INDUSTRY and five disciplines): the part visible by discipline alone goes to the pipeline. */
const SHANGHAI_GRANTS: Grant[] = ['320000', '330000', '340000'].map((region) => ({
  region,
  agreementId: 'agr-yangtze-delta',
  sectors: ['INDUSTRY'],
  disciplines: ['430', '460', '470', '510', '520'],
  contact: true,
}));
const STATS: [string, TalentDimension[], Record<string, string>][] = [
  ['region', ['REGION'], {}],
  ['sector', ['SECTOR'], {}],
  ['discipline', ['DISCIPLINE'], {}],
  ['title', ['TITLE'], {}],
  ['regionStageAgriculture', ['REGION', 'CAREER_STAGE'], { sector: 'AGRICULTURE' }],
];

async function median(times: number, run: (i: number) => Promise<unknown>): Promise<number> {
  await run(0);
  const ms: number[] = [];
  for (let i = 1; i <= times; i++) {
    const t0 = performance.now();
    await run(i);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return round(ms[ms.length >> 1]!, 3);
}

/**
 * Measures one size in this process: generate, load into the embedded store (in memory: the same
 * work a durable open does after reading the file), drop the dataset, then time id lookups,
 * indexed filters, pool member counts, talent flows and talentStats, from the maintained counts
 * (through the subgraph) and, up to `pipelineUpTo` talents, with the aggregation pipeline.
 */
async function measureTier(talents: number, pipelineUpTo: number): Promise<StoreTier> {
  const t0 = performance.now();
  let dataset: ReturnType<typeof generateDataset> | undefined = generateDataset({ talents, seed: 20260101 });
  const generateMs = performance.now() - t0;
  const db = createEmbeddedDatabase();
  const t1 = performance.now();
  const store = await ExpertsStore.open(db);
  await store.seed(dataset.experts);
  const loadMs = performance.now() - t1;
  const coordination = await CoordinationStore.open(createEmbeddedDatabase());
  await coordination.seed(dataset.coordination);
  const ids = dataset.experts.talents.filter((_, i) => i % Math.max(1, Math.floor(talents / 500)) === 0).map((t) => t._id);
  const pools = dataset.experts.pools.filter((p) => p.regionCode.startsWith('51')).map((p) => p._id);
  dataset = undefined;
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();

  const medianMs: Record<string, number> = {};
  const reps = 30;
  medianMs.talentById = await median(reps, (i) => store.talentsByIds([ids[i % ids.length]!]));
  medianMs.talentsBy50Ids = await median(reps, (i) => store.talentsByIds(Array.from({ length: 50 }, (_, k) => ids[(i * 50 + k) % ids.length]!)));
  const page = { first: 20, afterKey: null };
  medianMs.pageHomeRegion = await median(reps, () => store.findTalents(store.talentFilter({ homeRegion: '510000' }), page));
  medianMs.pageHomeRegionSector = await median(reps, () => store.findTalents(store.talentFilter({ homeRegion: '500000', sector: 'INDUSTRY' }), page));
  medianMs.countHomeRegionStage = await median(reps, () => store.countTalents(store.talentFilter({ homeRegion: '510000', careerStage: 'SENIOR' })));
  // The same shape asked the first time (each request another province and stage): not yet kept, so it walks the smaller index entry.
  const provinces = [...new Set(ids.map((id) => id.split('-')[1]!))].sort();
  const stages = ['EARLY', 'MID', 'SENIOR', 'EMERITUS'];
  medianMs.countHomeRegionStageFirst = await median(Math.min(reps, provinces.length * stages.length - 1), (i) =>
    store.countTalents(store.talentFilter({ homeRegion: provinces[i % provinces.length]!, careerStage: stages[Math.floor(i / provinces.length) % stages.length]! })),
  );
  medianMs.countHomeRegion = await median(reps, () => store.countTalents(store.talentFilter({ homeRegion: '510000' })));
  medianMs.poolMemberCounts = await median(5, () => store.memberCounts(pools));
  medianMs.talentFlows = await median(5, async () => coordination.flowCounts(await coordination.engagementFilter({}), true));

  const { server } = createExpertsServer({ logError: () => {} });
  const audit = await AuditLog.open(db);
  const query = 'query($g: [TalentDimension!]!, $f: TalentFilter) { talentStats(groupBy: $g, filter: $f) { total groups { count keys { value } } } }';
  for (const [region, grants, who] of [
    ['510000', SICHUAN_GRANTS, 'sichuan'],
    ['310000', SHANGHAI_GRANTS, 'shanghai'],
  ] as const) {
    const caller = { sub: 'bench', region, scopes: new Set(['stats:read', 'talent:read']), purpose: null, grants: [...grants] };
    const contextValue = () => createContext({ store, audit }, { caller, operation: 'Bench', requestId: null, ownerLookupToken: null });
    for (const [name, groupBy, filter] of STATS) {
      medianMs[`talentStats.${who}.${name}`] = await median(10, async () => {
        const res = await server.executeOperation({ query, variables: { g: groupBy, f: filter } }, { contextValue: contextValue() });
        if (res.body.kind !== 'single' || res.body.singleResult.errors) throw new Error(`talentStats failed: ${JSON.stringify(res.body).slice(0, 300)}`);
      });
      if (talents <= pipelineUpTo) {
        const match = store.talentFilter(filter, visibilityFilter(caller, 'stats:read'));
        medianMs[`pipeline.${who}.${name}`] = await median(3, () => store.talentGroupCounts(match, groupBy, region));
      }
    }
  }
  const openMs = await timeOpen(db);
  return {
    talents,
    generateMs: Math.round(generateMs),
    loadMs: Math.round(loadMs),
    rssMb: Math.round(memory.rss / 1e6),
    heapMb: Math.round(memory.heapUsed / 1e6),
    medianMs,
    openMs: Math.round(openMs),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { talents: { type: 'string', default: '100000' }, 'pipeline-up-to': { type: 'string', default: '100000' } } });
  process.stdout.write(`${JSON.stringify(await measureTier(Number(values.talents), Number(values['pipeline-up-to'])))}\n`);
}
