import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema } from 'graphql';
import { z } from 'zod';
import { splitOperations } from '../../gateway/operations/documents.ts';
import { HUB_DOCUMENT_FILES, openOperationsStore } from '../../gateway/operations/index.ts';
import { HUB_CLIENT, mustKeepRunning, type TrustedDocument } from '../../gateway/operations/model.ts';
import { brokenDocuments } from '../../gateway/operations/trusted.ts';
import { openRegistryStore } from '../../gateway/registry/index.ts';
import { compositionSources } from '../../gateway/registry/serving.ts';
import { DEFAULT_DATA_DIR } from '../../platform/config.ts';
import { Flag, HttpUrl, MongoDbPrefix, MongoUri, parseEnv } from '../../platform/env.ts';
import { compose, coreSubgraphSources, DEFAULT_SUBGRAPH_URLS, directoryUrl, type SubgraphSource } from '../../schema/compose.ts';
import { callAdminApi } from './api.ts';
import { EXIT } from './help.ts';
import { type ApiError, printErrors } from './print.ts';
import { type CliIo, UsageError } from './usage.ts';

/**
 * Issue 18, "a schema change that would break a registered operation is refused": the core
 * subgraphs' SDL of this checkout, composed with the registry's partners as a gateway would, must
 * keep every registered document valid. `npm run compose` runs it against the stores the gateway
 * uses (HUB_DATA_DIR or MONGODB_URI), `hub supergraph check` against a running gateway.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A document a core change must keep valid; `file` when it is one of the hub's committed operations. */
interface RegisteredDocument extends Pick<TrustedDocument, 'client' | 'name' | 'id' | 'text'> {
  registeredBy?: string;
  file?: string;
}

interface Partner {
  name: string;
  url: string;
  sdl: string;
}

/** One reason a core change is refused; a BREAKING_CHANGE names the client, operation and id. */
interface CoreCheckError extends ApiError {
  code: 'COMPOSITION_FAILED' | 'BREAKING_CHANGE' | 'STORE_UNREADABLE';
  client?: string;
  name?: string;
  id?: string;
}

type CoreCheck = { ok: true; summary: string; documents: number } | { ok: false; summary: string; errors: CoreCheckError[] };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The hub applications' operations as committed: what a gateway of this checkout registers under HUB_CLIENT at start. */
async function hubDocuments(): Promise<RegisteredDocument[]> {
  const documents: RegisteredDocument[] = [];
  for (const file of HUB_DOCUMENT_FILES.filter((f) => existsSync(f))) {
    for (const op of splitOperations(await readFile(file, 'utf8'))) documents.push({ client: HUB_CLIENT, name: op.name, id: op.id, text: op.text, file });
  }
  return documents;
}

function refusal(document: RegisteredDocument, problems: string[]): CoreCheckError {
  const what = { client: document.client, name: document.name, id: document.id, path: `${document.client}/${document.name}` };
  if (document.file) {
    const file = relative(ROOT, document.file);
    return {
      code: 'BREAKING_CHANGE',
      message: `The hub's operation ${document.name} in ${file} (${document.id}) would no longer run: ${problems.join(' ')} Change it in ${file} (then npm run codegen), or keep what it uses.`,
      ...what,
    };
  }
  return {
    code: 'BREAKING_CHANGE',
    message: `Client "${document.client}"'s registered operation ${document.name} (${document.id}) would no longer run: ${problems.join(' ')} Keep what it uses, or have it removed first: hub operations remove --client ${document.client} --id ${document.id}`,
    ...what,
  };
}

/**
 * Composes `core` with `partners` (as the gateway's registry does) and checks `documents` against
 * the API schema that gives. Refused when the composition fails (the gateway would keep serving its
 * last good supergraph, without the change) or when any document would no longer validate.
 */
function checkCore(input: { core: SubgraphSource[]; partners: readonly Partner[]; documents: RegisteredDocument[]; where: string }): CoreCheck {
  const partners = [...input.partners].sort((a, b) => (a.name < b.name ? -1 : 1));
  const withPartners = partners.length ? ` with the partner subgraphs ${partners.map((p) => p.name).join(', ')}` : '';
  const composition = compose(compositionSources(input.core, partners));
  if (!composition.ok) {
    return {
      ok: false,
      summary: `the core subgraphs do not compose${withPartners}${partners.length ? `: the gateway would keep serving its last good supergraph, without this change` : ''}.`,
      errors: composition.errors.map((e) => ({ code: 'COMPOSITION_FAILED', compositionCode: e.code, message: e.message })),
    };
  }
  // One entry per client and id; a committed hub operation is named by its file.
  const unique = new Map<string, RegisteredDocument>();
  const committed = new Set(input.documents.filter((d) => d.file).map((d) => d.id));
  for (const d of input.documents) {
    // A hub document the gateway registered from files that no longer hold it is retired at the
    // next start and removed after the grace period (gateway/operations/index.ts): the files decide.
    if (!mustKeepRunning(d, committed)) continue;
    const key = `${d.client}\n${d.id}`;
    if (!unique.get(key)?.file) unique.set(key, d);
  }
  const documents = [...unique.values()].sort((a, b) => (a.client === b.client ? (a.name < b.name ? -1 : 1) : a.client < b.client ? -1 : 1));
  const clients = new Set(documents.map((d) => d.client)).size;
  const broken = brokenDocuments(documents, buildSchema(composition.apiSdl));
  if (broken.length) {
    return {
      ok: false,
      summary: `the new core schema${withPartners} would break ${plural(broken.length, 'registered operation')} (${input.where}). A change like this waits until the operations no longer use what it removes or changes, or until they are removed.`,
      errors: broken.map((b) => refusal(unique.get(`${b.client}\n${b.id}`)!, b.problems)),
    };
  }
  return {
    ok: true,
    summary: `${plural(documents.length, 'registered operation')} of ${plural(clients, 'client')} still run${documents.length === 1 ? 's' : ''} on the new core schema${withPartners} (${input.where}).`,
    documents: documents.length,
  };
}

/** The stores the gateway reads, from the gateway's own settings (gateway/config.ts). */
const StoreEnv = z.object({
  HUB_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  MONGODB_URI: MongoUri.optional(),
  HUB_MONGODB_DB: MongoDbPrefix.default('talent_hub'),
  HUB_REGISTRY: Flag.default(true),
});

/**
 * What `npm run compose` runs before it writes anything: `core` checked against the hub's committed
 * operations and the documents and partners in the stores a gateway with these settings uses
 * (`<HUB_DATA_DIR>/operations.json` and `registry.json`, or MONGODB_URI's hub database).
 */
export async function checkAgainstStores(core: SubgraphSource[], env: Record<string, string | undefined>): Promise<CoreCheck> {
  let stored: RegisteredDocument[];
  let partners: Partner[] = [];
  let where: string;
  try {
    const settings = parseEnv(StoreEnv, env);
    const store = { dataDir: resolve(settings.HUB_DATA_DIR), mongodbUri: settings.MONGODB_URI, mongodbDb: settings.HUB_MONGODB_DB };
    const operations = await openOperationsStore(store);
    where = `the hub's operations in schema/operations/ and the documents in ${operations.description}`;
    try {
      stored = (await operations.load()).documents;
    } finally {
      await operations.close();
    }
    if (settings.HUB_REGISTRY) {
      const registry = await openRegistryStore(store);
      try {
        partners = (await registry.load()).partners;
      } finally {
        await registry.close();
      }
    }
  } catch (error) {
    return {
      ok: false,
      summary: 'the registered operations could not be read, so the change cannot be checked against them.',
      errors: [{ code: 'STORE_UNREADABLE', message: `${(error as Error).message} (the gateway's settings HUB_DATA_DIR, MONGODB_URI and HUB_MONGODB_DB say where they are)` }],
    };
  }
  return checkCore({ core, partners, documents: [...(await hubDocuments()), ...stored], where });
}

const CheckEnv = z.object({
  HUB_TOKEN: z.string().optional(),
  HUB_GATEWAY_URL: HttpUrl.default('http://127.0.0.1:4000'),
});

/** What `hub supergraph check` reads of the registry's admin API. */
interface SubgraphsAnswer {
  subgraphs: { name: string; kind: string }[];
}

/** Prints why the gateway refused a call; the exit code. */
function refused(io: CliIo, base: string, path: string, status: number, answer: unknown): number {
  io.err(`The gateway at ${base} refused GET ${path} (HTTP ${status}):`);
  printErrors(io, (answer as { errors?: ApiError[] }).errors);
  if (status === 401 || status === 403) io.err('Use a token with the registry:admin scope: npm run -s token -- --region 000000 --scope registry:admin');
  return EXIT.refused;
}

/**
 * `hub supergraph check [--gateway <url>] [--token <jwt>] [--subgraphs <dir>] [--json]`: before
 * deploying a core schema change, checks this checkout's core SDL (or --subgraphs), composed with
 * the partners a running gateway serves, against every document registered with it (GET
 * /admin/operations, registry:admin) and the hub's committed operations. Resolves to the exit
 * code: 0 every document still runs, 1 refused (each broken operation named), 2 usage, 3 unreachable.
 */
export async function runCoreCheck(flags: { gateway?: string | undefined; token?: string | undefined; subgraphs?: string | undefined; json?: boolean | undefined }, io: CliIo) {
  const settings = parseEnv(CheckEnv, io.env);
  const token = flags.token ?? settings.HUB_TOKEN;
  if (!token) throw new UsageError('check needs --token or HUB_TOKEN: a client token with the registry:admin scope.');
  const gateway = HttpUrl.safeParse(flags.gateway ?? settings.HUB_GATEWAY_URL);
  if (!gateway.success) throw new UsageError('--gateway must be an http:// or https:// URL, e.g. http://127.0.0.1:4000');
  let core: SubgraphSource[];
  try {
    core = coreSubgraphSources(DEFAULT_SUBGRAPH_URLS, flags.subgraphs ? directoryUrl(flags.subgraphs) : undefined);
  } catch (error) {
    throw new UsageError(`Cannot read the core subgraphs' SDL${flags.subgraphs ? ` under --subgraphs ${flags.subgraphs}` : ''}: ${(error as Error).message}`);
  }
  const base = gateway.data.replace(/\/+$/, '').replace(/\/graphql$/, '');
  const get = (path: string) => callAdminApi(io, base, token, { method: 'GET', path });

  const operations = await get('/admin/operations');
  if (typeof operations === 'number') return operations;
  if (!operations.ok) return refused(io, base, '/admin/operations', operations.status, operations.answer);
  const documents = (operations.answer as { documents: RegisteredDocument[] }).documents.map(({ client, name, id, text, registeredBy }) => ({
    client,
    name,
    id,
    text,
    registeredBy,
  }));

  // A gateway without the registry (HUB_REGISTRY=false) has no /admin/subgraphs: it serves the core alone.
  const partners: Partner[] = [];
  const list = await get('/admin/subgraphs');
  if (typeof list === 'number') return list;
  if (!list.ok && list.status !== 404) return refused(io, base, '/admin/subgraphs', list.status, list.answer);
  for (const { name } of list.ok ? (list.answer as SubgraphsAnswer).subgraphs.filter((s) => s.kind === 'partner') : []) {
    const path = `/admin/subgraphs/${encodeURIComponent(name)}`;
    const partner = await get(path);
    if (typeof partner === 'number') return partner;
    if (!partner.ok) return refused(io, base, path, partner.status, partner.answer);
    const { url, sdl } = partner.answer as Partner;
    partners.push({ name, url, sdl });
  }

  const source = flags.subgraphs ? resolve(flags.subgraphs) : 'this checkout';
  const check = checkCore({
    core,
    partners,
    documents: [...(await hubDocuments()), ...documents],
    where: `the hub's operations in schema/operations/ and those registered with ${base}`,
  });
  const subgraphs = [...core.map((c) => c.name), ...partners.map((p) => p.name)];
  if (flags.json) {
    io.out(JSON.stringify(check.ok ? { ok: true, gateway: base, subgraphs, documents: check.documents } : { ok: false, gateway: base, subgraphs, errors: check.errors }, null, 2));
    return check.ok ? EXIT.ok : EXIT.refused;
  }
  if (!check.ok) {
    io.err(`The core schema of ${source} must not be deployed to ${base}: ${check.summary}`);
    printErrors(io, check.errors);
    return EXIT.refused;
  }
  io.out(`The core schema of ${source} can be deployed to ${base}: ${check.summary}`);
  return EXIT.ok;
}
