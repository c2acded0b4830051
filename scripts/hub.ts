import { fileURLToPath } from 'node:url';
import { EXIT, HUB_USAGE } from './hub/help.ts';
import type { CliIo } from './hub/usage.ts';

export type { CliIo } from './hub/usage.ts';

const HELP = new Set(['--help', '-h', 'help']);

/**
 * `hub <subgraph|supergraph|data|audit> ...` (`npx hub` through bin/hub.mjs, or `npm run -s hub --`):
 * the hub's command line. `subgraph` drives the registry's admin API or checks a schema file
 * offline (./hub/subgraph.ts), `supergraph` composes a rover-style config (./hub/supergraph.ts);
 * `data` and `audit` work on stores and files alone. Runs with `argv` (without node and script);
 * resolves to the exit code (0 ok, 1 refused or failed, 2 usage, 3 unreachable: ./hub/help.ts).
 */
export async function runHubCli(argv: string[], io: CliIo): Promise<number> {
  const [group] = argv;
  // Each group is loaded when named: `hub --help` and `hub subgraph list` need neither the stores'
  // drivers nor the composition and gateway packages.
  if (group === 'audit') return (await import('./audit-verify.ts')).runAuditCli(argv.slice(1), io);
  if (group === 'data') return (await import('./hub-data.ts')).runDataCli(argv.slice(1), io);
  if (group === 'supergraph') return (await import('./hub/supergraph.ts')).runSupergraphCli(argv.slice(1), io);
  if (group === 'subgraph') return (await import('./hub/subgraph.ts')).runSubgraphCli(argv, io);
  if (group === 'operations') return (await import('./hub/operations.ts')).runOperationsCli(argv.slice(1), io);
  if (group !== undefined && HELP.has(group) && argv.length === 1) {
    io.out(HUB_USAGE);
    return EXIT.ok;
  }
  const words = argv.filter((a) => !a.startsWith('-'));
  io.err(`${words.length ? `Unknown command "${words.join(' ')}".` : 'Name a command.'}\n\n${HUB_USAGE}`);
  return EXIT.usage;
}

/** Runs the CLI on this process's arguments and streams; resolves to the exit code. */
export function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  // A reader that stops early (`hub ... | head`) closes the pipe: write no more, as shell tools do,
  // and still finish, so the exit code stays the command's own rather than an EPIPE stack.
  let closed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return runHubCli(argv, {
    env: process.env,
    out: (line) => {
      if (!closed) process.stdout.write(`${line}\n`);
    },
    err: (line) => process.stderr.write(`${line}\n`),
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main();
