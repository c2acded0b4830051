import { isConfigProblem } from './env.ts';
import type { RunningServer } from './server.ts';

/**
 * Runs a service's `start` and owns the process: prints configuration problems without a
 * stack and exits 1; on SIGTERM/SIGINT closes the service (finishing requests in flight) and
 * exits 0, or 1 if closing failed.
 */
export function runMain(name: string, start: () => Promise<RunningServer>): void {
  start().then(
    (running) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`[${name}] ${signal}: finishing requests in flight, then stopping`);
        running.close().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(`[${name}] error while stopping`, error);
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    },
    (error: unknown) => {
      if (isConfigProblem(error)) console.error(`[${name}] ${error.message}`);
      else console.error(`[${name}] failed to start:`, error);
      process.exit(1);
    },
  );
}
