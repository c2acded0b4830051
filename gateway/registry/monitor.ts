import { probeSubgraph, type SubgraphHealth } from '../health.ts';

/** What the background probes last saw of one subgraph. */
export interface ProbeState extends SubgraphHealth {
  /** When the last probe finished. */
  checkedAt: Date;
  /** Probes in a row that found it down (0 when up). */
  consecutiveFailures: number;
  /** When a probe last found it up; null if never. */
  lastUpAt: Date | null;
}

export interface MonitorTarget {
  name: string;
  url: string;
}

/**
 * Probes every subgraph of the graph in the background (gateway/health.ts's `{ __typename }`
 * probe), one round every `intervalMs`, never two rounds at once. /health and the admin list
 * read the results instead of probing on each request, so neither waits on a slow subgraph.
 */
export function createHealthMonitor(options: {
  targets: () => MonitorTarget[];
  intervalMs: number;
  timeoutMs: number;
  probe?: (url: string, timeoutMs: number) => Promise<SubgraphHealth>;
  onChange?: (name: string, state: ProbeState, previous: ProbeState | undefined) => void;
}) {
  const probe = options.probe ?? probeSubgraph;
  const states = new Map<string, ProbeState>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  async function probeOne(target: MonitorTarget): Promise<ProbeState> {
    const result = await probe(target.url, options.timeoutMs);
    const previous = states.get(target.name);
    const now = new Date();
    const state: ProbeState = {
      ...result,
      checkedAt: now,
      consecutiveFailures: result.status === 'up' ? 0 : (previous?.consecutiveFailures ?? 0) + 1,
      lastUpAt: result.status === 'up' ? now : (previous?.lastUpAt ?? null),
    };
    states.set(target.name, state);
    if (previous?.status !== state.status) options.onChange?.(target.name, state, previous);
    return state;
  }

  /** Probes every current target now (joins a round already under way). */
  function probeAll(): Promise<void> {
    running ??= (async () => {
      const targets = options.targets();
      const names = new Set(targets.map((t) => t.name));
      for (const name of states.keys()) if (!names.has(name)) states.delete(name);
      await Promise.all(targets.map((t) => probeOne(t)));
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void probeAll().finally(schedule);
    }, options.intervalMs);
    timer.unref();
  }

  return {
    probeAll,
    probeOne,
    /** The last probe of `name`; undefined before its first probe. */
    get: (name: string): ProbeState | undefined => states.get(name),
    start(): void {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type HealthMonitor = ReturnType<typeof createHealthMonitor>;
