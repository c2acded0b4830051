import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPOSE_BANNER, coreSubgraphSources, DEFAULT_SUBGRAPH_URLS, SUBGRAPH_SDL_DIR, SUPERGRAPH_PATH, subgraphSdlFile } from '../../schema/compose.ts';
import { runHubCli } from '../../scripts/hub.ts';
import { removeDir } from '../helpers/registry.ts';

/**
 * `hub supergraph compose --config supergraph.yaml`: the committed supergraph.yaml (rover's format)
 * composes to what `npm run compose` committed; a subgraph_url is asked for its SDL over HTTP; a
 * config that does not compose, or cannot be read, exits 1 or 2 with the reasons.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = join(ROOT, 'supergraph.yaml');
const HAINAN_SDL = readFileSync(join(ROOT, 'partners', 'hainan', 'schema.graphql'), 'utf8');
/** schema/supergraph.graphql without the banner `npm run compose` writes above it. */
const COMMITTED = readFileSync(SUPERGRAPH_PATH, 'utf8').slice(COMPOSE_BANNER.length);
let dir: string;
let subgraph: Server;
let subgraphUrl: string;

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runHubCli(argv, { env: {}, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

async function config(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** The core subgraphs as config lines, schema files given relative to `dir` as rover reads them. */
const coreLines = () =>
  Object.entries(DEFAULT_SUBGRAPH_URLS)
    .map(([name, url]) => `  ${name}:\n    routing_url: ${url}\n    schema:\n      file: ${join(SUBGRAPH_SDL_DIR, `${name}.graphql`)}\n`)
    .join('');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hub-supergraph-'));
  // A federation subgraph as far as composition cares: it answers `_service { sdl }` over HTTP.
  subgraph = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const ok = req.method === 'POST' && JSON.parse(body).query.includes('_service');
      res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { data: { _service: { sdl: HAINAN_SDL } } } : { errors: [{ message: 'no' }] }));
    });
  });
  await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
  subgraphUrl = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => subgraph.close(() => resolve()));
  await removeDir(dir);
});

describe('hub supergraph compose', () => {
  it('composes supergraph.yaml, as a process, into the committed schema/supergraph.graphql', { timeout: 120_000 }, async () => {
    const output = join(dir, 'supergraph.graphql');
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'hub.mjs'), 'supergraph', 'compose', '--config', CONFIG, '--output', output], {
      cwd: dir,
    });
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(`Wrote the supergraph of experts, projects, coordination to ${output}.`);
    expect(await readFile(output, 'utf8')).toBe(COMMITTED);
  });

  it('reads schema files that npm run compose keeps fresh, and answers --json', { timeout: 60_000 }, async () => {
    for (const source of coreSubgraphSources()) {
      expect(readFileSync(join(SUBGRAPH_SDL_DIR, `${source.name}.graphql`), 'utf8'), `schema/subgraphs/${source.name}.graphql is stale: run npm run compose`).toBe(
        subgraphSdlFile(source),
      );
    }
    const { code, out } = await run(['supergraph', 'compose', '--config', CONFIG, '--json']);
    expect(code).toBe(0);
    const answer = JSON.parse(out.join('\n'));
    expect(answer).toMatchObject({ ok: true, supergraphSdl: COMMITTED });
    expect(answer.subgraphs).toEqual(Object.entries(DEFAULT_SUBGRAPH_URLS).map(([name, routingUrl]) => ({ name, routingUrl })));
    expect(answer.hints).toContainEqual(expect.stringMatching(/^INCONSISTENT_DESCRIPTION: /));
  });

  it('asks a subgraph_url for its SDL, routing to it unless routing_url says otherwise', { timeout: 60_000 }, async () => {
    const file = await config('with-hainan.yaml', `federation_version: =2.14.4\nsubgraphs:\n${coreLines()}  hainan:\n    schema:\n      subgraph_url: ${subgraphUrl}\n`);
    const { code, out } = await run(['supergraph', 'compose', '--config', file]);
    expect(code).toBe(0);
    const supergraph = out.join('\n');
    expect(supergraph).toContain(`HAINAN @join__graph(name: "hainan", url: "${subgraphUrl}")`);
    expect(supergraph).toMatch(/hainanTalentCard: HainanTalentCard @join__field\(graph: HAINAN\)/);
  });

  it('exits 1 with the composition errors and their codes, and 3 when a subgraph_url does not answer', { timeout: 60_000 }, async () => {
    const sdl = join(dir, 'clash.graphql');
    await writeFile(sdl, 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key"])\ntype Query { regions: Int }\n');
    const clash = await config('clash.yaml', `subgraphs:\n${coreLines()}  clash:\n    routing_url: http://127.0.0.1:4999/graphql\n    schema:\n      file: ./clash.graphql\n`);
    const text = await run(['supergraph', 'compose', '--config', clash]);
    expect(text.code).toBe(1);
    expect(text.out).toEqual([]);
    expect(text.err[0]).toBe('Composition failed with 2 errors:');
    expect(text.err[1]).toMatch(/^ {2}FIELD_TYPE_MISMATCH: Type of field "Query\.regions" is incompatible across subgraphs/);
    expect(text.err[2]).toMatch(/^ {2}INVALID_FIELD_SHARING: Non-shareable field "Query\.regions"/);
    const json = await run(['supergraph', 'compose', '--config', clash, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out.join('\n'))).toMatchObject({ ok: false, errors: [{ code: 'FIELD_TYPE_MISMATCH' }, { code: 'INVALID_FIELD_SHARING' }] });

    const closed = subgraphUrl.replace(/:\d+\//, ':1/');
    const unreachable = await run(['supergraph', 'compose', '--config', await config('down.yaml', `subgraphs:\n  hainan:\n    schema:\n      subgraph_url: ${closed}\n`)]);
    expect(unreachable.code).toBe(3);
    expect(unreachable.err[0]).toMatch(new RegExp(`^Cannot get the SDL of hainan from ${closed.replace(/[.:/]/g, '\\$&')}: `));
  });

  it('exits 2 on a config it cannot read or compose, naming the key', async () => {
    const cases: [string[], string][] = [
      [['supergraph', 'compose'], 'compose needs --config <supergraph.yaml>.'],
      [['supergraph', 'publish', '--config', CONFIG], 'Unknown command "supergraph publish".'],
      [['supergraph', 'compose', '--config', join(dir, 'none.yaml')], `Cannot read --config ${join(dir, 'none.yaml')}`],
      [['supergraph', 'compose', '--config', await config('bad.yaml', 'subgraphs: [')], 'is not YAML'],
      [['supergraph', 'compose', '--config', await config('graphref.yaml', 'subgraphs:\n  a:\n    schema:\n      graphref: hub@main\n')], '  subgraphs.a.schema: '],
      [['supergraph', 'compose', '--config', await config('v1.yaml', `federation_version: 1\nsubgraphs:\n${coreLines()}`)], 'federation_version 1 is not Federation 2'],
      [['supergraph', 'compose', '--config', await config('nourl.yaml', 'subgraphs:\n  a:\n    schema:\n      file: ./a.graphql\n')], 'Cannot read the schema of a'],
    ];
    for (const [argv, message] of cases) {
      const { code, out, err } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(out).toEqual([]);
      expect(err[0], argv.join(' ')).toContain(message);
      expect(err[0]).toContain('\n\nUsage: hub supergraph compose --config');
    }
  });
});
