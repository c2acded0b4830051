import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { namespaceOf, PartnerName, RESERVED_NAMES } from '../gateway/registry/model.ts';
import { DEFAULT_PORTS, loopbackGraphqlUrl } from '../platform/config.ts';
import { RegionCode } from '../platform/model.ts';
import { renderPartner } from './templates/partner-template.ts';

/**
 * `npm run new-subgraph -- --name <name> --region <code> [--dir partners]` scaffolds a partner
 * subgraph in the hub's own style under partners/<name>/: SDL in the partner's namespace that
 * extends `Talent`, stored documents (zod), a store on the kit's store port, DataLoaders, typed
 * resolvers (codegen), verification of the gateway's caller token, server/service/index, example
 * data and a vitest test. It composes with the hub as it is. The files are the partner template's
 * (scripts/templates/partner/, a compiling partner named `acme`) with their placeholders replaced
 * (scripts/templates/partner-template.ts); codegen then writes the new partner's resolver types.
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

/** Writes a new partner subgraph under `<dir>/<name>/` and generates its resolver types. */
export async function scaffoldPartner(options: { name: string; region: string; dir?: string }): Promise<ScaffoldResult> {
  const { name, region, dir } = Options.parse({ ...options, dir: options.dir ?? join(ROOT, 'partners') });
  const target = resolve(dir, name);
  if (existsSync(target)) throw new Error(`${relative(process.cwd(), target) || target} already exists; choose another name or remove it first.`);
  const rootFromDir = relative(target, ROOT).split('\\').join('/') || '.';
  const files = await renderPartner({ name, region, rootFromDir });
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
    const port = DEFAULT_PORTS.partner;
    const url = loopbackGraphqlUrl(port);
    console.log(`
Its namespace: types ${typePrefix}..., fields ${fieldPrefix}... Next:
  npx vitest run ${where}                                  # composes with the hub and serves its fields
  HUB_PARTNER_PORT=${port} npx tsx ${where}/index.ts          # start it (embedded store with example data)
  npm run -s hub -- subgraph check --name ${parsed.data.name} --url ${url}
  npm run -s hub -- subgraph publish --name ${parsed.data.name} --url ${url}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
