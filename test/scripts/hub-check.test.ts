import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHubCli } from '../../scripts/hub.ts';
import { removeDir } from '../helpers/registry.ts';

/**
 * `hub subgraph check --schema`: a publish's checks on a file, offline, for a partner's CI. The bin
 * runs as a process from a directory outside the checkout (the default supergraph is found from the
 * CLI itself); the other cases run the same CLI in-process on real files.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'hub.mjs');
const HAINAN = join(ROOT, 'partners', 'hainan', 'schema.graphql');
const HAINAN_SDL = readFileSync(HAINAN, 'utf8');
let dir: string;

/** The hub bin as a process: exit code and output. */
async function hub(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, HUB_PARTNER_ALLOWED_FIELDS: '' } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** The CLI in-process: exit code and the lines it wrote. */
async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runHubCli(argv, { env, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** Hainan's schema with a field of the core's Talent pulled in through @requires. */
const REQUIRES_BIRTH_YEAR = HAINAN_SDL.replace('import: ["@key", "@listSize"]', 'import: ["@key", "@listSize", "@external", "@requires"]').replace(
  'hainanTalentCard: HainanTalentCard\n',
  'hainanTalentCard: HainanTalentCard\n  birthYear: Int @external\n  hainanAge: Int @requires(fields: "birthYear")\n',
);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hub-check-'));
});
afterAll(() => removeDir(dir));

describe('hub subgraph check --schema, as a process', () => {
  it("accepts the Hainan partner's schema with exit 0 and lists the additions as JSON", { timeout: 120_000 }, async () => {
    const { code, stdout, stderr } = await hub(['subgraph', 'check', '--name', 'hainan', '--schema', HAINAN, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ ok: true, name: 'hainan', baseline: join(ROOT, 'schema', 'supergraph.graphql'), subgraphs: ['experts', 'projects', 'coordination', 'hainan'] });
    expect(answer.supergraphHash).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.changes).toContainEqual(expect.objectContaining({ criticality: 'NON_BREAKING', path: 'Talent.hainanTalentCard' }));
    expect(answer.changes.filter((c: { criticality: string }) => c.criticality === 'BREAKING')).toEqual([]);
  });

  it('refuses @requires(fields: "birthYear") with exit 1 and the policy reasons on stderr', { timeout: 120_000 }, async () => {
    const schema = await file('requires.graphql', REQUIRES_BIRTH_YEAR);
    const { code, stdout, stderr } = await hub(['subgraph', 'check', '--name', 'hainan', '--schema', schema]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`hainan (${schema}) would be refused by a publish: 2 problems.`);
    expect(lines[1]).toMatch(/^ {2}POLICY_VIOLATION: @external on Talent\.birthYear references Talent\.birthYear: partners may reference only key fields/);
    expect(lines[2]).toMatch(/^ {2}POLICY_VIOLATION: @requires on Talent\.hainanAge references Talent\.birthYear/);
  });
});

describe('hub subgraph check --schema, in-process', () => {
  it('says in words that the schema passes, and honours the operators allow-list as a publish does', { timeout: 60_000 }, async () => {
    const passed = await run(['subgraph', 'check', '--name', 'hainan', '--schema', HAINAN]);
    expect(passed.code).toBe(0);
    expect(passed.out[0]).toBe(
      `hainan (${HAINAN}) passes every check a publish runs: it keeps to the policy, composes with experts, projects, coordination and breaks nothing in ${join(ROOT, 'schema', 'supergraph.graphql')}.`,
    );
    const schema = await file('allowed.graphql', REQUIRES_BIRTH_YEAR);
    const allowed = await run(['subgraph', 'check', '--name', 'hainan', '--schema', schema, '--json'], { HUB_PARTNER_ALLOWED_FIELDS: 'Talent.birthYear' });
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.out.join('\n')).changes).toContainEqual(expect.objectContaining({ path: 'Talent.hainanAge' }));
    const flag = await run(['subgraph', 'check', '--name', 'hainan', '--schema', schema, '--allowed-fields', 'Talent.birthYear,Region.name']);
    expect(flag.code).toBe(0);
  });

  it("refuses a breaking change against the partners of a registry file, and accepts the partner's unchanged schema", { timeout: 60_000 }, async () => {
    const at = '2026-11-01T00:00:00.000Z';
    const partner = { name: 'hainan', url: 'http://127.0.0.1:4100/graphql', ownerRegion: '460000', addedBy: 'hainan-ops', addedAt: at, updatedBy: 'hainan-ops', updatedAt: at };
    const registry = await file('registry.json', JSON.stringify({ revision: 3, partners: [{ ...partner, sdl: HAINAN_SDL }], supergraph: null }));
    const unchanged = await run(['subgraph', 'check', '--name', 'hainan', '--schema', HAINAN, '--registry', registry]);
    expect(unchanged).toMatchObject({ code: 0, err: [] });
    expect(unchanged.out[0]).toContain(`breaks nothing in the core and the partners of ${registry}, composed.`);
    expect(unchanged.out[1]).toBe('No change to the API schema.');

    // Talent.hainanTalentCard goes (with its description line), which clients may be asking for.
    const removed = await file('removed.graphql', HAINAN_SDL.replace(/ {2}"[^"\n]*"\n {2}hainanTalentCard: HainanTalentCard\n/, ''));
    expect(readFileSync(removed, 'utf8')).not.toContain('hainanTalentCard:');
    const refused = await run(['subgraph', 'check', '--name', 'hainan', '--schema', removed, '--registry', registry, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out.join('\n'))).toMatchObject({
      ok: false,
      errors: [{ code: 'BREAKING_CHANGE', path: 'Talent.hainanTalentCard', message: "Field 'hainanTalentCard' was removed from object type 'Talent'" }],
    });
    // Another partner may not take a namespace the registry already gives hainan.
    const squatter = await run(['subgraph', 'check', '--name', 'sanya', '--schema', HAINAN, '--registry', registry, '--json']);
    expect(squatter.code).toBe(1);
    expect(JSON.parse(squatter.out.join('\n')).errors[0].code).toBe('POLICY_VIOLATION');
  });

  it('refuses an SDL that does not parse and a core name with the codes a publish answers', { timeout: 60_000 }, async () => {
    const broken = await file('broken.graphql', 'type Query {');
    const parsed = await run(['subgraph', 'check', '--name', 'hainan', '--schema', broken, '--json']);
    expect(parsed.code).toBe(1);
    expect(JSON.parse(parsed.out.join('\n')).errors).toEqual([expect.objectContaining({ code: 'COMPOSITION_FAILED', compositionCode: 'INVALID_GRAPHQL' })]);
    const core = await run(['subgraph', 'check', '--name', 'experts', '--schema', HAINAN]);
    expect(core.code).toBe(1);
    expect(core.err[1]).toMatch(/^ {2}CORE_SUBGRAPH: "experts" is a core subgraph/);
  });

  it('exits 2 on bad usage, naming what to fix, and changes nothing', async () => {
    const notRegistry = await file('not-registry.json', JSON.stringify({ partners: 'none' }));
    const cases: [string[], string][] = [
      [['subgraph', 'check', '--name', 'hainan', '--schema', join(dir, 'missing.graphql')], `Cannot read --schema ${join(dir, 'missing.graphql')}: ENOENT`],
      [['subgraph', 'check', '--name', 'Hainan!', '--schema', HAINAN], '--name must be 3-30 lower-case letters and digits'],
      [['subgraph', 'check', '--schema', HAINAN], 'check needs --name.'],
      [['subgraph', 'check', '--name', 'hainan', '--schema', HAINAN, '--token', 't'], 'check --schema runs offline: it takes neither --gateway nor --token.'],
      [['subgraph', 'check', '--name', 'hainan', '--schema', HAINAN, '--url', 'ftp://x'], '--url must be an http:// or https:// URL'],
      [['subgraph', 'check', '--name', 'hainan', '--schema', HAINAN, '--registry', notRegistry], `--registry ${notRegistry} is not a registry file: revision:`],
      [['subgraph', 'check', '--name', 'hainan', '--schema', HAINAN, '--allowed-fields', 'birthYear'], '--allowed-fields: "birthYear" is not a field'],
      [['subgraph', 'check', '--name', 'hainan', '--schema', HAINAN, '--supergraph', HAINAN], `--supergraph ${HAINAN} is not a supergraph a gateway can serve`],
      [
        ['subgraph', 'check', '--name', 'hainan', '--url', 'http://p/graphql', '--registry', notRegistry, '--token', 't'],
        '--registry is for the offline check: pass --schema <file> too.',
      ],
      [['subgraph', 'list', '--schema', HAINAN, '--token', 't'], 'subgraph list does not take --schema.'],
    ];
    for (const [argv, message] of cases) {
      const { code, out, err } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(out).toEqual([]);
      expect(err[0], argv.join(' ')).toContain(message);
      expect(err[0]).toMatch(/\n\nUsage: hub subgraph /);
    }
  });

  it('exits 3 when the gateway cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const { code, err } = await run(['subgraph', 'list', '--gateway', `http://127.0.0.1:${port}`, '--token', 't']);
    expect(code).toBe(3);
    expect(err[0]).toMatch(new RegExp(`^Cannot reach the gateway at http://127\\.0\\.0\\.1:${port}: `));
  });
});
