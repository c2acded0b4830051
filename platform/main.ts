import { isConfigProblem } from './env.ts';
import type { RunningServer } from './server.ts';

/**
 * Runs a service's `start` and owns the process: prints configuration problems without a
 * stack and exits 1; on SIGTERM/SIGINT closes the service (finishing requests in flight) and
 * exits 0, or 1 if closing failed. `label` names the process in those lines (a function: read when
 * printed, so a service can name itself once its settings are read, e.g. `experts@sichuan`).
 */
export function runMain(label: string | (() => string), start: () => Promise<RunningServer>): void {
  const nameOf = () => (typeof label === 'string' ? label : label());
  start().then(
    (running) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`[${nameOf()}] ${signal}: finishing requests in flight, then stopping`);
        running.close().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(`[${nameOf()}] error while stopping`, error);
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    },
    (error: unknown) => {
      if (isConfigProblem(error)) console.error(`[${nameOf()}] ${error.message}`);
      else console.error(`[${nameOf()}] failed to start:`, error);
      process.exit(1);
    },
  );
}
