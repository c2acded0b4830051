import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { namespaceOf } from '../../gateway/registry/model.ts';

/**
 * The partner template that `npm run new-subgraph` copies: `scripts/templates/partner/` is a real
 * partner subgraph (type-checked, linted, tested, with its codegen target in codegen.ts) written
 * for a placeholder partner. Scaffolding copies its sources (not its `*.generated.ts` files, which
 * codegen writes for the new partner) and replaces the placeholders in every file's path and text:
 *
 * | placeholder                  | replaced by                                   | e.g. (guangxi)      |
 * | ---------------------------- | --------------------------------------------- | ------------------- |
 * | `Acme`                       | the type prefix (`namespaceOf(name)`)         | `Guangxi`           |
 * | `acme`                       | the name, which is also the field prefix      | `guangxi`           |
 * | `990000`                     | the owner region (GB/T 2260)                  | `450000`            |
 * | `../../../<dir>/`            | the path from the new folder to the repo root | `../../<dir>/`      |
 *
 * `<dir>` is one of the repo's folders the partner imports from (`ROOT_DIRS`): the template sits
 * three levels below the root, a partner under `partners/<name>/` two, so only that prefix of an
 * import changes (`../../../../../platform/` in `resolvers/Query/` becomes `../../../../platform/`).
 * Every placeholder is replaced in one pass, so a name or region that happens to contain another
 * placeholder is never substituted twice. Nothing else in the template may spell a placeholder.
 */

/** Where the template lives. */
export const TEMPLATE_DIR = fileURLToPath(new URL('./partner/', import.meta.url));

/** The values the template is written for; see the table above. */
export const PLACEHOLDER = { name: 'acme', region: '990000', rootFromDir: '../../..' } as const;

/** The repo's folders that the template's files import from. */
const ROOT_DIRS = ['platform', 'store', 'gateway', 'schema', 'data'] as const;

/** What a new partner's files are made for. */
export interface PartnerParams {
  /** The registry name (a valid `PartnerName`), also its namespace. */
  name: string;
  /** The owner region's GB/T 2260 code. */
  region: string;
  /** The relative path from the partner's own folder to the repo root, with `/` separators (e.g. `../..`). */
  rootFromDir: string;
}

/** The substitution table for `params`: each placeholder text and what replaces it. */
function substitutions(params: PartnerParams): Map<string, string> {
  const from = namespaceOf(PLACEHOLDER.name);
  const to = namespaceOf(params.name);
  return new Map([
    [from.typePrefix, to.typePrefix],
    [from.fieldPrefix, to.fieldPrefix],
    [PLACEHOLDER.region, params.region],
    ...ROOT_DIRS.map((dir): [string, string] => [`${PLACEHOLDER.rootFromDir}/${dir}/`, `${params.rootFromDir}/${dir}/`]),
  ]);
}

/** Replaces every placeholder of `table` in `text`, in one left-to-right pass. */
function substitute(text: string, table: Map<string, string>): string {
  const pattern = new RegExp([...table.keys()].map((key) => key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');
  return text.replace(pattern, (match) => table.get(match) ?? match);
}

/** The template's source files by path relative to `TEMPLATE_DIR` (`/` separators), without the generated ones. */
export async function templateFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const path of (await readdir(TEMPLATE_DIR, { recursive: true })).sort()) {
    if (path.endsWith('.generated.ts') || !(await stat(join(TEMPLATE_DIR, path))).isFile()) continue;
    files[path.split('\\').join('/')] = await readFile(join(TEMPLATE_DIR, path), 'utf8');
  }
  return files;
}

/** The files of a new partner subgraph, by path relative to its folder: the template with its placeholders replaced. */
export async function renderPartner(params: PartnerParams): Promise<Record<string, string>> {
  const table = substitutions(params);
  const files: Record<string, string> = {};
  for (const [path, content] of Object.entries(await templateFiles())) files[substitute(path, table)] = substitute(content, table);
  return files;
}
