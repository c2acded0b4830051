import { parseArgs } from 'node:util';

/** What the CLI reads and writes: injected, so tests run it in-process. */
export interface CliIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  fetch?: typeof fetch;
}

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
  schema?: string | undefined;
  supergraph?: string | undefined;
  registry?: string | undefined;
  'allowed-fields'?: string | undefined;
  operations?: string | undefined;
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
      schema: { type: 'string' },
      supergraph: { type: 'string' },
      registry: { type: 'string' },
      'allowed-fields': { type: 'string' },
      operations: { type: 'string' },
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
