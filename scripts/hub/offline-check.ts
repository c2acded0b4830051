import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { printSchema } from 'graphql';
import { DEFAULT_PORTS, loopbackGraphqlUrl } from '../../platform/config.ts';
import { compose, coreSubgraphSources, SUPERGRAPH_PATH, type SubgraphSource } from '../../schema/compose.ts';
import type { CheckError } from '../../gateway/registry/checks.ts';
import { evaluatePartner } from '../../gateway/registry/commands.ts';
import { splitOperations } from '../../gateway/operations/documents.ts';
import { OperationsState } from '../../gateway/operations/model.ts';
import { PartnerName, type RegistryState, RegistryState as RegistryStateShape, RESERVED_NAMES, SubgraphUrl } from '../../gateway/registry/model.ts';
import { compositionSources } from '../../gateway/registry/serving.ts';
import { EXIT } from './help.ts';
import { printChanges, printErrors } from './print.ts';
import { type CliIo, required, type SubgraphFlags, UsageError } from './usage.ts';

/** A core field partners may reference: `Type.field` (the format of HUB_PARTNER_ALLOWED_FIELDS in gateway/config.ts). */
const FIELD = /^[A-Z][A-Za-z0-9_]*\.[a-z_][A-Za-z0-9_]*$/;

function readInput(file: string, option: string): string {
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${option} ${file}: ${(error as Error).message}`);
  }
}

/**
 * The registered documents a change must keep valid: the gateway's operations file
 * (<HUB_DATA_DIR>/operations.json), or a .graphql file of one client's operations.
 */
function readOperations(file: string): { client: string; name: string; id: string; text: string }[] {
  const text = readInput(file, '--operations');
  if (file.endsWith('.json')) {
    let parsed: ReturnType<typeof OperationsState.safeParse>;
    try {
      parsed = OperationsState.safeParse(JSON.parse(text));
    } catch {
      throw new UsageError(`--operations ${file} is not JSON: pass the gateway's operations file (<HUB_DATA_DIR>/operations.json) or a .graphql file.`);
    }
    if (!parsed.success) throw new UsageError(`--operations ${file} is not an operations file: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
    return parsed.data.documents;
  }
  try {
    return splitOperations(text).map((op) => ({ client: file, ...op }));
  } catch (error) {
    throw new UsageError(`--operations ${file} is not a file of named operations: ${(error as Error).message}`);
  }
}

/** The registry file's partners (and its last supergraph), as the gateway stores them. */
function readRegistry(file: string): RegistryState {
  let json: unknown;
  try {
    json = JSON.parse(readInput(file, '--registry'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--registry ${file} is not JSON: pass the gateway's registry file (<HUB_DATA_DIR>/registry.json).`);
  }
  const parsed = RegistryStateShape.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--registry ${file} is not a registry file: ${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}

/** The API schema of a supergraph, as a gateway serving it derives it (no subgraph is contacted). */
async function apiSchemaOf(supergraphSdl: string, file: string): Promise<string> {
  const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  const gateway = new ApolloGateway({ supergraphSdl, logger: quiet });
  try {
    const { schema } = await gateway.load();
    return printSchema(schema);
  } catch (error) {
    throw new UsageError(`--supergraph ${file} is not a supergraph a gateway can serve: ${(error as Error).message}`);
  } finally {
    await gateway.stop().catch(() => undefined);
  }
}

/**
 * The API schema a publish measures breaking changes against: --supergraph when given; with
 * --registry, what a gateway of this checkout serves over it (core and partners composed, else
 * the registry's last good supergraph); otherwise this checkout's schema/supergraph.graphql.
 */
async function baseline(flags: SubgraphFlags, core: SubgraphSource[], registry: RegistryState | undefined): Promise<{ apiSdl: string; source: string }> {
  if (!flags.supergraph && registry) {
    const served = compose(compositionSources(core, registry.partners));
    if (served.ok) return { apiSdl: served.apiSdl, source: `the core and the partners of ${flags.registry}, composed` };
    if (registry.supergraph) return { apiSdl: registry.supergraph.apiSdl, source: `the last good supergraph of ${flags.registry}` };
  }
  const file = flags.supergraph ?? SUPERGRAPH_PATH;
  return { apiSdl: await apiSchemaOf(readInput(file, '--supergraph'), file), source: file };
}

function allowedFields(flags: SubgraphFlags, env: CliIo['env']): string[] {
  const text = flags['allowed-fields'] ?? env.HUB_PARTNER_ALLOWED_FIELDS ?? '';
  const fields = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const bad = fields.find((f) => !FIELD.test(f));
  if (bad) throw new UsageError(`--allowed-fields: "${bad}" is not a field: write Type.field, comma-separated, e.g. Talent.name,Region.name`);
  return fields;
}

/** The refusal a publish gives a name before any check: core subgraphs and reserved words. */
function nameRefusal(name: string, core: SubgraphSource[]): CheckError | { code: string; message: string } | undefined {
  if (core.some((c) => c.name === name))
    return { code: 'CORE_SUBGRAPH', message: `"${name}" is a core subgraph of the hub: it comes from the gateway's configuration and cannot be published, replaced or removed.` };
  if (RESERVED_NAMES.has(name)) return { code: 'BAD_REQUEST', message: `name: "${name}" is reserved; choose the partner's own name (e.g. its region, "hainan").` };
  return undefined;
}

/**
 * `hub subgraph check --name <name> --schema <file>`: the checks of a publish (evaluatePartner,
 * the very function the registry runs) on an SDL file, with no gateway and no running subgraph.
 * Resolves to the exit code: 0 accepted, 1 refused (the reasons on stderr, or in the JSON); throws
 * UsageError on bad arguments or unreadable files.
 */
export async function runOfflineCheck(flags: SubgraphFlags, io: CliIo): Promise<number> {
  const name = required(flags, 'name', 'check');
  const validName = PartnerName.safeParse(name);
  if (!validName.success) throw new UsageError(`--name ${validName.error.issues[0]?.message ?? 'is invalid'}.`);
  const url = flags.url ?? loopbackGraphqlUrl(DEFAULT_PORTS.partner);
  const validUrl = SubgraphUrl.safeParse(url);
  if (!validUrl.success) throw new UsageError(`--url ${validUrl.error.issues[0]?.message ?? 'is invalid'}.`);
  const schemaFile = flags.schema as string;
  const sdl = readInput(schemaFile, '--schema');
  const fields = allowedFields(flags, io.env);
  const registry = flags.registry ? readRegistry(flags.registry) : undefined;
  const core = coreSubgraphSources();
  const { apiSdl, source } = await baseline(flags, core, registry);

  const refusal = nameRefusal(name, core);
  const evaluation = refusal
    ? { ok: false as const, errors: [refusal] }
    : await evaluatePartner({
        candidate: { name, url, sdl },
        core,
        partners: registry?.partners ?? [],
        servedApiSdl: apiSdl,
        allowedFields: fields,
        ...(flags.operations ? { documents: readOperations(flags.operations) } : {}),
      });
  const partners = (registry?.partners ?? []).map((p) => p.name).filter((p) => p !== name);
  const graph = [...core.map((c) => c.name), ...partners];

  if (!evaluation.ok) {
    if (flags.json) io.out(JSON.stringify({ ok: false, name, schema: schemaFile, baseline: source, errors: evaluation.errors }, null, 2));
    else {
      io.err(`${name} (${schemaFile}) would be refused by a publish: ${evaluation.errors.length} problem${evaluation.errors.length === 1 ? '' : 's'}.`);
      printErrors(io, evaluation.errors);
    }
    return EXIT.refused;
  }
  if (flags.json) {
    io.out(
      JSON.stringify({ ok: true, name, schema: schemaFile, baseline: source, subgraphs: [...graph, name], supergraphHash: evaluation.hash, changes: evaluation.changes }, null, 2),
    );
    return EXIT.ok;
  }
  io.out(`${name} (${schemaFile}) passes every check a publish runs: it keeps to the policy, composes with ${graph.join(', ')} and breaks nothing in ${source}.`);
  printChanges(io, evaluation.changes);
  return EXIT.ok;
}
