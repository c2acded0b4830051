import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDataset } from '../../data/generate.ts';
import { AuditLog } from '../../platform/audit/chain.ts';
import type { Grant } from '../../platform/caller.ts';
import type { Document } from 'mongodb';
import { createEmbeddedDatabase, EmbeddedCollection } from '../../store/embedded.ts';
import type { CollectionPort, DatabasePort } from '../../store/port.ts';
import { CoordinationStore } from '../../subgraphs/coordination/store.ts';
import { createContext } from '../../subgraphs/experts/context.ts';
import { createExpertsServer } from '../../subgraphs/experts/server.ts';
import { ExpertsStore, type TalentDimension } from '../../subgraphs/experts/store.ts';
import { visibilityFilter } from '../../subgraphs/experts/visibility.ts';
import { compareInterleaved, type LoadSettings } from '../lib/compare.ts';
import { type Entry, entryOf, failedEntry, round } from '../lib/results.ts';
import { BENCH_CLIENT } from '../lib/tokens.ts';
import { canonicalJson } from '../lib/canonical.ts';
import { postGraphQL } from '../lib/process.ts';
import { ask, canonicalOf, probes, references } from './scenario.ts';
import { measureSerial, type PageFilter, type SerialSettings, serialSets } from './serial.ts';
import { type RunningHub, startHub } from './start.ts';

/** The queries of the scale scenario: the varied cross query (each request its own store work) and the lookup by id. */
export const SCALE_QUERIES = ['talentsCrossVaried', 'talentById'] as const;

/** The dashboards' aggregate, timed uncached through the gateway at each size (issue 16, goal 5: at most 100 ms at 100,000 talents). */
const TALENT_STATS_QUERY = 'query BenchTalentStats($g: [TalentDimension!]!, $f: TalentFilter) { talentStats(groupBy: $g, filter: $f) { total groups { count keys { value } } } }';
/** The groupings timed: by province (the dashboard's map), and by province and career stage within a sector. */
const TALENT_STATS_REQUESTS: Record<string, { g: string[]; f?: Record<string, string> }> = {
  region: { g: ['REGION'] },
  regionStageAgriculture: { g: ['REGION', 'CAREER_STAGE'], f: { sector: 'AGRICULTURE' } },
};
/** The goal: uncached talentStats at 100,000 talents in at most this many ms. */
export const TALENT_STATS_TARGET_MS = 100;

/** talentStats timed at one size: per grouping, the median and the slowest of the serial uncached requests. */
export interface TalentStatsTiming {
  talents: number;
  /** Requests per grouping (after one unmeasured request that gives the reference answer). */
  samples: number;
  medianMs: Record<string, number>;
  maxMs: Record<string, number>;
}

/**
 * talentStats through the gateway, one request at a time with `Cache-Control: no-cache` (the
 * gateway's response cache neither answers nor is read: every request asks the experts nodes),
 * on an otherwise idle hub. Every answer must equal the first one (no errors).
 */
export async function timeTalentStats(hub: RunningHub, headers: Record<string, string>, talents: number, samples = 15): Promise<TalentStatsTiming> {
  const noCache = { ...headers, 'cache-control': 'no-cache' };
  const medianMs: Record<string, number> = {};
  const maxMs: Record<string, number> = {};
  for (const [name, variables] of Object.entries(TALENT_STATS_REQUESTS)) {
    const reference = canonicalJson(await ask(hub.gatewayUrl, TALENT_STATS_QUERY, variables, noCache));
    const ms: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t0 = performance.now();
      const res = await postGraphQL(hub.gatewayUrl, { query: TALENT_STATS_QUERY, variables }, noCache);
      ms.push(performance.now() - t0);
      if (res.status !== 200 || canonicalOf(res.text) !== reference) throw new Error(`talentStats (${name}) answered differently (HTTP ${res.status}): ${res.text.slice(0, 300)}`);
    }
    ms.sort((a, b) => a - b);
    medianMs[name] = round(ms[ms.length >> 1]!, 1);
    maxMs[name] = round(ms.at(-1)!, 1);
  }
  return { talents, samples, medianMs, maxMs };
}

/** What the scale scenario returns: the rows, and the uncached talentStats timings per size. */
export interface ScaleResult {
  entries: Entry[];
  talentStats: TalentStatsTiming[];
  /** What failed besides the rows (a talentStats answer that differed or carried errors). */
  problems: string[];
}

/**
 * Scenario 3, scale: the varied cross query and the lookup by id through the gateway at each size
 * of seeded talents, to show how latency grows with the data, and talentStats uncached (serial)
 * at each size. Without `hubs`, a fresh hub per size, one after the other (up to 1,000,000
 * talents, each hub is started when the previous one has stopped). With `hubs` (quick mode: hubs
 * started together with the other scenarios' and already running), every size is measured in the
 * same interleaved rounds, so drift hits every size alike.
 */
export async function runScaleScenario(options: {
  settings: LoadSettings;
  headers: Record<string, string>;
  sizes: number[];
  /** Running hubs by size (three experts nodes), shared with other scenarios: not stopped here. */
  hubs?: Map<number, Promise<RunningHub>>;
  /** Goal 6 as a caller sees it (hub/serial.ts): requests one at a time per size; absent: not measured. */
  serial?: SerialSettings;
  log: (line: string) => void;
}): Promise<ScaleResult> {
  const entries: Entry[] = [];
  const talentStats: TalentStatsTiming[] = [];
  const problems: string[] = [];
  const fail = (talents: number, error: unknown) => {
    const note = error instanceof Error ? error.message.slice(0, 600) : String(error);
    for (const q of SCALE_QUERIES) entries.push(failedEntry('scale', q, 'hub', note, talents));
    options.log(`  ${talents} talents: FAILED ${note}`);
  };
  const stats = async (hub: RunningHub, talents: number) => {
    try {
      const timing = await timeTalentStats(hub, options.headers, talents);
      talentStats.push(timing);
      options.log(
        `  talentStats uncached (serial, Cache-Control: no-cache), ${talents} talents: ${Object.entries(timing.medianMs)
          .map(([k, v]) => `${k} median ${v} ms (slowest ${timing.maxMs[k]} ms)`)
          .join(', ')} over ${timing.samples} requests each`,
      );
    } catch (error) {
      problems.push(`talentStats at ${talents} talents: ${error instanceof Error ? error.message.slice(0, 600) : String(error)}`);
      options.log(`  talentStats at ${talents} talents: FAILED ${problems.at(-1)}`);
    }
  };
  // One-at-a-time latency (hub/serial.ts); the page filters are the smallest size's, at every size.
  let filters: PageFilter[] | undefined;
  const serial = async (ready: { talents: number; hub: RunningHub }[]) => {
    if (!options.serial || ready.length === 0) return;
    try {
      const measured = [];
      for (const { talents, hub } of [...ready].sort((a, b) => a.talents - b.talents)) {
        const sets = await serialSets(hub, talents, options.headers, filters);
        filters ??= sets.filters;
        measured.push({ talents, hub, sets });
      }
      const rows = await measureSerial(measured, options.serial);
      entries.push(...rows);
      for (const e of rows) options.log(`  ${e.talents} talents, ${e.query} one at a time: p50 ${e.p50Ms} ms, p99 ${e.p99Ms} ms (${e.note})`);
    } catch (error) {
      problems.push(`serial latency at ${ready.map((r) => r.talents).join(', ')} talents: ${error instanceof Error ? error.message.slice(0, 600) : String(error)}`);
      options.log(`  serial latency: FAILED ${problems.at(-1)}`);
    }
  };
  const targetsOf = async (hub: RunningHub, talents: number, suffix: string) => {
    const ref = await references(hub, options.headers);
    options.log(
      `  ${talents} talents: reference answers read through the gateway (${ref.talentsCrossVaried.bodies.length} filters; ${ref.talentById.bodies.length} talents of region ${BENCH_CLIENT.region})`,
    );
    return SCALE_QUERIES.map((q) => ({
      name: `${q}${suffix}`,
      url: hub.gatewayUrl,
      headers: options.headers,
      probe: probes(ref[q]),
      fetches: hub.fetches,
      pids: hub.gatewayPid === undefined ? [] : [hub.gatewayPid],
    }));
  };
  if (options.hubs && options.sizes.every((talents) => options.hubs!.has(talents))) {
    const ready: { talents: number; hub: RunningHub }[] = [];
    const targets = [];
    for (const talents of options.sizes) {
      try {
        const hub = await options.hubs.get(talents)!;
        targets.push(...(await targetsOf(hub, talents, `@${talents}`)));
        ready.push({ talents, hub });
      } catch (error) {
        fail(talents, error);
      }
    }
    const summaries = await compareInterleaved(targets, options.settings, options.log);
    for (const { talents } of ready) for (const q of SCALE_QUERIES) entries.push(entryOf('scale', q, 'hub', summaries.get(`${q}@${talents}`)!, { talents }));
    await serial(ready);
    for (const { talents, hub } of ready) await stats(hub, talents);
    return { entries, talentStats, problems };
  }
  // Smallest first: its page filters are every size's (hub/serial.ts).
  for (const talents of [...options.sizes].sort((x, y) => x - y)) {
    const shared = options.hubs?.get(talents);
    let hub: RunningHub | undefined;
    try {
      hub = await (shared ?? startHub(talents, options.log));
      const summaries = await compareInterleaved(await targetsOf(hub, talents, ''), options.settings, options.log);
      for (const q of SCALE_QUERIES) entries.push(entryOf('scale', q, 'hub', summaries.get(q)!, { talents }));
      await serial([{ talents, hub }]);
      await stats(hub, talents);
    } catch (error) {
      fail(talents, error);
    } finally {
      if (!shared) await hub?.stop();
    }
  }
  return { entries, talentStats, problems };
}

/** One size of the store tier: what loading costs and how fast the store answers, in one fresh process. */
export interface StoreTier {
  talents: number;
  /** Generating the dataset (data/generate.ts). */
  generateMs: number;
  /** Loading the talents, pools and disciplines into the embedded store: documents, indexes, talent counts. */
  loadMs: number;
  /** Resident memory of the process once the store is loaded and the generated dataset dropped, and the JS heap in use. */
  rssMb: number;
  heapMb: number;
  /** Median times (ms) of store calls and of talentStats through the experts subgraph (in-process, no cache). */
  medianMs: Record<string, number>;
  /**
   * Opening the experts store over its documents (collections, indexes, the talent counts'
   * check): what opening a durable store does once SQLite has handed over the rows (reading and
   * parsing them not included).
   */
  openMs?: number;
}

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

/**
 * The store tier of the scale scenario: each size measured in a fresh process (so its memory is
 * its own), one after the other. Reported beside the scale scenario in `bench/results/latest.json`.
 * The pipeline's talentStats (the answer before the maintained counts) is timed up to `pipelineUpTo` talents.
 */
export function runStoreTiers(sizes: readonly number[], log: (line: string) => void, options: { pipelineUpTo?: number } = {}): StoreTier[] {
  const tiers: StoreTier[] = [];
  const pipelineUpTo = String(options.pipelineUpTo ?? 100_000);
  for (const talents of sizes) {
    const args = ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(import.meta.url), '--talents', String(talents), '--pipeline-up-to', pipelineUpTo];
    const out = execFileSync(process.execPath, args, {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    const tier = JSON.parse(out.trim().split('\n').at(-1)!) as StoreTier;
    tiers.push(tier);
    log(
      `  store tier ${talents} talents: generated in ${tier.generateMs} ms, loaded in ${tier.loadMs} ms, opened again in ${tier.openMs} ms, RSS ${tier.rssMb} MB (heap ${tier.heapMb} MB)`,
    );
    log(
      `    ${Object.entries(tier.medianMs)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} (median ms)`,
    );
  }
  return tiers;
}

/**
 * Each measured time at the largest size ÷ at the smallest (goal: id lookups and indexed filters
 * within 1.2 from 1,000 to 1,000,000 talents).
 */
export function storeGrowth(tiers: readonly StoreTier[]): { talents: number[]; ratios: Record<string, number> } | null {
  const sorted = [...tiers].sort((a, b) => a.talents - b.talents);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last || first === last) return null;
  const ratios: Record<string, number> = {};
  for (const [key, ms] of Object.entries(last.medianMs)) {
    const base = first.medianMs[key];
    if (base !== undefined && base > 0) ratios[key] = round(ms / base, 2);
  }
  return { talents: [first.talents, last.talents], ratios };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { talents: { type: 'string', default: '100000' }, 'pipeline-up-to': { type: 'string', default: '100000' } } });
  process.stdout.write(`${JSON.stringify(await measureTier(Number(values.talents), Number(values['pipeline-up-to'])))}\n`);
}
