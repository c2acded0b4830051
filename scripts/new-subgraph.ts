import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { namespaceOf, PartnerName, RESERVED_NAMES } from '../gateway/registry/model.ts';
import { RegionCode } from '../platform/model.ts';

/**
 * `npm run new-subgraph -- --name <name> --region <code> [--dir partners]` scaffolds a partner
 * subgraph in the hub's own style under partners/<name>/: SDL in the partner's namespace that
 * extends `Talent`, stored documents (zod), a store on the kit's store port, DataLoaders, typed
 * resolvers (codegen), verification of the gateway's caller token, server/service/index, example
 * data and a vitest test. It composes with the hub as it is.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const usage = 'Usage: npm run new-subgraph -- --name <name> --region <GB/T 2260 code> [--dir partners]';

const Options = z.object({
  name: PartnerName.refine((n) => !RESERVED_NAMES.has(n), 'is reserved (a core subgraph or a word the graph uses)'),
  region: RegionCode,
  dir: z.string().min(1),
});

export interface ScaffoldResult {
  dir: string;
  files: string[];
}

/** The files of a new partner subgraph, by path relative to its directory. */
export function partnerFiles(name: string, region: string, rootFromDir: string): Record<string, string> {
  const { typePrefix: T, fieldPrefix: f } = namespaceOf(name);
  const up = rootFromDir; // e.g. "../.." from partners/<name>
  const kit = `${up}/platform`;
  const store = `${up}/store`;
  const rkit = `../${up}/platform`;
  return {
    'schema.graphql': `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key"])

"""
The ${name} partner subgraph (owner region ${region}): records ${name} keeps about the hub's
talents. Everything it adds is in its namespace: types ${T}..., fields ${f}... (see the hub
README, "Partner subgraphs").
"""
type Query {
  "One record by id; null when it does not exist (${region}'s own systems only)."
  ${f}Record(id: ID!): ${T}Record
  "The records of one talent, newest first (${region}'s own systems only)."
  ${f}Records(talentId: ID!): [${T}Record!]!
}

"A talent of the hub (owned by the experts subgraph), extended with what ${name} holds about it."
type Talent @key(fields: "id") {
  id: ID!
  "Records ${name} keeps about this talent, newest first."
  ${f}Records: [${T}Record!]!
}

"A record kept by ${name}."
type ${T}Record @key(fields: "id") {
  id: ID!
  "What the record is about."
  title: String!
  "When it was recorded (YYYY-MM-DD)."
  recordedOn: String!
  "The talent concerned."
  talentId: ID!
}
`,
    'model.ts': `import { z } from 'zod';
import { EntityId, IsoDate } from '${kit}/model.ts';

/** The region that runs this partner subgraph (GB/T 2260); its own systems may read records directly. */
export const OWNER_REGION: string = '${region}';

/** A record as stored. */
export const ${T}RecordDoc = z.object({
  _id: EntityId,
  talentId: EntityId,
  title: z.string().min(1).max(200),
  recordedOn: IsoDate,
});
export type ${T}RecordDoc = z.infer<typeof ${T}RecordDoc>;
`,
    'schema.mappers.ts': `import type { ${T}RecordDoc } from './model.ts';

// Parent types of the resolvers are the stored documents (codegen picks up every XMapper here).
export type ${T}RecordMapper = ${T}RecordDoc;
/** A talent as the gateway hands it over: its key only (the experts subgraph owns the rest). */
export type TalentMapper = { id: string };
`,
    'store.ts': `import type { Filter } from 'mongodb';
import { type CollectionPort, type DatabasePort, ensureIndexes, type IndexDeclaration } from '${store}/port.ts';
import type { ${T}RecordDoc } from './model.ts';

// Records are read by talent (Talent.${f}Records), so talentId is indexed.
const RECORD_INDEXES: IndexDeclaration[] = [{ keys: { talentId: 1 } }];

/** The ${name} subgraph's only door to storage. */
export class ${T}Store {
  private constructor(private readonly records: CollectionPort<${T}RecordDoc>) {}

  /** Opens the collections and creates their indexes. */
  static async open(db: DatabasePort): Promise<${T}Store> {
    const store = new ${T}Store(db.collection('records'));
    await ensureIndexes(store.records, RECORD_INDEXES);
    return store;
  }

  /** Upserts documents by id: running it twice changes nothing. */
  async seed(records: ${T}RecordDoc[]): Promise<void> {
    if (!records.length) return;
    await this.records.bulkWrite(records.map((doc) => ({ replaceOne: { filter: { _id: doc._id } as Filter<${T}RecordDoc>, replacement: doc, upsert: true } })));
  }

  recordsByIds(ids: readonly string[]): Promise<${T}RecordDoc[]> {
    return this.records.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** The records of many talents in one query, newest first. */
  recordsByTalentIds(talentIds: readonly string[]): Promise<${T}RecordDoc[]> {
    return this.records.find({ talentId: { $in: [...talentIds] } }, { sort: { recordedOn: -1, _id: 1 } }).toArray();
  }
}
`,
    'data.ts': `import type { ${T}RecordDoc } from './model.ts';

/**
 * Example records (synthetic): one for every seventh talent id of the hub's seed data
 * (T000007, T000014, ...), so a development hub has something to join.
 */
export function exampleRecords(talents = 3000): ${T}RecordDoc[] {
  const records: ${T}RecordDoc[] = [];
  for (let n = 7; n <= talents; n += 7) {
    const talentId = 'T' + String(n).padStart(6, '0');
    records.push({ _id: '${name}-' + String(n).padStart(6, '0'), talentId, title: 'Example record', recordedOn: '2026-0' + String((n % 9) + 1) + '-15' });
  }
  return records;
}
`,
    'loaders.ts': `import { byKeyLoader, groupLoader } from '${kit}/loaders.ts';
import type { ${T}Store } from './store.ts';

/** One DataLoader per hop, created per request. */
export function createLoaders(store: ${T}Store) {
  return {
    recordById: byKeyLoader((ids) => store.recordsByIds(ids), (r) => r._id),
    recordsByTalentId: groupLoader((ids) => store.recordsByTalentIds(ids), (r) => r.talentId),
  };
}

export type ${T}Loaders = ReturnType<typeof createLoaders>;
`,
    'context.ts': `import type { RequestInfo } from '${kit}/request.ts';
import { createLoaders, type ${T}Loaders } from './loaders.ts';
import type { ${T}Store } from './store.ts';

/** What every ${name} resolver gets: the verified caller (from the gateway's token), the store, loaders. */
export interface ${T}Context extends RequestInfo {
  store: ${T}Store;
  loaders: ${T}Loaders;
}

/** A fresh context (and fresh loaders) for one request. */
export function createContext(deps: { store: ${T}Store }, request: RequestInfo): ${T}Context {
  return { ...request, store: deps.store, loaders: createLoaders(deps.store) };
}
`,
    [`resolvers/Query/${f}Record.ts`]: `import { requireOwnProvince, requireScope } from '../${rkit}/caller.ts';
import { parseArgs } from '../${rkit}/errors.ts';
import { EntityId } from '../${rkit}/model.ts';
import { OWNER_REGION } from '../../model.ts';
import type { QueryResolvers } from '../types.generated.ts';

// Root fields reach records without going through a talent the experts subgraph let the caller
// see, so only the owner region's own systems may use them.
export const ${f}Record: NonNullable<QueryResolvers['${f}Record']> = (_parent, args, ctx) => {
  requireOwnProvince(requireScope(ctx.caller, 'talent:read'), OWNER_REGION, "${name}'s own systems");
  return ctx.loaders.recordById.load(parseArgs(EntityId, args.id, 'id'));
};
`,
    [`resolvers/Query/${f}Records.ts`]: `import { requireOwnProvince, requireScope } from '../${rkit}/caller.ts';
import { parseArgs } from '../${rkit}/errors.ts';
import { EntityId } from '../${rkit}/model.ts';
import { OWNER_REGION } from '../../model.ts';
import type { QueryResolvers } from '../types.generated.ts';

// Root fields reach records without going through a talent the experts subgraph let the caller
// see, so only the owner region's own systems may use them.
export const ${f}Records: NonNullable<QueryResolvers['${f}Records']> = (_parent, args, ctx) => {
  requireOwnProvince(requireScope(ctx.caller, 'talent:read'), OWNER_REGION, "${name}'s own systems");
  return ctx.loaders.recordsByTalentId.load(parseArgs(EntityId, args.talentId, 'talentId'));
};
`,
    'resolvers/Talent.ts': `import { requireScope } from '${rkit}/caller.ts';
import type { TalentResolvers } from './types.generated.ts';

// The gateway asks for a talent's records only after the experts subgraph resolved the talent
// for this caller, so the sharing rules of its home region have already been applied.
export const Talent: TalentResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  ${f}Records: (t, _args, ctx) => {
    requireScope(ctx.caller, 'talent:read');
    return ctx.loaders.recordsByTalentId.load(t.id);
  },
};
`,
    [`resolvers/${T}Record.ts`]: `import type { ${T}RecordResolvers } from './types.generated.ts';

export const ${T}Record: ${T}RecordResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.recordById.load(ref.id),
  id: (r) => r._id,
};
`,
    'server.ts': `import type { SubgraphService } from '${kit}/runner.ts';
import { createSubgraphServer } from '${kit}/server.ts';
import { loadSdl } from '${kit}/sdl.ts';
import { createContext, type ${T}Context } from './context.ts';
import { resolvers } from './resolvers/resolvers.generated.ts';
import { ${T}Store } from './store.ts';

export const { sdl, typeDefs } = loadSdl(new URL('./schema.graphql', import.meta.url));

/** Builds the ${name} subgraph (schema and Apollo server); it does not listen. */
export function create${T}Server(options: { logError?: (error: unknown) => void } = {}) {
  return createSubgraphServer<${T}Context>({ name: '${name}', typeDefs, resolvers, ...options });
}

/** The ${name} partner subgraph as its index.ts and its tests start it (seed: its example records). */
export const ${f}Service: SubgraphService<${T}Store, ${T}Context, Parameters<${T}Store['seed']>[0]> = {
  kind: 'partner',
  name: '${name}',
  capabilities: [],
  openStore: (db) => ${T}Store.open(db),
  seed: (store, records) => store.seed(records),
  createServer: () => create${T}Server(),
  createContext,
};
`,
    'index.ts': `import { runSubgraph } from '${kit}/runner.ts';
import { exampleRecords } from './data.ts';
import { ${f}Service } from './server.ts';

runSubgraph(${f}Service, { seed: () => exampleRecords() });
`,
    [`${name}.test.ts`]: `import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPartnerPolicy } from '${up}/gateway/registry/policy.ts';
import { type CallerSigner, createCallerSigner } from '${up}/gateway/signer.ts';
import { compose, coreSubgraphSources } from '${up}/schema/compose.ts';
import { createEmbeddedDatabase } from '${store}/embedded.ts';
import { startSubgraph, type StartedSubgraph } from '${kit}/runner.ts';
import { exampleRecords } from './data.ts';
import { OWNER_REGION } from './model.ts';
import { ${f}Service, sdl } from './server.ts';
import type { ${T}Store } from './store.ts';

interface Answer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('the ${name} partner subgraph', () => {
  let signer: CallerSigner;
  let partner: StartedSubgraph<${T}Store, never>;
  beforeAll(async () => {
    signer = await createCallerSigner();
    partner = await startSubgraph(${f}Service, { db: createEmbeddedDatabase(), port: 0, host: '127.0.0.1', keys: signer.localKeys(), seed: exampleRecords });
  });
  afterAll(async () => {
    await partner?.close();
  });

  /** Asks the subgraph as the gateway would for a caller of \`region\` (no token when region is null). */
  async function ask(query: string, variables: Record<string, unknown>, region: string | null): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (region) headers.authorization = 'Bearer ' + (await signer.sign({ audience: '${name}', sub: 'test-system', region, scopes: ['talent:read'], purpose: null, grants: [] }));
    const res = await fetch(partner.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as Answer;
  }

  it('composes with the hub core and keeps to its namespace', () => {
    const core = coreSubgraphSources();
    const others = core.map((c) => ({ name: c.name, doc: parse(c.sdl) }));
    expect(checkPartnerPolicy({ name: '${name}', doc: parse(sdl) }, others, [])).toEqual([]);
    const composition = compose([...core, { name: '${name}', url: partner.url, sdl }]);
    expect(composition.ok ? [] : composition.errors).toEqual([]);
  });

  it('adds its records to talents (the gateway asks with _entities)', async () => {
    const record = exampleRecords()[0]!;
    const body = await ask(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { ${f}Records { id title talentId } } } }',
      { r: [{ __typename: 'Talent', id: record.talentId }] },
      '110000',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities[0].${f}Records).toContainEqual({ id: record._id, title: record.title, talentId: record.talentId });
  });

  it("lets only its own region's systems read records directly", async () => {
    const record = exampleRecords()[0]!;
    const own = await ask('query($id: ID!) { ${f}Record(id: $id) { id } }', { id: record._id }, OWNER_REGION);
    expect(own.data?.${f}Record).toEqual({ id: record._id });
    const other = await ask('query($id: ID!) { ${f}Record(id: $id) { id } }', { id: record._id }, OWNER_REGION === '110000' ? '120000' : '110000');
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers nothing without the gateway caller token', async () => {
    const record = exampleRecords()[0]!;
    const body = await ask('query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { ${f}Records { id } } } }', { r: [{ __typename: 'Talent', id: record.talentId }] }, null);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
`,
    'README.md': `# ${name}: a partner subgraph of the talent data federation hub

Owner region ${region}. Scaffolded with \`npm run new-subgraph -- --name ${name} --region ${region}\`.

Everything it adds to the graph is in its namespace: types \`${T}...\`, fields \`${f}...\` on
\`Query\` and on the hub's entities (\`Talent\`, \`Region\`, ...). See the hub README, "Partner
subgraphs", for the rules, and for how to check, publish, verify and remove it.

\`\`\`bash
npx vitest run partners/${name}     # composes with the hub, serves its fields
HUB_PARTNER_PORT=4100 npx tsx partners/${name}/index.ts
npm run -s hub -- subgraph check   --name ${name} --url http://127.0.0.1:4100/graphql
npm run -s hub -- subgraph publish --name ${name} --url http://127.0.0.1:4100/graphql
\`\`\`

After changing \`schema.graphql\`, run \`npm run codegen\`: typed resolvers in \`resolvers/types.generated.ts\`, the resolver map in \`resolvers/resolvers.generated.ts\`, and a file to fill in under \`resolvers/Query/\` for a new root field.
`,
  };
}

/** Writes a new partner subgraph under `<dir>/<name>/` and generates its resolver types. */
export async function scaffoldPartner(options: { name: string; region: string; dir?: string }): Promise<ScaffoldResult> {
  const { name, region, dir } = Options.parse({ ...options, dir: options.dir ?? join(ROOT, 'partners') });
  const target = resolve(dir, name);
  if (existsSync(target)) throw new Error(`${relative(process.cwd(), target) || target} already exists; choose another name or remove it first.`);
  const rootFromDir = relative(target, ROOT).split('\\').join('/') || '.';
  const files = partnerFiles(name, region, rootFromDir);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(target, path)), { recursive: true });
    await writeFile(join(target, path), content, { flag: 'wx' });
  }
  // Typed resolvers, exactly as `npm run codegen` writes them (codegen.ts finds partners/*).
  const { generate } = await import('@graphql-codegen/cli');
  const { partnerTarget } = await import('../codegen.ts');
  const cwd = process.cwd();
  try {
    process.chdir(ROOT);
    await generate({ overwrite: true, silent: true, generates: partnerTarget(name, relative(ROOT, target).split('\\').join('/')) }, true);
  } finally {
    process.chdir(cwd);
  }
  return { dir: target, files: [...Object.keys(files), 'resolvers/types.generated.ts', 'resolvers/resolvers.generated.ts'].sort() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { values } = parseArgs({
      options: { name: { type: 'string' }, region: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    const parsed = Options.safeParse({ name: values.name, region: values.region, dir: values.dir ?? join(ROOT, 'partners') });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) console.error(`--${String(issue.path[0])}: ${issue.message}`);
      console.error(usage);
      process.exit(2);
    }
    const result = await scaffoldPartner(parsed.data);
    const where = relative(process.cwd(), result.dir) || result.dir;
    const { typePrefix, fieldPrefix } = namespaceOf(parsed.data.name);
    console.log(`Created ${where}/ (owner region ${parsed.data.region}):`);
    for (const file of result.files) console.log(`  ${where}/${file}`);
    console.log(`
Its namespace: types ${typePrefix}..., fields ${fieldPrefix}... Next:
  npx vitest run ${where}                                  # composes with the hub and serves its fields
  HUB_PARTNER_PORT=4100 npx tsx ${where}/index.ts          # start it (embedded store with example data)
  npm run -s hub -- subgraph check --name ${parsed.data.name} --url http://127.0.0.1:4100/graphql
  npm run -s hub -- subgraph publish --name ${parsed.data.name} --url http://127.0.0.1:4100/graphql`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
