import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, HttpUrl, isConfigProblem, parseEnv } from '../platform/env.ts';
import { runAuditCli } from './audit-verify.ts';
import { runDataCli } from './hub-data.ts';

/**
 * `npm run -s hub -- subgraph <publish|check|list|show|remove> ...`: the registry's admin API from
 * a shell, as users of `rover subgraph publish` expect. Human output by default, `--json` for the
 * API's own answer; exit code 0 on success, 1 when the gateway refused or failed, 2 on bad usage.
 */

const USAGE = `Usage: npm run -s hub -- subgraph <command> [options]

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

const CliEnv = z.object({
  HUB_TOKEN: z.string().optional(),
  HUB_GATEWAY_URL: HttpUrl.default('http://127.0.0.1:4000'),
});

export interface CliIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  fetch?: typeof fetch;
}

interface ApiError {
  code: string;
  message: string;
  compositionCode?: string;
  path?: string;
}

interface Change {
  criticality: 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';
  type: string;
  message: string;
}

class UsageError extends Error {}

const MARK: Record<Change['criticality'], string> = { NON_BREAKING: '+', DANGEROUS: '!', BREAKING: '-' };

function printChanges(io: CliIo, changes: Change[] | undefined): void {
  if (!changes?.length) {
    io.out('No change to the API schema.');
    return;
  }
  // Descriptions are most of a new subgraph's changes and say little; they are counted, not listed.
  const shown = changes.filter((c) => !c.type.includes('DESCRIPTION'));
  io.out(`${changes.length} change${changes.length === 1 ? '' : 's'} to the API schema (+ addition, ! dangerous, - breaking):`);
  for (const c of shown) io.out(`  ${MARK[c.criticality] ?? '?'} ${c.message}`);
  if (shown.length < changes.length) io.out(`  (and ${changes.length - shown.length} description changes; --json lists every change)`);
}

function printErrors(io: CliIo, errors: ApiError[] | undefined): void {
  for (const e of errors ?? []) io.err(`  ${e.code}${e.compositionCode ? ` [${e.compositionCode}]` : ''}: ${e.message}`);
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function runHubCli(argv: string[], io: CliIo): Promise<number> {
  // `audit verify` works on files alone (no gateway, no token): it has its own options.
  if (argv[0] === 'audit') return runAuditCli(argv.slice(1), io);
  // `data export|import` works on the stores, not through the gateway: it has its own options.
  if (argv[0] === 'data') return runDataCli(argv.slice(1), io);
  let values: { name?: string | undefined; url?: string | undefined; gateway?: string | undefined; token?: string | undefined; json?: boolean | undefined; sdl?: boolean | undefined; help?: boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
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
    }));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const fetchImpl = io.fetch ?? fetch;
  try {
    const [group, command, ...extra] = positionals;
    if (group !== 'subgraph' || !command || extra.length) throw new UsageError(positionals.length ? `Unknown command "${positionals.join(' ')}".` : 'Name a command.');
    const env = parseEnv(CliEnv, io.env);
    const token = values.token ?? env.HUB_TOKEN;
    if (!token) throw new UsageError('No token: pass --token or set HUB_TOKEN (a client token with the registry:admin scope).');
    const gateway = HttpUrl.safeParse(values.gateway ?? env.HUB_GATEWAY_URL);
    if (!gateway.success) throw new UsageError('--gateway must be an http:// or https:// URL, e.g. http://127.0.0.1:4000');
    const base = gateway.data.replace(/\/+$/, '').replace(/\/graphql$/, '');
    const need = (flag: 'name' | 'url'): string => {
      const value = values[flag];
      if (!value) throw new UsageError(`${command} needs --${flag}.`);
      return value;
    };

    let method = 'GET';
    let path = '/admin/subgraphs';
    let body: unknown;
    switch (command) {
      case 'publish':
      case 'check':
        method = 'POST';
        path = command === 'check' ? '/admin/subgraphs/check' : '/admin/subgraphs';
        body = { name: need('name'), url: need('url') };
        break;
      case 'list':
        break;
      case 'show':
        path = `/admin/subgraphs/${encodeURIComponent(need('name'))}`;
        break;
      case 'remove':
        method = 'DELETE';
        path = `/admin/subgraphs/${encodeURIComponent(need('name'))}`;
        break;
      default:
        throw new UsageError(`Unknown command "subgraph ${command}".`);
    }

    let res: Response;
    try {
      res = await fetchImpl(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      io.err(`Cannot reach the gateway at ${base}: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    const text = await res.text();
    let answer: any;
    try {
      answer = JSON.parse(text);
    } catch {
      io.err(`The gateway at ${base} answered HTTP ${res.status} without JSON: is the registry enabled (HUB_REGISTRY) and is this the gateway?`);
      return 1;
    }
    if (values.json) io.out(JSON.stringify(answer, null, 2));
    if (!res.ok) {
      if (values.json) return 1;
      const errors = answer.errors as ApiError[] | undefined;
      if (res.status === 401 || res.status === 403) {
        io.err(`The gateway refused the token (HTTP ${res.status}): ${errors?.[0]?.message ?? ''}`);
        io.err('Use a token with the registry:admin scope: npm run -s token -- --region <your region> --scope registry:admin');
      } else if (res.status === 422) {
        io.err(`${values.name} was ${command === 'check' ? 'rejected by the checks' : 'not published: the checks failed'}; the graph is unchanged.`);
        printErrors(io, errors);
      } else {
        io.err(`The gateway answered HTTP ${res.status}:`);
        printErrors(io, errors);
      }
      return 1;
    }
    if (values.json) return 0;

    switch (command) {
      case 'publish':
        io.out(`Published ${answer.name} (${answer.url})${answer.created ? ' as a new partner subgraph' : ', updating it'}.`);
        io.out(`The gateway now serves supergraph ${String(answer.supergraphHash).slice(0, 12)}.`);
        printChanges(io, answer.changes);
        break;
      case 'check':
        io.out(`${answer.name} (${answer.url}) passes every check: it composes, keeps to the policy and breaks nothing.`);
        printChanges(io, answer.changes);
        break;
      case 'remove':
        io.out(`Removed ${answer.name}. The gateway now serves supergraph ${String(answer.supergraphHash).slice(0, 12)}.`);
        break;
      case 'show':
        if (values.sdl) {
          io.out(answer.sdl);
          break;
        }
        io.out(`${answer.name} (${answer.kind}, owner ${answer.ownerRegion})`);
        io.out(`  url:     ${answer.url}`);
        if (answer.addedBy) io.out(`  added:   ${answer.addedAt} by ${answer.addedBy}; updated ${answer.updatedAt}`);
        io.out(`  health:  ${answer.health.status}${answer.health.latencyMs !== undefined ? ` (${answer.health.latencyMs} ms)` : ''}${answer.health.error ? `: ${answer.health.error}` : ''}`);
        io.out(`  served:  ${answer.served ? 'yes' : 'no (the last reload with it failed)'}`);
        break;
      default: {
        const rows = (answer.subgraphs as any[]).map((s) => [
          s.name,
          s.kind,
          s.ownerRegion,
          s.health.status + (s.served ? '' : ' (not served)'),
          s.health.latencyMs === undefined ? '-' : `${s.health.latencyMs} ms`,
          s.url,
        ]);
        const header = ['NAME', 'KIND', 'OWNER', 'HEALTH', 'LATENCY', 'URL'];
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)) + 2);
        io.out(header.map((h, i) => pad(h, widths[i]!)).join('').trimEnd());
        for (const row of rows) io.out(row.map((v, i) => pad(String(v), widths[i]!)).join('').trimEnd());
        const reload = answer.supergraph.lastReload;
        io.out(
          `\nSupergraph ${String(answer.supergraphHash).slice(0, 12)} (${answer.supergraph.source}, since ${answer.supergraph.since}); last reload ${reload.ok ? 'ok' : `FAILED (${reload.trigger}): still serving the last good supergraph`}.`,
        );
        if (!reload.ok) printErrors(io, reload.errors);
      }
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError || isConfigProblem(error)) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const code = await runHubCli(process.argv.slice(2), {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  process.exitCode = code;
}
