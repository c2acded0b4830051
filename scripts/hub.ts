import { fileURLToPath } from 'node:url';
import { runAuditCli } from './audit-verify.ts';
import { runDataCli } from './hub-data.ts';
import { runSubgraphCli } from './hub/subgraph.ts';
import type { CliIo } from './hub/usage.ts';

export type { CliIo } from './hub/usage.ts';

/**
 * `npm run -s hub -- <subgraph|data|audit> ...`: the hub's command line. `subgraph` drives the
 * registry's admin API (./hub/subgraph.ts); `data` and `audit` work on stores and files alone, with
 * their own options. Runs with `argv` (without node and script); resolves to the exit code.
 */
export async function runHubCli(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'audit') return runAuditCli(argv.slice(1), io);
  if (argv[0] === 'data') return runDataCli(argv.slice(1), io);
  return runSubgraphCli(argv, io);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const code = await runHubCli(process.argv.slice(2), {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  process.exitCode = code;
}
