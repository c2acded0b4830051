import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_FEDERATION_TARGETS,
  DEFAULT_ONE_CONNECTION_TARGETS,
  FEDERATION_TARGETS,
  type FederationTarget,
  hiveGatewayVersion,
  runFederationScenario,
} from './federation/scenario.ts';
import { runNodesScenario } from './hub/nodes.ts';
import { runLinkageScenario } from './linkage.ts';
import { runHubScenario } from './hub/scenario.ts';
import { runScaleScenario, runStoreTiers, SCALE_QUERIES, type StoreTier, storeGrowth, TALENT_STATS_TARGET_MS, type TalentStatsTiming } from './hub/scale.ts';
import { type RunningHub, startHub } from './hub/start.ts';
import type { TopologyName } from '../scripts/lib/topology.ts';
import { measureStartup, type StartupResult } from './startup.ts';
import { drainSpills, type LoadSettings } from './lib/compare.ts';
import { DEFAULT_FEDERATION_DIR, requireFederationDir, RESULTS_DIR } from './lib/paths.ts';
import { killAllNow, setVerbose, stopAll } from './lib/process.ts';
import { type Entry, formatTable, machineInfo, round } from './lib/results.ts';
import { BENCH_CLIENT, clientToken } from './lib/tokens.ts';

const SCENARIOS = ['federation', 'hub', 'nodes', 'scale', 'linkage'] as const;
type Scenario = (typeof SCENARIOS)[number];

const usage = `Usage: npm run bench -- [--quick] [--scenario federation,hub,nodes,scale,linkage] [--duration s] [--warmup s]
                        [--rounds n] [--connections n] [--sizes 1000,100000,1000000]
                        [--targets ${FEDERATION_TARGETS.join(',')}] [--one-connection targets|none]
                        [--federation-dir dir] [--out file] [--verbose]`;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    scenario: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string' },
    sizes: { type: 'string' },
    targets: { type: 'string' },
    'one-connection': { type: 'string' },
    'federation-dir': { type: 'string', default: DEFAULT_FEDERATION_DIR },
    'subgraph-port': { type: 'string' },
    out: { type: 'string', default: join(RESULTS_DIR, 'latest.json') },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${name} must be a positive number (got "${text}").\n${usage}`);
    process.exit(2);
  }
  return n;
}
function list<T extends string>(name: string, text: string | undefined, allowed: readonly T[], fallback: readonly T[]): T[] {
  if (text === undefined) return [...fallback];
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = items.filter((s) => !(allowed as readonly string[]).includes(s));
  if (unknown.length) {
    console.error(`--${name}: unknown ${unknown.join(', ')} (known: ${allowed.join(', ')}).\n${usage}`);
    process.exit(2);
  }
  return items as T[];
}

const quick = values.quick;
// Quick mode (a 5-minute budget on 2 cores): two rounds, warm-ups of all targets at once, and the
// drain after a measurement capped (see LoadSettings.quick); every answer is still checked.
const settings: LoadSettings = {
  durationS: positive('duration', values.duration, quick ? 4 : 15),
  warmupS: values.warmup === '0' ? 0 : positive('warmup', values.warmup, quick ? 3 : 8),
  rounds: Math.max(1, Math.round(positive('rounds', values.rounds, quick ? 2 : 3))),
  connections: Math.round(positive('connections', values.connections, 50)),
  ...(quick ? { parallelWarmup: true, quick: true } : {}),
};
const scenarios = list('scenario', values.scenario, SCENARIOS, SCENARIOS);
const federationTargets = list('targets', values.targets, FEDERATION_TARGETS, DEFAULT_FEDERATION_TARGETS);
// Hive Gateway is a comparison target that takes a third of the federation scenario: quick mode
// leaves it out unless --targets names it.
// The static ceiling (hubVsStatic, no goal) costs two measurements: quick mode leaves it out too.
const skippedHive = quick && values.targets === undefined ? federationTargets.filter((t) => t.startsWith('hive-') || t === 'static') : [];
const measuredFederationTargets = federationTargets.filter((t) => !skippedHive.includes(t));
// One connection (TestQuery): by default those of DEFAULT_ONE_CONNECTION_TARGETS measured under load,
// and hub-documents (started for it); `--one-connection none` skips the phase.
const oneConnectionTargets =
  values['one-connection'] === 'none'
    ? []
    : values['one-connection'] !== undefined
      ? list('one-connection', values['one-connection'], FEDERATION_TARGETS, [])
      : DEFAULT_ONE_CONNECTION_TARGETS.filter((t) => t === 'hub-documents' || measuredFederationTargets.includes(t));
// One request at a time takes ~40 ms here: 3 s rounds give ~75 answers each in quick mode.
const oneConnectionDurationS = quick && values.duration === undefined ? 3 : settings.durationS;
// Full: up to 1,000,000 talents (the 1M tier: each hub process generates the dataset, minutes on 2 cores);
// quick measures 3,000 (scenario 2's hub, shared) and 100,000 so it stays within 5 minutes
// (`--sizes 1000,100000,1000000` asks for 1M).
const sizes = (values.sizes ?? (quick ? '3000,100000' : '1000,100000,1000000')).split(',').map((s) => positive('sizes', s, 1000));
setVerbose(values.verbose);

// @apollo/gateway's telemetry exporter probes cloud metadata and reports to Apollo: loopback only
// here (the hub turns it off the same way; every process started by the benchmark inherits this).
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const log = (line: string) => console.log(line);
process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the services started by the benchmark`);
    stopAll().finally(() => process.exit(130));
  });
}

const startedAt = new Date();
const loadAtStart = round(loadavg()[0]!, 1);
const token = clientToken();
const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
log(
  `Benchmark (${quick ? 'quick' : 'full'}): ${settings.connections} connections, ${settings.rounds} interleaved rounds of ${settings.durationS} s after a ${settings.warmupS} s warm-up per target`,
);
log(token ? `Client token from npm run token (region ${BENCH_CLIENT.region}, scopes "${BENCH_CLIENT.scope}")` : 'No scripts/token.ts: sending no Authorization header');

const entries: Entry[] = [];
const problems: string[] = [];
async function scenario(name: Scenario, title: string, run: () => Promise<Entry[]>) {
  if (!scenarios.includes(name)) return;
  log(`\n== ${title}`);
  const t0 = Date.now();
  try {
    entries.push(...(await run()));
  } catch (error) {
    problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`  scenario ${name} failed:`, error);
  }
  log(`  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

if (skippedHive.length && scenarios.includes('federation')) log(`\nQuick mode leaves out ${skippedHive.join(', ')} (name them with --targets to measure them)`);
await scenario('federation', 'Scenario 1: the standard federation workload (TestQuery, 4 benchmark subgraphs)', () =>
  runFederationScenario({
    dir: requireFederationDir(values['federation-dir']),
    settings,
    targets: measuredFederationTargets as FederationTarget[],
    oneConnection: { targets: oneConnectionTargets, durationS: oneConnectionDurationS },
    headers,
    ...(values['subgraph-port'] ? { subgraphPort: Number(values['subgraph-port']) } : {}),
    log,
  }),
);
// Scale compares a target with itself across sizes, and the nodes scenario two hubs measured in
// the same round, not gateways with each other: quick mode spends one round on each (unless
// --rounds says otherwise).
const oneRoundInQuick = quick && values.rounds === undefined ? { ...settings, rounds: 1 } : settings;
const scaleSettings = oneRoundInQuick;

// The hubs of scenarios 2, 4 and 3 are started once, all at the same time, and shared: scenario 2's
// hub (three experts nodes, 3,000 talents) is scenario 4's three-node hub and, in quick mode, the
// scale scenario's smallest size; in quick mode the scale scenario's other sizes start with them
// too (the full run starts its sizes one after the other: 1,000,000 talents take gigabytes). Every
// start has finished before the first measurement; a hub waiting for its scenario is idle.
const HUB_TALENTS = 3000;
const pool = new Map<string, Promise<RunningHub>>();
function pooled(talents: number, topology: TopologyName): Promise<RunningHub> {
  const key = `${topology}@${talents}`;
  let hub = pool.get(key);
  if (!hub) {
    hub = startHub(talents, log, topology);
    // Awaited (and its failure reported) by the scenario that uses it.
    hub.catch(() => {});
    pool.set(key, hub);
  }
  return hub;
}
const scaleTogether = quick && scenarios.includes('scale');
if (scenarios.includes('hub') || scenarios.includes('nodes') || (scenarios.includes('scale') && sizes.includes(HUB_TALENTS))) pooled(HUB_TALENTS, 'three');
if (scenarios.includes('nodes')) pooled(HUB_TALENTS, 'single');
if (scaleTogether) for (const talents of sizes) pooled(talents, 'three');
if (pool.size) {
  log(`\n== Starting the hubs of scenarios 2-4 together: ${[...pool.keys()].join(', ')} (topology@talents)`);
  const t0 = Date.now();
  await Promise.allSettled(pool.values());
  log(`  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
const scaleHubs = new Map<number, Promise<RunningHub>>();
for (const talents of sizes) {
  const hub = pool.get(`three@${talents}`);
  if (hub) scaleHubs.set(talents, hub);
}

await scenario('hub', "Scenario 2: the hub's own workload (gateway vs straight to the experts node)", () =>
  runHubScenario({ settings, headers, talents: HUB_TALENTS, hub: pooled(HUB_TALENTS, 'three'), log }),
);
// Quick mode runs the nodes scenario one request at a time only: the rows whose ratios have targets
// (threeNodes…Time); the rows under load (threeNodes…Cost) are the full run's.
await scenario('nodes', 'Scenario 4: three experts nodes vs one node (same seed, same queries)', () =>
  runNodesScenario({
    settings: oneRoundInQuick,
    headers,
    talents: HUB_TALENTS,
    hubs: { single: pooled(HUB_TALENTS, 'single'), three: pooled(HUB_TALENTS, 'three') },
    ...(quick ? { phases: ['serial'] as const } : {}),
    log,
  }),
);
// Hubs the scale scenario does not measure are stopped before it (the full run starts 1,000,000 talents there).
const scaleHubSet = new Set(scaleHubs.values());
await Promise.allSettled([...pool.values()].filter((hub) => !scaleHubSet.has(hub)).map(async (hub) => (await hub).stop()));
let talentStats: TalentStatsTiming[] = [];
await scenario('scale', `Scenario 3: scale (${sizes.join(', ')} talents)`, async () => {
  const result = await runScaleScenario({ settings: scaleSettings, headers, sizes, hubs: scaleHubs, log });
  talentStats = result.talentStats;
  problems.push(...result.problems);
  return result.entries;
});
await Promise.allSettled([...scaleHubSet].map(async (hub) => (await hub).stop()));
// Linkage (issue 17): in-process, no services; quick mode runs 10k per side only. Its own results file.
await scenario('linkage', 'Scenario 5: linkage quality and speed (records per side)', async () => {
  await runLinkageScenario({ sizes: quick ? [10_000] : [10_000, 100_000], log });
  return [];
});
// Beside the scale scenario: how long the durable embedded store takes to open at the largest size.
let startup: StartupResult | null = null;
// Quick mode measures it only when --sizes is given, as the store tier: it writes and opens
// 100,000 talents once more, about 30 s of quick's 5 minutes.
if (scenarios.includes('scale') && (!quick || values.sizes !== undefined)) {
  const talents = Math.max(...sizes);
  log(`\n== Start-up of the durable embedded store (${talents} talents, with awards, engagements and one audit event per talent)`);
  try {
    startup = await measureStartup(talents);
    log(
      `  open (fresh process, read + index): ${Object.entries(startup.openMs)
        .map(([n, ms]) => `${n} ${ms} ms (CPU ${startup!.openCpuMs[n]} ms)`)
        .join(', ')}; written in ${startup.writeMs} ms`,
    );
  } catch (error) {
    problems.push(`startup: ${error instanceof Error ? error.message : String(error)}`);
  }
}
// The embedded store alone at each size (bench/hub/scale.ts): memory, load time, lookups, indexed
// filters and aggregates; the pipeline's talentStats (before the maintained counts) only in a full run.
// Quick mode measures it only when --sizes is given: loading 100,000 talents once more costs about
// a minute of its 5.
let storeTiers: StoreTier[] = [];
if (scenarios.includes('scale') && (!quick || values.sizes !== undefined)) {
  log(`\n== The embedded store at ${sizes.join(', ')} talents (in-process, a fresh process per size)`);
  try {
    storeTiers = runStoreTiers(sizes, log, { pipelineUpTo: quick ? 0 : 100_000 });
  } catch (error) {
    problems.push(`store tiers: ${error instanceof Error ? error.message : String(error)}`);
  }
}
await stopAll();

/** The row of a scenario, query and target (under load unless `connections` says otherwise) that is ok. */
const find = (scenario: string, query: string, target: string, talents?: number, connections?: number) =>
  entries.find(
    (e) => e.scenario === scenario && e.query === query && e.target === target && (talents === undefined || e.talents === talents) && e.connections === connections && e.ok,
  );
const ratio = (a: Entry | undefined, b: Entry | undefined, key: 'rps' | 'p50Ms' | 'p99Ms' | 'cpuMsPerRequest' = 'rps') => {
  const x = a?.[key];
  const y = b?.[key];
  return typeof x === 'number' && typeof y === 'number' && y > 0 ? round(x / y, 2) : null;
};
const single = (target: string) => find('federation', 'TestQuery', target, undefined, 1);
const hub = find('federation', 'TestQuery', 'hub');
const hubById = find('hub', 'talentById', 'hub');
const ratios = {
  /** Standard workload requests/s, hub ÷ plain @apollo/gateway (target ≥ 2). */
  hubVsApolloGateway: ratio(hub, find('federation', 'TestQuery', 'apollo-gateway')),
  /** Standard workload requests/s, hub ÷ Hive Gateway --jit (target ≥ 1). */
  hubVsHiveGateway: ratio(hub, find('federation', 'TestQuery', 'hive-gateway-jit')),
  /** Standard workload requests/s, hub ÷ Hive Gateway without --jit. */
  hubVsHiveGatewayPlain: ratio(hub, find('federation', 'TestQuery', 'hive-gateway')),
  /** Standard workload requests/s, both without sharing subgraph fetches between requests: hub ÷ Hive Gateway --jit. */
  hubVsHiveGatewayNoDedup: ratio(find('federation', 'TestQuery', 'hub-nodedup'), find('federation', 'TestQuery', 'hive-gateway-jit-nodedup')),
  /** Standard workload requests/s, the hub without sharing subgraph fetches ÷ plain @apollo/gateway (which never shares them). */
  hubNoDedupVsApolloGateway: ratio(find('federation', 'TestQuery', 'hub-nodedup'), find('federation', 'TestQuery', 'apollo-gateway')),
  /** The varied standard workload (a different request each time, so sharing cannot help) requests/s, hub ÷ plain @apollo/gateway (target ≥ 2). */
  hubVsApolloGatewayVaried: ratio(find('federation', 'TestQueryVaried', 'hub'), find('federation', 'TestQueryVaried', 'apollo-gateway')),
  /** The varied standard workload requests/s, the hub without sharing subgraph fetches ÷ plain @apollo/gateway. */
  hubNoDedupVsApolloGatewayVaried: ratio(find('federation', 'TestQueryVaried', 'hub-nodedup'), find('federation', 'TestQueryVaried', 'apollo-gateway')),
  /** The varied standard workload requests/s, hub ÷ Hive Gateway --jit. */
  hubVsHiveGatewayVaried: ratio(find('federation', 'TestQueryVaried', 'hub'), find('federation', 'TestQueryVaried', 'hive-gateway-jit')),
  /** Standard workload with one connection (nothing to share: the cost of the hub's own layers), requests/s, hub ÷ plain @apollo/gateway (target ≥ 1.2). */
  hubVsApolloGatewayOneConnection: ratio(single('hub'), single('apollo-gateway')),
  /** The same, the hub without sharing subgraph fetches ÷ plain @apollo/gateway. */
  hubNoDedupVsApolloGatewayOneConnection: ratio(single('hub-nodedup'), single('apollo-gateway')),
  /** Gateway CPU time per request with one connection, hub ÷ plain @apollo/gateway (below 1: the hub spends less per request). */
  hubCpuVsApolloGatewayOneConnection: ratio(single('hub'), single('apollo-gateway'), 'cpuMsPerRequest'),
  /** Standard workload with one connection, requests/s, the query registered and sent by documentId ÷ sent as text (issue 18: above 1). */
  hubDocumentsVsHub: ratio(single('hub-documents'), single('hub')),
  /** Gateway CPU time per request with one connection, by documentId ÷ as text (below 1: parsing and validation saved). */
  hubDocumentsCpuVsHub: ratio(single('hub-documents'), single('hub'), 'cpuMsPerRequest'),
  /** Peak resident memory during the standard workload's rounds, the hub's gateway ÷ plain @apollo/gateway (target ≤ 1). */
  hubGatewayRssVsApolloGateway:
    hub?.peakRssMb && find('federation', 'TestQuery', 'apollo-gateway')?.peakRssMb ? round(hub.peakRssMb / find('federation', 'TestQuery', 'apollo-gateway')!.peakRssMb!, 2) : null,
  /** Standard workload requests/s, hub ÷ the static ceiling. */
  hubVsStatic: ratio(hub, find('federation', 'TestQuery', 'static')),
  /** Standard workload p99, hub ÷ Hive Gateway --jit (target ≤ 1). */
  hubP99VsHiveGateway: ratio(hub, find('federation', 'TestQuery', 'hive-gateway-jit'), 'p99Ms'),
  /** Single-talent lookup requests/s, through the hub ÷ straight to the experts subgraph (target ≥ 0.2). */
  hubVsDirectSubgraph: ratio(hubById, find('hub', 'talentById', 'direct-subgraph')),
  /**
   * Time of a search all nodes answer, one request at a time, three nodes ÷ one node (target ≤ 1.5):
   * with one connection 1 ÷ requests/s is the mean time per request, finer than the whole-ms p50.
   */
  threeNodesSearchAllTime: ratio(find('nodes', 'searchAll', 'one-node-serial'), find('nodes', 'searchAll', 'three-nodes-serial')),
  /** Time of a single-province search (homeRegion), one request at a time, three nodes ÷ one node (target ≤ 1.1). */
  threeNodesSearchProvinceTime: ratio(find('nodes', 'searchProvince', 'one-node-serial'), find('nodes', 'searchProvince', 'three-nodes-serial')),
  /** Time of a lookup by id, one request at a time, three nodes ÷ one node. */
  threeNodesTalentByIdTime: ratio(find('nodes', 'talentById', 'one-node-serial'), find('nodes', 'talentById', 'three-nodes-serial')),
  /** What an all-node search costs the machine under load: requests/s of one node ÷ of three (every node does its share of the work). */
  threeNodesSearchAllCost: ratio(find('nodes', 'searchAll', 'one-node'), find('nodes', 'searchAll', 'three-nodes')),
  /** The same for the single-province search. */
  threeNodesSearchProvinceCost: ratio(find('nodes', 'searchProvince', 'one-node'), find('nodes', 'searchProvince', 'three-nodes')),
  /** The same for the lookup by id. */
  threeNodesTalentByIdCost: ratio(find('nodes', 'talentById', 'one-node'), find('nodes', 'talentById', 'three-nodes')),
};
const scale = Object.fromEntries(
  SCALE_QUERIES.map((q) => {
    const rows = entries.filter((e) => e.scenario === 'scale' && e.query === q && e.ok).sort((a, b) => a.talents! - b.talents!);
    const first = rows[0];
    const last = rows[rows.length - 1];
    return [
      q,
      {
        talents: rows.map((r) => r.talents),
        p50Ms: rows.map((r) => r.p50Ms),
        p99Ms: rows.map((r) => r.p99Ms),
        /** p50 at the largest size ÷ p50 at the smallest (1 = flat; the size ratio = linear). */
        p50Growth: first && last && first !== last && first.p50Ms > 0 ? round(last.p50Ms / first.p50Ms, 2) : null,
        p99Growth: first && last && first !== last && first.p99Ms > 0 ? round(last.p99Ms / first.p99Ms, 2) : null,
        sizeGrowth: first && last && first !== last ? round(last.talents! / first.talents!, 0) : null,
      },
    ];
  }),
);
/** The peak resident memory of each target (its processes with their children) over its rounds, per scenario, in MB. */
const peakRssMb: Record<string, Record<string, number>> = {};
for (const e of entries) {
  if (e.peakRssMb === null) continue;
  const scenarioPeaks = (peakRssMb[e.scenario] ??= {});
  scenarioPeaks[e.target] = Math.max(scenarioPeaks[e.target] ?? 0, e.peakRssMb);
}
/**
 * Issue 16 goal 5: talentStats uncached (serial, Cache-Control: no-cache, through the gateway) at
 * 100,000 talents, the slowest grouping's median, against its target.
 */
const stats100k = talentStats.find((t) => t.talents === 100_000);
const talentStatsUncached = stats100k
  ? (() => {
      const medianMs = Math.max(...Object.values(stats100k.medianMs));
      return { talents: stats100k.talents, medianMs, targetMs: TALENT_STATS_TARGET_MS, met: medianMs <= TALENT_STATS_TARGET_MS, byGrouping: stats100k.medianMs };
    })()
  : null;
const failed = entries.filter((e) => !e.ok);
const ok = failed.length === 0 && problems.length === 0;

const results = {
  date: startedAt.toISOString(),
  ok,
  mode: quick ? 'quick' : 'full',
  /** Wall time of the whole run, start-up and checks included. */
  durationSeconds: round((Date.now() - startedAt.getTime()) / 1000, 0),
  settings: {
    ...settings,
    scaleRounds: scaleSettings.rounds,
    nodesRounds: oneRoundInQuick.rounds,
    scenarios,
    federationTargets: measuredFederationTargets,
    oneConnectionTargets,
    oneConnectionDurationS,
    skippedTargets: skippedHive,
    sizes,
  },
  // The 1-minute load average before and after: a shared machine's absolute numbers read against it.
  machine: { ...machineInfo(), loadAverage: { start: loadAtStart, end: round(loadavg()[0]!, 1) } },
  versions: { hiveGateway: hiveGatewayVersion() },
  ratios,
  /** Subgraph fetches that arrived after a measurement's drain was judged over (0: no backlog spilled into the next measurement). */
  drainSpillFetches: drainSpills(),
  peakRssMb,
  scale,
  talentStatsUncached,
  talentStats,
  startup,
  storeTiers,
  storeGrowth: storeGrowth(storeTiers),
  entries,
  problems,
};
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);

log(`\n${formatTable(entries)}\n`);
// The issue's targets, so the table says at a glance which are met.
const goals: Partial<Record<keyof typeof ratios, (v: number) => boolean>> = {
  hubVsApolloGateway: (v) => v >= 2,
  hubVsApolloGatewayOneConnection: (v) => v >= 1.2,
  hubDocumentsVsHub: (v) => v > 1,
  hubNoDedupVsApolloGateway: (v) => v >= 2,
  hubVsApolloGatewayVaried: (v) => v >= 2,
  hubVsHiveGateway: (v) => v >= 1,
  hubP99VsHiveGateway: (v) => v <= 1,
  hubVsDirectSubgraph: (v) => v >= 0.2,
  hubGatewayRssVsApolloGateway: (v) => v <= 1,
  threeNodesSearchAllTime: (v) => v <= 1.5,
  threeNodesSearchProvinceTime: (v) => v <= 1.1,
};
const goalText: Partial<Record<keyof typeof ratios, string>> = {
  hubVsApolloGateway: '≥ 2',
  hubVsApolloGatewayOneConnection: '≥ 1.2',
  hubDocumentsVsHub: '> 1',
  hubNoDedupVsApolloGateway: '≥ 2',
  hubVsApolloGatewayVaried: '≥ 2',
  hubVsHiveGateway: '≥ 1',
  hubP99VsHiveGateway: '≤ 1',
  hubVsDirectSubgraph: '≥ 0.2',
  hubGatewayRssVsApolloGateway: '≤ 1',
  threeNodesSearchAllTime: '≤ 1.5',
  threeNodesSearchProvinceTime: '≤ 1.1',
};
log('ratios:');
for (const [key, value] of Object.entries(ratios) as [keyof typeof ratios, number | null][]) {
  const goal = goals[key];
  const verdict = value === null || !goal ? '' : `  (target ${goalText[key]}: ${goal(value) ? 'met' : 'NOT met'})`;
  log(`  ${key.padEnd(38)} ${value ?? 'n/a'}${verdict}`);
}
for (const [name, s] of Object.entries(scale)) {
  if (s.p50Growth !== null)
    log(`scale ${name}: p50 ${s.p50Ms.join(' → ')} ms, p99 ${s.p99Ms.join(' → ')} ms over ${s.talents.join(' → ')} talents (p50 ×${s.p50Growth} for ×${s.sizeGrowth} data)`);
}
if (talentStatsUncached)
  log(
    `talentStats uncached at ${talentStatsUncached.talents} talents: ${talentStatsUncached.medianMs} ms (slowest grouping's median; target ≤ ${talentStatsUncached.targetMs} ms: ${talentStatsUncached.met ? 'met' : 'NOT met'})`,
  );
if (startup)
  log(
    `startup: the slowest subgraph opens ${startup.talents} talents in ${startup.openMaxMs} ms (${startup.documents.experts} documents, ${startup.fileMb.experts} MB in experts.sqlite)`,
  );
log(`machine: ${results.machine.cpuModel}, ${results.machine.cores} cores, Node ${results.machine.node}; Hive Gateway ${results.versions.hiveGateway}`);
log(
  `peak RSS (MB): ${Object.entries(peakRssMb)
    .map(
      ([scenario, peaks]) =>
        `${scenario}: ${Object.entries(peaks)
          .map(([t, mb]) => `${t} ${mb}`)
          .join(', ')}`,
    )
    .join('; ')}`,
);
log(`total ${results.durationSeconds} s (${(results.durationSeconds / 60).toFixed(1)} min)${skippedHive.length ? `; left out in quick mode: ${skippedHive.join(', ')}` : ''}`);
log(`results written to ${values.out}`);
if (!ok) {
  for (const e of failed) console.error(`FAILED: ${e.scenario} ${e.query} ${e.target}${e.note ? `: ${e.note}` : ''}`);
  for (const p of problems) console.error(`FAILED: ${p}`);
  process.exit(1);
}
process.exit(0);
