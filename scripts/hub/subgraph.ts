import { z } from 'zod';
import { HttpUrl, isConfigProblem, parseEnv } from '../../platform/env.ts';
import { callAdminApi, printRefusal } from './api.ts';
import { SUBGRAPH_COMMANDS } from './commands.ts';
import { EXIT, SUBGRAPH_COMMAND_USAGE, SUBGRAPH_USAGE } from './help.ts';
import type { ApiError } from './print.ts';
import { type CliIo, parseSubgraphArgs, type SubgraphFlags, UsageError } from './usage.ts';

const CliEnv = z.object({
  HUB_TOKEN: z.string().optional(),
  HUB_GATEWAY_URL: HttpUrl.default('http://127.0.0.1:4000'),
});

/** Options only `check --schema` reads: given to another command they are a usage error, not silently ignored. */
const OFFLINE_OPTIONS = ['schema', 'supergraph', 'registry', 'allowed-fields', 'operations'] as const;

/** The gateway's base URL and the token, from the flags, else HUB_GATEWAY_URL and HUB_TOKEN. */
function target(flags: SubgraphFlags, env: CliIo['env']): { base: string; token: string } {
  const settings = parseEnv(CliEnv, env);
  const token = flags.token ?? settings.HUB_TOKEN;
  if (!token) throw new UsageError('No token: pass --token or set HUB_TOKEN (a client token with the registry:admin scope).');
  const gateway = HttpUrl.safeParse(flags.gateway ?? settings.HUB_GATEWAY_URL);
  if (!gateway.success) throw new UsageError('--gateway must be an http:// or https:// URL, e.g. http://127.0.0.1:4000');
  return { base: gateway.data.replace(/\/+$/, '').replace(/\/graphql$/, ''), token };
}

/** The `subgraph` command named by the positionals; throws UsageError when there is none. */
function commandName(positionals: string[]): string {
  const [group, name, ...extra] = positionals;
  if (group !== 'subgraph' || !name || extra.length) throw new UsageError(positionals.length ? `Unknown command "${positionals.join(' ')}".` : 'Name a command.');
  if (!Object.hasOwn(SUBGRAPH_COMMANDS, name)) throw new UsageError(`Unknown command "subgraph ${name}".`);
  return name;
}

/** Runs one `subgraph` command (offline, or through the admin API); throws UsageError (or a config problem) on bad usage. */
async function runSubgraphCommand(name: string, flags: SubgraphFlags, io: CliIo): Promise<number> {
  if (name === 'check' && flags.schema !== undefined) {
    if (flags.gateway !== undefined || flags.token !== undefined) throw new UsageError('check --schema runs offline: it takes neither --gateway nor --token.');
    // Loaded only here: composition, the policy and a gateway to derive the API schema are heavy.
    return (await import('./offline-check.ts')).runOfflineCheck(flags, io);
  }
  const offline = OFFLINE_OPTIONS.find((option) => flags[option] !== undefined);
  if (offline) throw new UsageError(name === 'check' ? `--${offline} is for the offline check: pass --schema <file> too.` : `subgraph ${name} does not take --${offline}.`);
  const command = SUBGRAPH_COMMANDS[name]!;
  const { base, token } = target(flags, io.env);
  const result = await callAdminApi(io, base, token, command.request(flags));
  if (typeof result === 'number') return result;
  if (flags.json) io.out(JSON.stringify(result.answer, null, 2));
  if (!result.ok) {
    if (!flags.json) printRefusal(io, result.status, result.answer as { errors?: ApiError[] }, name, flags.name);
    return EXIT.refused;
  }
  if (!flags.json) command.print(io, result.answer, flags);
  return EXIT.ok;
}

/**
 * `hub subgraph <publish|check|list|show|remove> ...`: the registry's admin API from a shell, as
 * users of `rover subgraph publish` expect, and `check --schema` offline. Human output by default,
 * `--json` for machine output; resolves to the exit code (see EXIT_CODES in ./help.ts): 0 on
 * success, 1 when a check or the gateway refused, 2 on bad usage, 3 when the gateway cannot be reached.
 */
export async function runSubgraphCli(argv: string[], io: CliIo): Promise<number> {
  let usage = SUBGRAPH_USAGE;
  try {
    const { flags, positionals } = parseSubgraphArgs(argv);
    if (flags.help) {
      const name = positionals[1];
      io.out(name && Object.hasOwn(SUBGRAPH_COMMAND_USAGE, name) ? SUBGRAPH_COMMAND_USAGE[name]! : SUBGRAPH_USAGE);
      return EXIT.ok;
    }
    const name = commandName(positionals);
    usage = SUBGRAPH_COMMAND_USAGE[name] ?? SUBGRAPH_USAGE;
    return await runSubgraphCommand(name, flags, io);
  } catch (error) {
    if (error instanceof UsageError || isConfigProblem(error) || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${usage}`);
      return EXIT.usage;
    }
    throw error;
  }
}
