import { parseArgs } from 'node:util';

/** What the CLI reads and writes: injected, so tests run it in-process. */
export interface CliIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  fetch?: typeof fetch;
}

export const USAGE = `Usage: npm run -s hub -- subgraph <command> [options]

Commands:
  publish --name <name> --url <url>   check a partner subgraph and, if it passes, add or update it
  check   --name <name> --url <url>   run the same checks without changing anything
  list                                every subgraph with owner, health and the served supergraph
  show    --name <name> [--sdl]       one subgraph (with --sdl: the SDL last accepted)
  remove  --name <name>               remove a partner subgraph

Options:
  --gateway <url>   the gateway (default HUB_GATEWAY_URL or http://127.0.0.1:4000)
  --token <jwt>     a client token with the registry:admin scope (default HUB_TOKEN); get one with
                    npm run -s token -- --region <your region> --scope registry:admin
  --json            print the API's JSON answer instead of text

Backup and restore: npm run -s hub -- data <export|import> <dir> (npm run -s hub -- data --help)

Also: npm run -s hub -- audit verify <export> [--checkpoints <file>] [--key <secret>]
      (the offline audit verifier; npm run -s hub -- audit --help)`;

/** Bad usage: the CLI prints the message and the usage, and exits with 2. */
export class UsageError extends Error {}

/** The options of the `subgraph` commands, as given. */
export interface SubgraphFlags {
  name?: string | undefined;
  url?: string | undefined;
  gateway?: string | undefined;
  token?: string | undefined;
  json?: boolean | undefined;
  sdl?: boolean | undefined;
  help?: boolean | undefined;
}

/** Parses the `subgraph` command line with node's `util.parseArgs`; throws on an unknown or malformed option. */
export function parseSubgraphArgs(argv: string[]): { flags: SubgraphFlags; positionals: string[] } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      url: { type: 'string' },
      gateway: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean' },
      sdl: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  return { flags: values, positionals };
}

/** The value of `--<flag>`, which `command` needs. */
export function required(flags: SubgraphFlags, flag: 'name' | 'url', command: string): string {
  const value = flags[flag];
  if (!value) throw new UsageError(`${command} needs --${flag}.`);
  return value;
}
