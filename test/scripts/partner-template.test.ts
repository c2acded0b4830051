import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkPartnerPolicy } from '../../gateway/registry/policy.ts';
import { DEFAULT_PORTS, loopbackGraphqlUrl } from '../../platform/config.ts';
import { PLACEHOLDER, renderPartner, TEMPLATE_DIR, templateFiles } from '../../scripts/templates/partner-template.ts';
import { compose, coreSubgraphSources } from '../../schema/compose.ts';

/**
 * The template `npm run new-subgraph` copies is itself a partner that keeps to the hub's rules, and
 * rendering it for a new partner replaces every placeholder, in paths and in text, with imports
 * that resolve from where the new partner lives.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Every placeholder spelling a file at `path` (relative to its partner folder) must no longer contain
 * once rendered: the name in either case, the region, and the template's path to the repo root as
 * an import from that file's depth spells it.
 */
function leftovers(path: string): RegExp[] {
  const up = '\\.\\./'.repeat(path.split('/').length - 1);
  return [/acme/i, new RegExp(PLACEHOLDER.region), new RegExp(`'${up}\\.\\./\\.\\./\\.\\./(platform|store|gateway|schema)/`)];
}

/** The relative module specifiers a TypeScript file imports. */
function relativeImports(source: string): string[] {
  return [...source.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
}

describe('the partner template', () => {
  it('keeps to the partner policy and composes with the core', async () => {
    const sdl = await readFile(join(TEMPLATE_DIR, 'schema.graphql'), 'utf8');
    const core = coreSubgraphSources();
    const others = core.map((c) => ({ name: c.name, doc: parse(c.sdl) }));
    expect(checkPartnerPolicy({ name: PLACEHOLDER.name, doc: parse(sdl) }, others, [])).toEqual([]);
    const composition = compose([...core, { name: PLACEHOLDER.name, url: loopbackGraphqlUrl(DEFAULT_PORTS.partner), sdl }]);
    expect(composition.ok ? [] : composition.errors).toEqual([]);
  });

  it('spells every placeholder it is rendered with, and copies no generated file', async () => {
    const files = await templateFiles();
    for (const [i, kind] of ['name', 'region', 'path to the repo root'].entries()) {
      expect(
        Object.entries(files).some(([path, content]) => leftovers(path)[i]!.test(`${path}\n${content}`)),
        kind,
      ).toBe(true);
    }
    expect(Object.keys(files).filter((path) => path.includes('.generated.'))).toEqual([]);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['schema.graphql', 'server.ts', 'index.ts', 'store.ts', 'acme.test.ts', 'resolvers/Query/acmeRecord.ts']));
  });

  it('names the default partner port in its README', async () => {
    const readme = (await templateFiles())['README.md']!;
    expect(readme).toContain(`HUB_PARTNER_PORT=${DEFAULT_PORTS.partner} `);
    expect(readme).toContain(loopbackGraphqlUrl(DEFAULT_PORTS.partner));
  });

  it('leaves no placeholder behind when rendered for a new partner', async () => {
    const files = await renderPartner({ name: 'guangxi', region: '450000', rootFromDir: '../..' });
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['guangxi.test.ts', 'resolvers/Query/guangxiRecord.ts', 'resolvers/Query/guangxiRecords.ts', 'resolvers/GuangxiRecord.ts', 'resolvers/Talent.ts']),
    );
    for (const [path, content] of Object.entries(files)) {
      for (const leftover of leftovers(path)) {
        expect(path, path).not.toMatch(leftover);
        expect(content, path).not.toMatch(leftover);
      }
    }
    expect(files['model.ts']).toContain("export const OWNER_REGION: string = '450000';");
    expect(files['server.ts']).toContain('export const guangxiService: SubgraphService<GuangxiStore, GuangxiContext');
  });

  it('rewrites imports so they resolve from partners/<name>/ at every depth', async () => {
    const files = await renderPartner({ name: 'guangxi', region: '450000', rootFromDir: '../..' });
    const dir = join(ROOT, 'partners', 'guangxi');
    // What codegen writes after the copy.
    const generated = ['resolvers/types.generated.ts', 'resolvers/resolvers.generated.ts'];
    const unresolved: string[] = [];
    let outside = 0;
    for (const [path, content] of Object.entries(files)) {
      if (!path.endsWith('.ts')) continue;
      for (const specifier of relativeImports(content)) {
        const target = resolve(dir, dirname(path), specifier);
        const inside = relative(dir, target).split('\\').join('/');
        if (inside.startsWith('..')) {
          outside += 1;
          if (!existsSync(target)) unresolved.push(`${path}: ${specifier}`);
        } else if (!(inside in files) && !generated.includes(inside)) unresolved.push(`${path}: ${specifier}`);
      }
    }
    expect(unresolved).toEqual([]);
    expect(outside).toBeGreaterThan(10);
    expect(files['resolvers/Query/guangxiRecord.ts']).toContain("from '../../../../platform/caller.ts'");
  });

  it('substitutes in one pass: a name or region containing a placeholder is not replaced again', async () => {
    const files = await renderPartner({ name: 'n990000', region: '110000', rootFromDir: '../..' });
    expect(files['model.ts']).toContain("export const OWNER_REGION: string = '110000';");
    expect(files['server.ts']).toContain('export const n990000Service');
    expect(Object.keys(files)).toContain('resolvers/N990000Record.ts');
  });
});
