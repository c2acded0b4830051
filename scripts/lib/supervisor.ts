import { type Service, startService } from './processes.ts';

/**
 * Keeping the hub's processes running under `npm start`: a service that exits while nobody asked
 * it to (a crash, an out-of-memory kill, `kill -9`) is started again after a delay that doubles
 * with each quick failure, and the others are left alone, so the gateway goes on answering with
 * partial data meanwhile. Stopping stops the restarts first, then every service (each finishes
 * its requests in flight; killed after a grace period).
 */

/** One service to keep running. */
export interface ServiceSpec {
  /** The name in output prefixes and messages (`projects`, `experts@sichuan`). */
  name: string;
  /** Its entry file, relative to the repository root. */
  entry: string;
  /** Added to the supervisor's own environment. */
  env: Record<string, string>;
}

/** When to restart a service that exited unexpectedly. */
export interface RestartPolicy {
  /** Delay before the first restart after a run that went well (ms). */
  initialDelayMs: number;
  /** The delay doubles with each quick failure up to this (ms): a service that cannot start is retried this often, forever. */
  maxDelayMs: number;
  /** A run at least this long went well: the next failure waits `initialDelayMs` again (ms). */
  resetAfterMs: number;
}

/** 0.5 s doubling to 10 s; a service that stayed up 30 s starts again at 0.5 s. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 500, maxDelayMs: 10_000, resetAfterMs: 30_000 };

/** The delay before restart after `failures` quick failures in a row (1 = the first). */
export function restartDelay(policy: RestartPolicy, failures: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, failures - 1));
}

/** How a supervised service stands right now. */
export interface ServiceState {
  name: string;
  /** `running` (a process exists), `waiting` (to be restarted), `stopped` (after `stop`). */
  state: 'running' | 'waiting' | 'stopped';
  /** The pid of its current process (undefined while waiting). */
  pid: number | undefined;
  /** How many times it was restarted. */
  restarts: number;
}

export interface SupervisorOptions {
  services: readonly ServiceSpec[];
  policy?: RestartPolicy;
  /** How long each service may take to finish its requests in flight when stopping, before it is killed (default 15 s). */
  graceMs?: number;
  /** Every complete line a service prints. */
  onLine: (name: string, line: string, stream: 'stdout' | 'stderr') => void;
  /** The supervisor's own messages (started, exited, restarting); `problem` for an unexpected exit. */
  onEvent: (message: string, problem: boolean) => void;
}

export interface Supervisor {
  /** Each service, in the order given. */
  status(): ServiceState[];
  /**
   * Stops restarting, then stops every service (SIGTERM, SIGKILL after the grace period). Resolves
   * `'killed'` when one had to be killed, `'exited'` otherwise; calling it again returns the same promise.
   */
  stop(): Promise<'exited' | 'killed'>;
  /** Kills every service at once (SIGKILL), e.g. on a second Ctrl-C; nothing is restarted after it. */
  killNow(): void;
}

interface Supervised {
  spec: ServiceSpec;
  service: Service | undefined;
  startedAt: number;
  /** Quick failures in a row (reset by a run longer than `resetAfterMs`). */
  failures: number;
  restarts: number;
  timer: NodeJS.Timeout | undefined;
}

/** How a process ended, as an operator reads it: the signal's name, or the exit code. */
function howItEnded(service: Service, code: number | null): string {
  return service.child.signalCode ?? (code === null ? 'no exit code' : `code ${code}`);
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** Starts every service now and keeps each running until `stop`; see the module comment. */
export function superviseServices(options: SupervisorOptions): Supervisor {
  const policy = options.policy ?? DEFAULT_RESTART_POLICY;
  const graceMs = options.graceMs ?? 15_000;
  let stopping: Promise<'exited' | 'killed'> | undefined;
  const all: Supervised[] = options.services.map((spec) => ({ spec, service: undefined, startedAt: 0, failures: 0, restarts: 0, timer: undefined }));

  const launch = (s: Supervised) => {
    const { name, entry, env } = s.spec;
    const service = startService({ name, entry, env, keepLines: 0, onLine: (line, stream) => options.onLine(name, line, stream) });
    s.service = service;
    s.startedAt = Date.now();
    options.onEvent(`${name} started (pid ${service.child.pid ?? 'unknown'})`, false);
    let ended = false;
    const end = (how: string) => {
      if (ended) return;
      ended = true;
      if (s.service === service) s.service = undefined;
      if (stopping) return;
      // A run that went well starts the backoff again; quick failures in a row double the delay.
      s.failures = Date.now() - s.startedAt >= policy.resetAfterMs ? 1 : s.failures + 1;
      s.restarts += 1;
      const delay = restartDelay(policy, s.failures);
      options.onEvent(`${name} exited (${how}); restarting in ${seconds(delay)} (restart ${s.restarts})`, true);
      s.timer = setTimeout(() => {
        s.timer = undefined;
        if (!stopping) launch(s);
      }, delay);
    };
    void service.exited.then((code) => end(howItEnded(service, code)));
    // A process that could not be spawned at all (say, out of process slots) may never emit 'exit'.
    service.child.once('error', (error) => end(`could not run: ${error.message}`));
  };

  for (const s of all) launch(s);

  return {
    status: () =>
      all.map((s) => ({
        name: s.spec.name,
        state: s.service ? 'running' : stopping ? 'stopped' : 'waiting',
        pid: s.service?.child.pid,
        restarts: s.restarts,
      })),
    stop() {
      stopping ??= (async () => {
        for (const s of all) clearTimeout(s.timer);
        const outcomes = await Promise.all(
          all.map(async (s) => {
            const outcome = (await s.service?.stop(graceMs)) ?? 'exited';
            if (outcome === 'killed') options.onEvent(`${s.spec.name} did not stop within ${seconds(graceMs)}: killed`, true);
            return outcome;
          }),
        );
        return outcomes.includes('killed') ? 'killed' : 'exited';
      })();
      return stopping;
    },
    killNow() {
      stopping ??= Promise.resolve('killed');
      for (const s of all) {
        clearTimeout(s.timer);
        s.service?.child.kill('SIGKILL');
      }
    },
  };
}
