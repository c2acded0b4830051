import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { HttpUrl, isConfigProblem } from '../../platform/env.ts';
import { compose, type SubgraphSource } from '../../schema/compose.ts';
import { EXIT, SUPERGRAPH_CHECK_USAGE, SUPERGRAPH_USAGE } from './help.ts';
import { type CliIo, UsageError } from './usage.ts';

/** The @apollo/composition this hub composes with (rover would download the version a config names). */
const COMPOSITION_VERSION = (createRequire(import.meta.url)('@apollo/composition/package.json') as { version: string }).version;

/** `schema:` of a subgraph in rover's config: a local SDL file, or a running subgraph to ask for its SDL. */
const SchemaSource = z.union([
  z.strictObject({ file: z.string().min(1, 'must name a file') }),
  z.strictObject({ subgraph_url: HttpUrl, introspection_headers: z.record(z.string(), z.string()).optional() }),
]);

/** rover's supergraph config (https://www.apollographql.com/docs/rover/commands/supergraphs), the parts without GraphOS. */
const SupergraphConfig = z.strictObject({
  federation_version: z.union([z.string(), z.number()]).optional(),
  subgraphs: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'a subgraph name is letters, digits, _ and -'), z.strictObject({ routing_url: HttpUrl.optional(), schema: SchemaSource }))
    .refine((subgraphs) => Object.keys(subgraphs).length > 0, 'must name at least one subgraph'),
});
type SupergraphConfig = z.infer<typeof SupergraphConfig>;

const SDL_QUERY = JSON.stringify({ query: 'query SubgraphSdl { _service { sdl } }' });

/** Raised when a subgraph_url does not answer `_service { sdl }`: exit code 3. */
class UnreachableError extends Error {}

/** Reads and validates the config; every problem is a UsageError naming the file and the key. */
async function readConfig(file: string): Promise<SupergraphConfig> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read --config ${file}: ${(error as Error).message}`);
  }
  // Loaded here, not at the top: `yaml` is a dev dependency, and the other commands must run without it.
  const { parse: parseYaml } = await import('yaml');
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new UsageError(`--config ${file} is not YAML: ${(error as Error).message}`);
  }
  const parsed = SupergraphConfig.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(document)'}: ${issue.message}`);
    throw new UsageError(
      `--config ${file} is not a supergraph config this CLI can compose (schema: file or subgraph_url; graphref and GraphOS subgraphs are not supported):\n${problems.join('\n')}`,
    );
  }
  const version = String(parsed.data.federation_version ?? '2').replace(/^=/, '');
  if (!/^2(\.|$)/.test(version)) throw new UsageError(`--config ${file}: federation_version ${version} is not Federation 2; the hub composes with ${COMPOSITION_VERSION}.`);
  return parsed.data;
}

/** Asks a running subgraph for its SDL, as rover does for `subgraph_url`. */
async function fetchSdl(io: CliIo, name: string, url: string, headers: Record<string, string>): Promise<string> {
  try {
    const res = await (io.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      body: SDL_QUERY,
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json()) as { data?: { _service?: { sdl?: unknown } } };
    const sdl = body.data?._service?.sdl;
    if (!res.ok || typeof sdl !== 'string' || !sdl) throw new Error(`HTTP ${res.status} without _service { sdl }: is it a federation subgraph's /graphql endpoint?`);
    return sdl;
  } catch (error) {
    throw new UnreachableError(`Cannot get the SDL of ${name} from ${url}: ${(error as Error).message}`);
  }
}

/** The composition input of a config: each subgraph's SDL (files relative to the config, as rover reads them) and routing URL. */
async function sources(io: CliIo, config: SupergraphConfig, configFile: string): Promise<SubgraphSource[]> {
  const base = dirname(configFile);
  const result: SubgraphSource[] = [];
  for (const [name, subgraph] of Object.entries(config.subgraphs)) {
    const schema = subgraph.schema;
    if ('file' in schema) {
      const file = resolve(base, schema.file);
      let sdl: string;
      try {
        sdl = readFileSync(file, 'utf8');
      } catch (error) {
        throw new UsageError(`Cannot read the schema of ${name} (${file}): ${(error as Error).message}`);
      }
      if (!subgraph.routing_url) throw new UsageError(`--config ${configFile}: subgraphs.${name}.routing_url is required with schema.file.`);
      result.push({ name, url: subgraph.routing_url, sdl });
    } else {
      result.push({ name, url: subgraph.routing_url ?? schema.subgraph_url, sdl: await fetchSdl(io, name, schema.subgraph_url, schema.introspection_headers ?? {}) });
    }
  }
  return result;
}

/** Composes the config; resolves to the exit code. */
async function composeConfig(values: { config?: string | undefined; output?: string | undefined; json?: boolean | undefined }, io: CliIo): Promise<number> {
  if (!values.config) throw new UsageError('compose needs --config <supergraph.yaml>.');
  const configFile = resolve(values.config);
  const config = await readConfig(configFile);
  const exact = typeof config.federation_version === 'string' && config.federation_version.startsWith('=') ? config.federation_version.slice(1) : undefined;
  if (exact && exact !== COMPOSITION_VERSION) io.err(`note: the config asks for federation ${exact}; the hub composes with ${COMPOSITION_VERSION}.`);
  const input = await sources(io, config, configFile);
  const result = compose(input);
  const subgraphs = input.map((s) => ({ name: s.name, routingUrl: s.url }));
  if (!result.ok) {
    if (values.json) io.out(JSON.stringify({ ok: false, errors: result.errors }, null, 2));
    else {
      io.err(`Composition failed with ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}:`);
      for (const e of result.errors) io.err(`  ${e.code}: ${e.message}`);
    }
    return EXIT.refused;
  }
  if (values.output) writeFileSync(resolve(values.output), result.supergraphSdl);
  if (values.json) {
    io.out(
      JSON.stringify({ ok: true, ...(values.output ? { output: resolve(values.output) } : { supergraphSdl: result.supergraphSdl }), hints: result.hints, subgraphs }, null, 2),
    );
  } else {
    if (values.output) io.err(`Wrote the supergraph of ${subgraphs.map((s) => s.name).join(', ')} to ${resolve(values.output)}.`);
    else io.out(result.supergraphSdl);
    // Hints go to stderr, as rover prints them, so stdout stays the supergraph alone.
    for (const hint of result.hints) io.err(`hint: ${hint}`);
  }
  return EXIT.ok;
}

/**
 * `hub supergraph compose --config <file> [--output <file>] [--json]`: composes a supergraph from a
 * config in rover's format (argv without `supergraph`). Resolves to the exit code: 0 composed, 1
 * composition failed (errors with their codes), 2 bad usage or config, 3 a subgraph_url did not answer.
 * `hub supergraph check`: whether this checkout's core schema may be deployed to a running gateway
 * without breaking a registered operation (./core-check.ts).
 */
export async function runSupergraphCli(argv: string[], io: CliIo): Promise<number> {
  let usage = SUPERGRAPH_USAGE;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        output: { type: 'string' },
        json: { type: 'boolean' },
        gateway: { type: 'string' },
        token: { type: 'string' },
        subgraphs: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const command = positionals[0];
    if (command === 'check') usage = SUPERGRAPH_CHECK_USAGE;
    if (values.help) {
      io.out(usage);
      return EXIT.ok;
    }
    if (positionals.length !== 1 || (command !== 'compose' && command !== 'check'))
      throw new UsageError(positionals.length ? `Unknown command "supergraph ${positionals.join(' ')}".` : 'Name a command: supergraph compose or supergraph check.');
    const misplaced = (command === 'compose' ? (['gateway', 'token', 'subgraphs'] as const) : (['config', 'output'] as const)).find((option) => values[option] !== undefined);
    if (misplaced) throw new UsageError(`supergraph ${command} has no --${misplaced}.`);
    // The check reads the gateway's stores' code and composes: loaded only when asked for.
    if (command === 'check') return await (await import('./core-check.ts')).runCoreCheck(values, io);
    return await composeConfig(values, io);
  } catch (error) {
    if (error instanceof UnreachableError) {
      io.err(error.message);
      return EXIT.unreachable;
    }
    if (error instanceof UsageError || isConfigProblem(error) || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${usage}`);
      return EXIT.usage;
    }
    throw error;
  }
}
