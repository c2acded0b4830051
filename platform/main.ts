import { isConfigProblem } from './env.ts';
import type { RunningServer } from './server.ts';

/**
 * A repeat within this time is the same request: a signal sent to a whole process group (Ctrl-C in a
 * terminal, systemd) reaches a service directly and again through `npm start`'s supervisor.
 */
export const SAME_SIGNAL_MS = 500;

/**
 * Runs a service's `start` and owns the process: prints configuration problems without a
 * stack and exits 1; on SIGTERM/SIGINT closes the service (finishing requests in flight) and
 * exits 0, or 1 if closing failed. `label` names the process in those lines (a function: read when
 * printed, so a service can name itself once its settings are read, e.g. `experts@sichuan`).
 *
 * The signals are handled from the first moment, not once `start` has finished: a service may
 * already listen (and answer /health) while `start` completes its last steps, and a SIGTERM then
 * must not kill it mid-request. A signal during `start` is remembered and the service closes as soon
 * as it has started; a second signal during `start` (later than {@link SAME_SIGNAL_MS}) stops it at once.
 */
export function runMain(label: string | (() => string), start: () => Promise<RunningServer>): void {
  const nameOf = () => (typeof label === 'string' ? label : label());
  let running: RunningServer | undefined;
  let firstSignalAt: number | undefined;
  const close = (service: RunningServer) =>
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`[${nameOf()}] error while stopping`, error);
        process.exit(1);
      },
    );
  const stop = (signal: NodeJS.Signals) => {
    if (firstSignalAt !== undefined) {
      if (running || Date.now() - firstSignalAt < SAME_SIGNAL_MS) return;
      console.error(`[${nameOf()}] ${signal} again while starting: stopping now`);
      process.exit(1);
    }
    firstSignalAt = Date.now();
    if (running) {
      console.log(`[${nameOf()}] ${signal}: finishing requests in flight, then stopping`);
      void close(running);
    } else console.log(`[${nameOf()}] ${signal} while starting: stopping once started (${signal} again to stop now)`);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  start().then(
    (service) => {
      running = service;
      if (firstSignalAt === undefined) return;
      console.log(`[${nameOf()}] started: finishing requests in flight, then stopping`);
      void close(service);
    },
    (error: unknown) => {
      if (isConfigProblem(error)) console.error(`[${nameOf()}] ${error.message}`);
      else console.error(`[${nameOf()}] failed to start:`, error);
      process.exit(1);
    },
  );
}
