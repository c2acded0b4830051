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
  /** The processes whose resident memory (with their children's) is sampled while this target is measured. */
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
   * Quick mode: after a measurement of a target with subgraph counters, wait at most 1 s for its
   * slowest answer's worth of backlog before the counters are watched; they move while queued
   * requests still fetch, so the drain is still seen through, only not by the worst-case sleep.
   */
  quick?: boolean;
}

export interface RoundResult extends LoadResult {
  fetchesPerRequest: number | null;
  storeCallsPerRequest: number | null;
  /** The highest resident memory of the target's processes sampled during the round, in MB (null: not sampled). */
  peakRssMb: number | null;
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
  rounds: {
    rps: number;
    p50Ms: number;
    p99Ms: number;
    errors: number;
    fetchesPerRequest: number | null;
    storeCallsPerRequest: number | null;
    peakRssMb: number | null;
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

/**
 * Waits until the counters have not moved for 600 ms: requests still queued in the gateway when the
 * load stopped finish (and make their fetches) before the count is read and the next target runs.
 */
async function settledCount(counter: FetchCounter): Promise<SubgraphCounts> {
  const key = (c: SubgraphCounts) => `${c.fetches}/${c.storeCalls}`;
  let last = await counter.read();
  let stableSince = Date.now();
  const deadline = Date.now() + 30_000;
  while (Date.now() - stableSince < 600 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    const now = await counter.read();
    if (key(now) !== key(last)) {
      last = now;
      stableSince = Date.now();
    }
  }
  return last;
}

async function measure(target: Target, settings: { connections: number; durationS: number; quick?: boolean }): Promise<RoundResult> {
  await target.fetches?.reset();
  const rss = target.pids?.length ? sampleRss(target.pids) : undefined;
  const result = await runLoad({
    url: target.url,
    ...(target.headers ? { headers: target.headers } : {}),
    probe: target.probe,
    connections: settings.connections,
    durationS: settings.durationS,
  });
  // Requests in flight when the load stopped finish within about the longest latency seen; let them
  // (the next target must not share the machine with this one's backlog), then read the counters.
  await new Promise((r) => setTimeout(r, Math.min(result.maxMs, settings.quick && target.fetches ? 1000 : 30_000)));
  const peakRssMb = rss?.stop() ?? null;
  const counts = target.fetches ? await settledCount(target.fetches) : null;
  // Divided by requests sent: the ones cut off when the load stopped still reached the subgraphs.
  const per = (n: number | null | undefined) => (n === null || n === undefined || result.sent === 0 ? null : n / result.sent);
  return { ...result, fetchesPerRequest: per(counts?.fetches), storeCallsPerRequest: per(counts?.storeCalls), peakRssMb };
}

export function summarize(rounds: RoundResult[]): Summary {
  const fetches = rounds.map((r) => r.fetchesPerRequest).filter((f): f is number => f !== null);
  const storeCalls = rounds.map((r) => r.storeCallsPerRequest).filter((f): f is number => f !== null);
  const errors = rounds.reduce((sum, r) => sum + r.errors, 0);
  const rss = rounds.map((r) => r.peakRssMb).filter((m): m is number => m !== null);
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
    rounds: rounds.map((r) => ({
      rps: r.rps,
      p50Ms: r.p50Ms,
      p99Ms: r.p99Ms,
      errors: r.errors,
      fetchesPerRequest: r.fetchesPerRequest,
      storeCallsPerRequest: r.storeCallsPerRequest,
      peakRssMb: r.peakRssMb,
    })),
    ok: errors === 0 && rounds.length > 0 && rounds.every((r) => r.correct > 0),
    ...(firstWrong !== undefined ? { firstWrong } : {}),
  };
}

/**
 * The fairness rules in one place: every target is warmed up under the same load first (answers
 * checked there too), then measured in interleaved rounds (round 1: A, B, C; round 2: A, B, C; ...)
 * so drift on a shared machine hits every target alike; the summary takes medians over rounds.
 */
export async function compareInterleaved(targets: Target[], settings: LoadSettings, log: (line: string) => void): Promise<Map<string, Summary>> {
  const results = new Map<string, RoundResult[]>(targets.map((t) => [t.name, []]));
  const warmupErrors = new Map<string, RoundResult>();
  if (settings.warmupS > 0) {
    const warmUp = async (target: Target) => {
      // Targets warmed together share counters: none of them resets or reads them (the drain follows).
      const warm = await measure(settings.parallelWarmup ? { ...target, fetches: undefined, pids: undefined } : target, {
        connections: settings.connections,
        durationS: settings.warmupS,
        ...(settings.quick ? { quick: true } : {}),
      });
      log(`    warm-up ${target.name.padEnd(24)} ${warm.rps.toFixed(0).padStart(6)} req/s${warm.errors ? `  ${warm.errors} errors` : ''}`);
      if (warm.errors) warmupErrors.set(target.name, warm);
    };
    if (settings.parallelWarmup) {
      await Promise.all(targets.map(warmUp));
      // The backlog of every warm-up drains before the first measurement.
      await Promise.all(targets.map((t) => (t.fetches ? settledCount(t.fetches) : undefined)));
    } else for (const target of targets) await warmUp(target);
  }
  for (let round = 1; round <= settings.rounds; round++) {
    for (const target of targets) {
      const r = await measure(target, settings);
      results.get(target.name)!.push(r);
      const fetches =
        (r.fetchesPerRequest === null ? '' : `  ${r.fetchesPerRequest.toFixed(1)} fetches/req`) +
        (r.storeCallsPerRequest === null ? '' : `  ${r.storeCallsPerRequest.toFixed(1)} store calls/req`);
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
  return summaries;
}
