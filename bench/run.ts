import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  DEFAULT_FEDERATION_TARGETS,
  DEFAULT_ONE_CONNECTION_TARGETS,
  FEDERATION_TARGETS,
  type FederationTarget,
  hiveGatewayVersion,
  runFederationScenario,
} from './federation/scenario.ts';
import { nodeReferences, runNodesScenario } from './hub/nodes.ts';
import { runLinkageScenario } from './linkage.ts';
import { references, runHubScenario } from './hub/scenario.ts';
import { runScaleScenario, runStoreTiers, type StoreTier, storeGrowth, type TalentStatsTiming } from './hub/scale.ts';
import { type RunningHub, startHub } from './hub/start.ts';
import type { TopologyName } from '../scripts/lib/topology.ts';
import type { StartupResult } from './startup.ts';
import { drainSpills, type LoadSettings } from './lib/compare.ts';
import { DEFAULT_FEDERATION_DIR, requireFederationDir, RESULTS_DIR } from './lib/paths.ts';
import { killAllNow, setVerbose, stopAll } from './lib/process.ts';
import { headlineRatios, peakRssByScenario, ratioLines, scaleGrowth, serialGrowthLines, serialScaleGrowth, uncachedTalentStats } from './lib/ratios.ts';
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
const headers: Record<string, string> = { authorization: `Bearer ${await clientToken()}` };
log(
  `Benchmark (${quick ? 'quick' : 'full'}): ${settings.connections} connections, ${settings.rounds} interleaved rounds of ${settings.durationS} s after a ${settings.warmupS} s warm-up per target`,
);
log(`Client token signed as npm run token signs (region ${BENCH_CLIENT.region}, scopes "${BENCH_CLIENT.scope}")`);

const entries: Entry[] = [];
const problems: string[] = [];
/** Wall seconds of each part of the run (scenarios, the hubs' start, the store's start-up and tiers), in order: where a run's time goes. */
const phaseSeconds: Record<string, number> = {};
const elapsed = () => `${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s into the run`;
async function scenario(name: Scenario, title: string, run: () => Promise<Entry[]>) {
  if (!scenarios.includes(name)) return;
  log(`\n== ${title} (${elapsed()})`);
  const t0 = Date.now();
  try {
    entries.push(...(await run()));
  } catch (error) {
    problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`  scenario ${name} failed:`, error);
  }
  phaseSeconds[name] = round((Date.now() - t0) / 1000, 1);
  log(`  (${phaseSeconds[name]} s)`);
}

// The hubs of scenarios 2, 4 and 3 are started once, all at the same time, and shared: scenario 2's
// hub (three experts nodes, 3,000 talents) is scenario 4's three-node hub and, in quick mode, the
// scale scenario's smallest size; in quick mode the scale scenario's other sizes start with them
// too (the full run starts its sizes one after the other: 1,000,000 talents take gigabytes).
const HUB_TALENTS = 3000;
const pool = new Map<string, Promise<RunningHub>>();
function pooled(talents: number, topology: TopologyName): Promise<RunningHub> {
  const key = `${topology}@${talents}`;
  let hub = pool.get(key);
  if (!hub) {
    // Once more if it fails: on a shared machine another process may take a port between the
    // harness picking it and the service listening on it (the service then exits, EADDRINUSE).
    hub = startHub(talents, log, topology).catch((error: unknown) => {
      log(`  hub ${key} did not start (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): starting it again`);
      return startHub(talents, log, topology);
    });
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
// They start first, alongside the federation scenario's own start-up (its check of the benchmark
// subgraphs and its targets' start): nothing is measured before every start has finished.
const hubsStarted = Date.now();
if (pool.size) log(`\n== Starting the hubs of scenarios 2-4 (${[...pool.keys()].join(', ')}, topology@talents), alongside scenario 1's start-up`);
const hubsUp = Promise.allSettled(pool.values()).then(() => {
  if (!pool.size) return;
  phaseSeconds.hubStart = round((Date.now() - hubsStarted) / 1000, 1);
  log(`  (hubs of scenarios 2-4 up after ${phaseSeconds.hubStart} s, ${elapsed()})`);
});
// The reference answers of scenarios 2-4 (and the nodes scenario's check that both hubs answer
// alike) are read as soon as their hubs are up, while scenario 1's targets may still be starting:
// reading them measures nothing, and each hub's answers are read once (hub/scenario.ts references,
// hub/nodes.ts nodeReferences), so the scenarios find them read. Nothing writes to the hubs meanwhile.
const prefetches: Promise<unknown>[] = [];
for (const [key, hub] of pool) {
  const talents = Number(key.split('@')[1]);
  const measured = talents !== HUB_TALENTS || scenarios.includes('hub') || (scaleTogether && sizes.includes(HUB_TALENTS));
  if (key.startsWith('three@') && measured) prefetches.push(hub.then((running) => references(running, headers)));
}
const singleHub = pool.get(`single@${HUB_TALENTS}`);
const threeHub = pool.get(`three@${HUB_TALENTS}`);
if (scenarios.includes('nodes') && singleHub && threeHub) prefetches.push(Promise.all([singleHub, threeHub]).then(([single, three]) => nodeReferences(single, three, headers)));
// Failures are reported by the scenario that reads them (it asks again).
const referencesRead = Promise.allSettled(prefetches).then(() => {
  if (!prefetches.length) return;
  phaseSeconds.hubReferences = round((Date.now() - hubsStarted) / 1000, 1);
  log(`  (reference answers of scenarios 2-4 read ${phaseSeconds.hubReferences} s after the hubs began to start, ${elapsed()})`);
});
const everythingStarted = Promise.all([hubsUp, referencesRead]);
if (skippedHive.length && scenarios.includes('federation')) log(`\nQuick mode leaves out ${skippedHive.join(', ')} (name them with --targets to measure them)`);
await scenario('federation', 'Scenario 1: the standard federation workload (TestQuery, 4 benchmark subgraphs)', () =>
  runFederationScenario({
    dir: requireFederationDir(values['federation-dir']),
    settings,
    targets: measuredFederationTargets as FederationTarget[],
    oneConnection: { targets: oneConnectionTargets, durationS: oneConnectionDurationS },
    headers,
    ...(values['subgraph-port'] ? { subgraphPort: Number(values['subgraph-port']) } : {}),
    beforeLoad: everythingStarted,
    log,
  }),
);
// Scale compares a target with itself across sizes, and the nodes scenario two hubs measured in
// the same round, not gateways with each other: quick mode spends one round on each (unless
// --rounds says otherwise).
const oneRoundInQuick = quick && values.rounds === undefined ? { ...settings, rounds: 1 } : settings;
const scaleSettings = oneRoundInQuick;

// Every start (and the reading of the references) has finished before the first measurement
// (scenario 1 waits for them when it runs); a hub waiting for its scenario is idle.
await everythingStarted;
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
    serialDurationS: oneConnectionDurationS,
    log,
  }),
);
// Hubs the scale scenario does not measure are stopped before it (the full run starts 1,000,000 talents there).
const scaleHubSet = new Set(scaleHubs.values());
await Promise.allSettled([...pool.values()].filter((hub) => !scaleHubSet.has(hub)).map(async (hub) => (await hub).stop()));
let talentStats: TalentStatsTiming[] = [];
await scenario('scale', `Scenario 3: scale (${sizes.join(', ')} talents)`, async () => {
  const serial = quick ? { warmup: 60, samples: 300 } : { warmup: 200, samples: 1000 }; // goal 6, one request at a time (hub/serial.ts)
  const result = await runScaleScenario({ settings: scaleSettings, headers, sizes, hubs: scaleHubs, serial, log });
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
  const t0 = Date.now();
  try {
    // Its own process with room for the dataset: at 1M talents the writing passed Node's default heap limit and killed the
    // run (2026-12-02); the opens it times run in fresh processes with the default heap, as the hub's do.
    const args = ['--max-old-space-size=12288', '--import', 'tsx', fileURLToPath(new URL('./startup.ts', import.meta.url)), '--talents', String(talents)];
    const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
    startup = JSON.parse(out.slice(out.search(/^\{$/m))) as StartupResult;
    log(
      `  open (fresh process, read + index): ${Object.entries(startup.openMs)
        .map(([n, ms]) => `${n} ${ms} ms (CPU ${startup!.openCpuMs[n]} ms)`)
        .join(', ')}; written in ${startup.writeMs} ms`,
    );
  } catch (error) {
    problems.push(`startup: ${error instanceof Error ? error.message : String(error)}`);
  }
  phaseSeconds.startup = round((Date.now() - t0) / 1000, 1);
}
// The embedded store alone at each size (bench/hub/scale.ts): memory, load time, lookups, indexed
// filters and aggregates; the pipeline's talentStats (before the maintained counts) only in a full run.
// Quick mode measures it only when --sizes is given: loading 100,000 talents once more costs about
// a minute of its 5.
let storeTiers: StoreTier[] = [];
if (scenarios.includes('scale') && (!quick || values.sizes !== undefined)) {
  log(`\n== The embedded store at ${sizes.join(', ')} talents (in-process, a fresh process per size)`);
  const t0 = Date.now();
  try {
    storeTiers = runStoreTiers(sizes, log, { pipelineUpTo: quick ? 0 : 100_000 });
  } catch (error) {
    problems.push(`store tiers: ${error instanceof Error ? error.message : String(error)}`);
  }
  phaseSeconds.storeTiers = round((Date.now() - t0) / 1000, 1);
}
await stopAll();

const ratios = headlineRatios(entries);
const scale = scaleGrowth(entries);
const scaleSerial = serialScaleGrowth(entries);
const peakRssMb = peakRssByScenario(entries);
const talentStatsUncached = uncachedTalentStats(talentStats);
const failed = entries.filter((e) => !e.ok);
const ok = failed.length === 0 && problems.length === 0;

const results = {
  date: startedAt.toISOString(),
  ok,
  mode: quick ? 'quick' : 'full',
  /** Wall time of the whole run, start-up and checks included. */
  durationSeconds: round((Date.now() - startedAt.getTime()) / 1000, 0),
  /** Wall seconds per part (`hubStart` overlaps scenario 1's start-up). */
  phaseSeconds,
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
  /** Issue 16 goal 6: latency one request at a time through the gateway, growth largest ÷ smallest size (target p50 ≤ 1.2). */
  scaleSerial,
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
log('ratios:');
for (const line of ratioLines(ratios)) log(line);
for (const [name, s] of Object.entries(scale)) {
  if (s.p50Growth !== null)
    log(`scale ${name}: p50 ${s.p50Ms.join(' → ')} ms, p99 ${s.p99Ms.join(' → ')} ms over ${s.talents.join(' → ')} talents (p50 ×${s.p50Growth} for ×${s.sizeGrowth} data)`);
}
for (const line of serialGrowthLines(scaleSerial)) log(line);
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
log(
  `time per part (s): ${Object.entries(phaseSeconds)
    .map(([part, seconds]) => `${part} ${seconds}`)
    .join(', ')}`,
);
log(`total ${results.durationSeconds} s (${(results.durationSeconds / 60).toFixed(1)} min)${skippedHive.length ? `; left out in quick mode: ${skippedHive.join(', ')}` : ''}`);
log(`results written to ${values.out}`);
if (!ok) {
  for (const e of failed) console.error(`FAILED: ${e.scenario} ${e.query} ${e.target}${e.note ? `: ${e.note}` : ''}`);
  for (const p of problems) console.error(`FAILED: ${p}`);
  process.exit(1);
}
process.exit(0);
