import { type Service, type StartServiceOptions, startService as startProcess } from '../../scripts/lib/processes.ts';

export { freePort, killAllNow, type Service, stopAll, waitUntil } from '../../scripts/lib/processes.ts';

let verbose = false;

/** Print every line the services write (`--verbose`), prefixed with their name. */
export function setVerbose(on: boolean) {
  verbose = on;
}

/**
 * Starts a benchmark service through the shared process helper (scripts/lib/processes.ts),
 * keeping its last 60 lines for the report when it fails (a long run prints much more), and
 * echoing every line with `--verbose`.
 */
export function startService(options: Omit<StartServiceOptions, 'keepLines' | 'onLine'>): Service {
  return startProcess({
    ...options,
    keepLines: 60,
    onLine: (line) => {
      if (verbose) process.stderr.write(`  ${options.name.padEnd(18)} | ${line}\n`);
    },
  });
}

/** A POST of a GraphQL body; resolves with the status and text (never throws on HTTP errors). */
export async function postGraphQL(url: string, body: unknown, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, text: await res.text() };
}
