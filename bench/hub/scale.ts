import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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
 * at each size. Without `hubs`, a fresh hub per size, one after the other under load (up to
 * 1,000,000 talents, each started when the previous one's rounds are done), all kept up until the
 * one-at-a-time latencies have been measured over every size in the same turns. With `hubs` (quick mode: hubs
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
  // One size at a time under load; every hub that answered stays up (idle) until the one-at-a-time
  // latencies are measured over all sizes taking turns request by request, as in quick mode: measured
  // size by size, 10-20 minutes apart, the same hubs' growths mixed moments of the machine (a full run
  // of 2026-12-03 timed the page at 1,000 talents slower than at 100,000). Smallest first: its page
  // filters are every size's (hub/serial.ts). At 1M the three hubs' experts nodes hold about 3.1 GB together.
  const ready: { talents: number; hub: RunningHub }[] = [];
  const own: RunningHub[] = [];
  try {
    for (const talents of [...options.sizes].sort((x, y) => x - y)) {
      const shared = options.hubs?.get(talents);
      let hub: RunningHub | undefined;
      try {
        hub = await (shared ?? startHub(talents, options.log));
        if (!shared) own.push(hub);
        const summaries = await compareInterleaved(await targetsOf(hub, talents, ''), options.settings, options.log);
        for (const q of SCALE_QUERIES) entries.push(entryOf('scale', q, 'hub', summaries.get(q)!, { talents }));
        ready.push({ talents, hub });
      } catch (error) {
        fail(talents, error);
        if (hub && !shared) {
          own.splice(own.indexOf(hub), 1);
          await hub.stop();
        }
      }
    }
    await serial(ready);
    for (const { talents, hub } of ready) await stats(hub, talents);
  } finally {
    await Promise.allSettled(own.map((hub) => hub.stop()));
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

/**
 * The store tier of the scale scenario: each size measured in a fresh process of store-tier.ts (so
 * its memory is its own), one after the other. Reported beside the scale scenario in `bench/results/latest.json`.
 * The pipeline's talentStats (the answer before the maintained counts) is timed up to `pipelineUpTo` talents.
 */
export function runStoreTiers(sizes: readonly number[], log: (line: string) => void, options: { pipelineUpTo?: number } = {}): StoreTier[] {
  const tiers: StoreTier[] = [];
  const pipelineUpTo = String(options.pipelineUpTo ?? 100_000);
  for (const talents of sizes) {
    const entry = fileURLToPath(new URL('./store-tier.ts', import.meta.url));
    const args = ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', entry, '--talents', String(talents), '--pipeline-up-to', pipelineUpTo];
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
