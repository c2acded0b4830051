import { cpuSeconds } from './cpu.ts';
import { type LoadResult, type Probe, runLoad } from './load.ts';
import { sampleRss } from './memory.ts';

/** What the subgraphs did since the last reset. */
export interface SubgraphCounts {
  fetches: number;
  /** Store calls made by the subgraphs; null when they cannot be counted. */
  storeCalls: number | null;
}

/** Counts subgraph requests (and store calls), to report them per gateway request. */
export interface FetchCounter {
  reset(): Promise<void>;
  read(): Promise<SubgraphCounts>;
}

/** One thing to measure: an endpoint, the request to send it and how to check the answers. */
export interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
  probe: Probe | (() => Probe);
  /** Absent: the target makes no subgraph fetches (e.g. the static ceiling). */
  fetches?: FetchCounter;
  /** The processes whose resident memory and CPU time (with their children's) are read while this target is measured. */
  pids?: number[];
}

export interface LoadSettings {
  connections: number;
  durationS: number;
  warmupS: number;
  rounds: number;
  /**
   * Warm every target up at the same time rather than one after the other (quick mode): a warm-up
   * is not measured, so sharing the CPU there costs nothing but saves a warm-up per target.
   */
  parallelWarmup?: boolean;
  /**
   * Quick mode: after a measurement of a target with subgraph counters, the counters are watched
   * at once (after at most 200 ms) and the drain is over when they have not moved for 300 ms
   * (100 ms polls); they move while queued requests still fetch, so the drain is still seen
   * through, only not by the worst-case sleep. Fetches that arrive after a drain was judged over
   * are counted (`drainSpills`), so a too-short wait shows in the results.
   */
  quick?: boolean;
}

export interface RoundResult extends LoadResult {
  fetchesPerRequest: number | null;
  storeCallsPerRequest: number | null;
  /** The highest resident memory of the target's processes sampled during the round, in MB (null: not sampled). */
  peakRssMb: number | null;
  /** CPU time (user + system) of the target's processes per request sent, in ms, backlog included (null: not read). */
  cpuMsPerRequest: number | null;
}

/** The per-target summary over rounds: medians, errors summed. */
export interface Summary {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  subgraphFetchesPerRequest: number | null;
  storeCallsPerRequest: number | null;
  /** The highest resident memory sampled over the rounds, in MB (null: not sampled). */
  peakRssMb: number | null;
  /** Median over rounds of the target's CPU time per request, in ms (null: not read). */
  cpuMsPerRequest: number | null;
  /** Median over rounds of the load generator's CPU time per request, in ms (LoadResult). */
  loadCpuMsPerRequest: number;
  rounds: {
    rps: number;
    p50Ms: number;
    p99Ms: number;
    errors: number;
    fetchesPerRequest: number | null;
    storeCallsPerRequest: number | null;
    peakRssMb: number | null;
    cpuMsPerRequest: number | null;
    loadCpuMsPerRequest: number;
  }[];
  ok: boolean;
  firstWrong?: string;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const countKey = (c: SubgraphCounts) => `${c.fetches}/${c.storeCalls}`;
/** Within one comparison: the count each counter was left at when its last drain was judged over. */
type Settled = Map<FetchCounter, SubgraphCounts>;
let spilledFetches = 0;

/**
 * Subgraph fetches made after a drain was judged over, summed over the run: the next target's
 * measurement began while the previous one's backlog still worked (0 when every wait was long enough).
 */
export function drainSpills(): number {
  return spilledFetches;
}

/**
 * Waits until the counters have not moved for `quietMs` (600 ms, polled every 200 ms; quick: 300 ms,
 * every 100 ms): requests still queued in the gateway when the load stopped finish (and make their
 * fetches) before the count is read and the next target runs.
 */
async function settledCount(counter: FetchCounter, quick: boolean | undefined, settled?: Settled): Promise<SubgraphCounts> {
  const [quietMs, pollMs] = quick ? [300, 100] : [600, 200];
  let last = await counter.read();
  let stableSince = Date.now();
  const deadline = Date.now() + 30_000;
  while (Date.now() - stableSince < quietMs && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, pollMs));
    const now = await counter.read();
    if (countKey(now) !== countKey(last)) {
      last = now;
      stableSince = Date.now();
    }
  }
  settled?.set(counter, last);
  return last;
}

/** Before a counter is reset: whatever moved since its last settled count is backlog that outlived the drain. */
async function checkSpill(counter: FetchCounter, settled: Settled, log: (line: string) => void): Promise<void> {
  const last = settled.get(counter);
  if (!last) return;
  const now = await counter.read();
  if (now.fetches > last.fetches) {
    spilledFetches += now.fetches - last.fetches;
    log(`    (${now.fetches - last.fetches} subgraph fetches arrived after the previous drain was judged over)`);
  }
}

/** What a measurement needs to know of the comparison it belongs to. */
interface Drain {
  settled: Settled;
  log: (line: string) => void;
}

async function measure(target: Target, settings: { connections: number; durationS: number; quick?: boolean }, drain: Drain): Promise<RoundResult> {
  if (target.fetches) await checkSpill(target.fetches, drain.settled, drain.log);
  await target.fetches?.reset();
  const rss = target.pids?.length ? sampleRss(target.pids) : undefined;
  const cpuBefore = target.pids?.length ? cpuSeconds(target.pids) : null;
  const result = await runLoad({
    url: target.url,
    ...(target.headers ? { headers: target.headers } : {}),
    probe: target.probe,
    connections: settings.connections,
    durationS: settings.durationS,
  });
  // Requests in flight when the load stopped finish within about the longest latency seen; let them
  // (the next target must not share the machine with this one's backlog), then read the counters.
  // Quick mode watches the counters instead (they show the drain), after at most 200 ms.
  await new Promise((r) => setTimeout(r, Math.min(result.maxMs, settings.quick && target.fetches ? 200 : 30_000)));
  const peakRssMb = rss?.stop() ?? null;
  const counts = target.fetches ? await settledCount(target.fetches, settings.quick, drain.settled) : null;
  // After the drain: the backlog's CPU belongs to this target's requests.
  const cpuAfter = cpuBefore === null ? null : cpuSeconds(target.pids!);
  // Divided by requests sent: the ones cut off when the load stopped still reached the subgraphs.
  const per = (n: number | null | undefined) => (n === null || n === undefined || result.sent === 0 ? null : n / result.sent);
  const cpuMs = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) * 1000;
  return { ...result, fetchesPerRequest: per(counts?.fetches), storeCallsPerRequest: per(counts?.storeCalls), peakRssMb, cpuMsPerRequest: per(cpuMs) };
}

export function summarize(rounds: RoundResult[]): Summary {
  const fetches = rounds.map((r) => r.fetchesPerRequest).filter((f): f is number => f !== null);
  const storeCalls = rounds.map((r) => r.storeCallsPerRequest).filter((f): f is number => f !== null);
  const errors = rounds.reduce((sum, r) => sum + r.errors, 0);
  const rss = rounds.map((r) => r.peakRssMb).filter((m): m is number => m !== null);
  const cpu = rounds.map((r) => r.cpuMsPerRequest).filter((c): c is number => c !== null);
  const empty = rounds.filter((r) => r.correct === 0).length;
  const firstWrong =
    rounds.find((r) => r.firstWrong !== undefined)?.firstWrong ??
    (empty ? `${empty} round(s) without a single correct answer in the window: the target is slower than the window is long (raise --duration)` : undefined);
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    errors,
    subgraphFetchesPerRequest: fetches.length ? median(fetches) : null,
    storeCallsPerRequest: storeCalls.length ? median(storeCalls) : null,
    // A peak, not a median: the most memory the target held while it was measured.
    peakRssMb: rss.length ? Math.max(...rss) : null,
    cpuMsPerRequest: cpu.length ? median(cpu) : null,
    loadCpuMsPerRequest: median(rounds.map((r) => r.loadCpuMsPerRequest)),
    rounds: rounds.map((r) => ({
      rps: r.rps,
      p50Ms: r.p50Ms,
      p99Ms: r.p99Ms,
      errors: r.errors,
      fetchesPerRequest: r.fetchesPerRequest,
      storeCallsPerRequest: r.storeCallsPerRequest,
      peakRssMb: r.peakRssMb,
      cpuMsPerRequest: r.cpuMsPerRequest,
      loadCpuMsPerRequest: r.loadCpuMsPerRequest,
    })),
    ok: errors === 0 && rounds.length > 0 && rounds.every((r) => r.correct > 0),
    ...(firstWrong !== undefined ? { firstWrong } : {}),
  };
}

/**
 * The fairness rules in one place: every target is warmed up under the same load first (answers
 * checked there too), then measured in interleaved rounds (round 1: A, B, C; round 2: A, B, C; ...)
 * so drift on a shared machine hits every target alike; the summary takes medians over rounds.
 * `options.warmOnly` are warmed up with the others but not measured here (a later comparison
 * measures them, e.g. at one connection); the result has a failed summary for each whose warm-up
 * answered wrong.
 */
export async function compareInterleaved(
  targets: Target[],
  settings: LoadSettings,
  log: (line: string) => void,
  options: { warmOnly?: Target[] } = {},
): Promise<Map<string, Summary>> {
  const results = new Map<string, RoundResult[]>(targets.map((t) => [t.name, []]));
  const warmupErrors = new Map<string, RoundResult>();
  const drain: Drain = { settled: new Map(), log };
  const warmed = [...targets, ...(options.warmOnly ?? [])];
  if (settings.warmupS > 0 && warmed.length) {
    const warmUp = async (target: Target) => {
      // Targets warmed together share counters: none of them resets or reads them (the drain follows).
      const warm = await measure(
        settings.parallelWarmup ? { ...target, fetches: undefined, pids: undefined } : target,
        {
          connections: settings.connections,
          durationS: settings.warmupS,
          ...(settings.quick ? { quick: true } : {}),
        },
        drain,
      );
      log(`    warm-up ${target.name.padEnd(24)} ${warm.rps.toFixed(0).padStart(6)} req/s${warm.errors ? `  ${warm.errors} errors` : ''}`);
      if (warm.errors) warmupErrors.set(target.name, warm);
    };
    if (settings.parallelWarmup) {
      await Promise.all(warmed.map(warmUp));
      // The backlog of every warm-up drains before the first measurement.
      await Promise.all(warmed.map((t) => (t.fetches ? settledCount(t.fetches, settings.quick, drain.settled) : undefined)));
    } else for (const target of warmed) await warmUp(target);
  }
  for (let round = 1; round <= settings.rounds; round++) {
    for (const target of targets) {
      const r = await measure(target, settings, drain);
      results.get(target.name)!.push(r);
      const fetches =
        (r.fetchesPerRequest === null ? '' : `  ${r.fetchesPerRequest.toFixed(1)} fetches/req`) +
        (r.storeCallsPerRequest === null ? '' : `  ${r.storeCallsPerRequest.toFixed(1)} store calls/req`) +
        (r.cpuMsPerRequest === null ? '' : `  ${r.cpuMsPerRequest.toFixed(2)} ms CPU/req`) +
        `  load generator ${r.loadCpuMsPerRequest.toFixed(2)} ms CPU/req`;
      log(
        `    round ${round} ${target.name.padEnd(24)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50Ms.toFixed(0)} ms  p99 ${r.p99Ms.toFixed(0)} ms${fetches}${r.errors ? `  ${r.errors} ERRORS (${r.wrong} wrong, ${r.non2xx} non-2xx, ${r.timeouts} timeouts)` : ''}`,
      );
    }
  }
  const summaries = new Map<string, Summary>();
  for (const target of targets) {
    const summary = summarize(results.get(target.name)!);
    const warm = warmupErrors.get(target.name);
    if (warm) {
      summary.ok = false;
      summary.errors += warm.errors;
      summary.firstWrong ??= warm.firstWrong;
    }
    summaries.set(target.name, summary);
  }
  // A warm-only target that answered wrong during the warm-up gets a failed summary of its warm-up.
  for (const target of options.warmOnly ?? []) {
    const warm = warmupErrors.get(target.name);
    if (warm) summaries.set(target.name, { ...summarize([warm]), ok: false });
  }
  return summaries;
}
