import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { splitOperations } from '../../gateway/operations/documents.ts';
import { HttpUrl, isConfigProblem, parseEnv } from '../../platform/env.ts';
import { type AdminRequest, callAdminApi } from './api.ts';
import { EXIT } from './help.ts';
import { OPERATIONS_COMMAND_USAGE, OPERATIONS_USAGE } from './operations-help.ts';
import { type ApiError, printErrors, printTable } from './print.ts';
import { type CliIo, UsageError } from './usage.ts';

const CliEnv = z.object({
  HUB_TOKEN: z.string().optional(),
  HUB_GATEWAY_URL: HttpUrl.default('http://127.0.0.1:4000'),
});

type Flags = {
  client?: string | undefined;
  file?: string | undefined;
  id?: string | undefined;
  gateway?: string | undefined;
  token?: string | undefined;
  json?: boolean | undefined;
};

interface DocumentAnswer {
  id: string;
  client: string;
  name: string;
  registeredAt: string;
  registeredBy: string;
  /** A hub application document no longer in the gateway's files: it runs until its grace period ends. */
  retiredAt?: string;
  /** Whether the schema the gateway serves now runs it; `problems` say why not. */
  runnable?: boolean;
  problems?: string[];
}

/** The admin API call of a command, with what the text output needs to read its answer. */
async function requestOf(command: string, flags: Flags): Promise<{ request: AdminRequest; names: Map<string, string> }> {
  const names = new Map<string, string>();
  if (command === 'publish') {
    if (!flags.client) throw new UsageError('publish needs --client (the token sub of the system that will run the operations).');
    if (!flags.file) throw new UsageError('publish needs --file (a .graphql file of named operations).');
    let source: string;
    try {
      source = await readFile(flags.file, 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read ${flags.file}: ${(error as Error).message}`);
    }
    let operations: ReturnType<typeof splitOperations>;
    try {
      operations = splitOperations(source);
    } catch (error) {
      throw new UsageError(`${flags.file} is not a file of named operations: ${(error as Error).message}`);
    }
    if (!operations.length) throw new UsageError(`${flags.file} has no operation.`);
    for (const op of operations) names.set(op.id, op.name);
    return { request: { method: 'POST', path: '/admin/operations', body: { client: flags.client, documents: operations.map(({ id, text }) => ({ id, text })) } }, names };
  }
  if (command === 'list') return { request: { method: 'GET', path: `/admin/operations${flags.client ? `?client=${encodeURIComponent(flags.client)}` : ''}` }, names };
  if (!flags.id) throw new UsageError('remove needs --id (sha256:..., as `hub operations list` prints it).');
  return { request: { method: 'DELETE', path: `/admin/operations/${encodeURIComponent(flags.id)}${flags.client ? `?client=${encodeURIComponent(flags.client)}` : ''}` }, names };
}

function printAnswer(io: CliIo, command: string, answer: unknown): void {
  if (command === 'publish') {
    const { client, documents } = answer as { client: string; documents: { id: string; name: string; status: string }[] };
    const added = documents.filter((d) => d.status === 'added').length;
    io.out(`Registered ${documents.length} document${documents.length === 1 ? '' : 's'} for ${client} (${added} new, ${documents.length - added} already registered):`);
    printTable(
      io,
      ['OPERATION', 'STATUS', 'ID'],
      documents.map((d) => [d.name, d.status, d.id]),
    );
    io.out(`\nRun one by id: POST /graphql {"documentId": "<ID>", "variables": {...}} with ${client}'s token.`);
  } else if (command === 'list') {
    const { documents } = answer as { documents: DocumentAnswer[] };
    if (!documents.length) io.out('No registered documents.');
    else {
      printTable(
        io,
        ['CLIENT', 'OPERATION', 'ID', 'REGISTERED', 'BY', 'RUNS', 'RETIRED'],
        documents.map((d) => [d.client, d.name, d.id, d.registeredAt, d.registeredBy, d.runnable === false ? 'NO' : 'yes', d.retiredAt ?? '']),
      );
      const broken = documents.filter((d) => d.runnable === false);
      if (broken.length) {
        io.out('\nNot run by the schema this gateway serves (refused by id with DOCUMENT_NOT_RUNNABLE; publish a new version, remove this one):');
        for (const d of broken) io.out(`  ${d.client} ${d.name} (${d.id}): ${(d.problems ?? []).join(' ')}`);
      }
      if (documents.some((d) => d.retiredAt))
        io.out("\nRETIRED: a hub application document no longer in the gateway's files; it runs until HUB_OPERATIONS_HUB_RETIRE_AFTER_MS after that, then is removed.");
    }
  } else {
    const removed = answer as { client: string; name: string; id: string };
    io.out(`Removed ${removed.name} (${removed.id}) of ${removed.client}.`);
  }
}

/** Says why the gateway refused, naming each refused document by its operation's name. */
function printRefusal(io: CliIo, status: number, answer: { errors?: (ApiError & { id?: string })[] }, names: Map<string, string>): void {
  const errors = answer.errors?.map((e) => (e.id && names.has(e.id) ? { ...e, message: `${names.get(e.id)}: ${e.message}` } : e));
  if (status === 401 || status === 403) io.err(`The gateway refused (HTTP ${status}): ${errors?.[0]?.message ?? ''}`);
  else if (status === 422) {
    io.err('Nothing was registered: fix these documents and publish again.');
    printErrors(io, errors);
  } else {
    io.err(`The gateway answered HTTP ${status}:`);
    printErrors(io, errors);
  }
}

/**
 * `hub operations <publish|list|remove>`: the trusted documents' admin API (/admin/operations)
 * from a shell. Resolves to the exit code: 0 done, 1 refused, 2 usage, 3 gateway unreachable.
 */
export async function runOperationsCli(argv: string[], io: CliIo): Promise<number> {
  let usage = OPERATIONS_USAGE;
  try {
    const { values: flags, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        client: { type: 'string' },
        file: { type: 'string' },
        id: { type: 'string' },
        gateway: { type: 'string' },
        token: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [command, ...extra] = positionals;
    if (flags.help) {
      io.out(command && Object.hasOwn(OPERATIONS_COMMAND_USAGE, command) ? OPERATIONS_COMMAND_USAGE[command]! : OPERATIONS_USAGE);
      return EXIT.ok;
    }
    if (!command || extra.length || !Object.hasOwn(OPERATIONS_COMMAND_USAGE, command))
      throw new UsageError(command ? `Unknown command "operations ${positionals.join(' ')}".` : 'Name a command.');
    usage = OPERATIONS_COMMAND_USAGE[command]!;
    const settings = parseEnv(CliEnv, io.env);
    const token = flags.token ?? settings.HUB_TOKEN;
    if (!token) throw new UsageError('No token: pass --token or set HUB_TOKEN (a client token with operations:publish or registry:admin).');
    const gateway = HttpUrl.safeParse(flags.gateway ?? settings.HUB_GATEWAY_URL);
    if (!gateway.success) throw new UsageError('--gateway must be an http:// or https:// URL, e.g. http://127.0.0.1:4000');
    const { request, names } = await requestOf(command, flags);
    const result = await callAdminApi(io, gateway.data.replace(/\/+$/, '').replace(/\/graphql$/, ''), token, request);
    if (typeof result === 'number') return result;
    if (flags.json) io.out(JSON.stringify(result.answer, null, 2));
    if (!result.ok) {
      if (!flags.json) printRefusal(io, result.status, result.answer as { errors?: ApiError[] }, names);
      return EXIT.refused;
    }
    if (!flags.json) printAnswer(io, command, result.answer);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError || isConfigProblem(error) || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${usage}`);
      return EXIT.usage;
    }
    throw error;
  }
}
