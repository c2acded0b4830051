import { z } from 'zod';
import { HttpUrl, isConfigProblem, parseEnv } from '../../platform/env.ts';
import { callAdminApi, printRefusal } from './api.ts';
import { SUBGRAPH_COMMANDS } from './commands.ts';
import type { ApiError } from './print.ts';
import { type CliIo, parseSubgraphArgs, type SubgraphFlags, USAGE, UsageError } from './usage.ts';

const CliEnv = z.object({
  HUB_TOKEN: z.string().optional(),
  HUB_GATEWAY_URL: HttpUrl.default('http://127.0.0.1:4000'),
});

/** The gateway's base URL and the token, from the flags, else HUB_GATEWAY_URL and HUB_TOKEN. */
function target(flags: SubgraphFlags, env: CliIo['env']): { base: string; token: string } {
  const settings = parseEnv(CliEnv, env);
  const token = flags.token ?? settings.HUB_TOKEN;
  if (!token) throw new UsageError('No token: pass --token or set HUB_TOKEN (a client token with the registry:admin scope).');
  const gateway = HttpUrl.safeParse(flags.gateway ?? settings.HUB_GATEWAY_URL);
  if (!gateway.success) throw new UsageError('--gateway must be an http:// or https:// URL, e.g. http://127.0.0.1:4000');
  return { base: gateway.data.replace(/\/+$/, '').replace(/\/graphql$/, ''), token };
}

/** Runs one `subgraph` command through the admin API; throws UsageError (or a config problem) on bad usage. */
async function runSubgraphCommand(flags: SubgraphFlags, positionals: string[], io: CliIo): Promise<number> {
  const [group, name, ...extra] = positionals;
  if (group !== 'subgraph' || !name || extra.length) throw new UsageError(positionals.length ? `Unknown command "${positionals.join(' ')}".` : 'Name a command.');
  const { base, token } = target(flags, io.env);
  const command = Object.hasOwn(SUBGRAPH_COMMANDS, name) ? SUBGRAPH_COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`Unknown command "subgraph ${name}".`);
  const result = await callAdminApi(io, base, token, command.request(flags));
  if (!result) return 1;
  if (flags.json) io.out(JSON.stringify(result.answer, null, 2));
  if (!result.ok) {
    if (!flags.json) printRefusal(io, result.status, result.answer as { errors?: ApiError[] }, name, flags.name);
    return 1;
  }
  if (!flags.json) command.print(io, result.answer, flags);
  return 0;
}

/**
 * `npm run -s hub -- subgraph <publish|check|list|show|remove> ...`: the registry's admin API from
 * a shell, as users of `rover subgraph publish` expect. Human output by default, `--json` for the
 * API's own answer; resolves to the exit code: 0 on success, 1 when the gateway refused or
 * failed, 2 on bad usage.
 */
export async function runSubgraphCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseSubgraphArgs>;
  try {
    parsed = parseSubgraphArgs(argv);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.flags.help) {
    io.out(USAGE);
    return 0;
  }
  try {
    return await runSubgraphCommand(parsed.flags, parsed.positionals, io);
  } catch (error) {
    if (error instanceof UsageError || isConfigProblem(error)) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
