import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHubCli } from '../../scripts/hub.ts';
import { dataFile } from '../../store/database.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { removeDir } from '../helpers/registry.ts';

/**
 * The hub CLI's interface: `npx hub` runs the bin, every command and subcommand has --help with its
 * options and exit codes, and `data` answers --json like the others.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;

async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runHubCli(argv, { env, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hub-help-'));
});
afterAll(() => removeDir(dir));

describe('hub --help', () => {
  it('runs through npx hub (the package bin) and prints the commands and exit codes', { timeout: 120_000 }, async () => {
    // --no-install: npx must find the hub's own bin, never fetch a package called "hub".
    const { stdout, stderr } = await promisify(execFile)('npx', ['--no-install', 'hub', '--help'], { cwd: ROOT });
    expect(stderr).toBe('');
    expect(stdout.split('\n')[0]).toBe('Usage: hub <command> <subcommand> [options]');
    for (const command of ['subgraph publish|check|list|show|remove', 'supergraph compose --config <file>', 'data export|import <dir>', 'audit verify <export>'])
      expect(stdout).toContain(`  ${command}`);
    expect(stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n(.*\n)* {2}2 {2}usage error.*\n(.*\n)* {2}3 {2}cannot reach the gateway/);
  });

  it('has help for every command and subcommand, with its options, --json and the exit codes', async () => {
    const helps: [string[], string, string[]][] = [
      [['--help'], 'Usage: hub <command>', []],
      [['subgraph', '--help'], 'Usage: hub subgraph <command>', ['--gateway', '--token']],
      [['subgraph', 'publish', '--help'], 'Usage: hub subgraph publish --name <name> --url <url>', ['--name', '--url', '--gateway', '--token']],
      [['subgraph', 'check', '-h'], 'Usage: hub subgraph check --name <name> --url <url>', ['--schema', '--supergraph', '--registry', '--allowed-fields', '--gateway', '--token']],
      [['subgraph', 'list', '--help'], 'Usage: hub subgraph list', ['--gateway', '--token']],
      [['subgraph', 'show', '--help'], 'Usage: hub subgraph show --name <name> [--sdl]', ['--name', '--sdl']],
      [['subgraph', 'remove', '--help'], 'Usage: hub subgraph remove --name <name>', ['--name']],
      [['supergraph', '--help'], 'Usage: hub supergraph compose --config <supergraph.yaml>', ['--config', '--output']],
      [['supergraph', 'compose', '--help'], 'Usage: hub supergraph compose --config <supergraph.yaml>', ['--config', '--output']],
      [['data', '--help'], 'Usage: hub data <command> <dir>', ['--replace', '--partner']],
      [['audit', '--help'], 'Usage: hub audit verify <export>', ['--checkpoints', '--key', '--public-key', '--subgraph']],
    ];
    for (const [argv, first, options] of helps) {
      const { code, out, err } = await run(argv);
      expect(code, argv.join(' ')).toBe(0);
      expect(err).toEqual([]);
      const text = out.join('\n');
      expect(text.startsWith(first), `${argv.join(' ')}: ${text.slice(0, 80)}`).toBe(true);
      for (const option of [...options, '--json']) expect(text, `${argv.join(' ')} documents ${option}`).toContain(option);
      expect(text, argv.join(' ')).toMatch(/Exit codes:\n {2}0 {2}.*\n {2}1 {2}.*\n(.*\n)* {2}2 {2}usage error/);
    }
  });

  it('exits 2 on an unknown command, naming it, with the top-level usage', async () => {
    for (const argv of [['frob'], ['frob', '--json'], ['--colour']]) {
      const { code, err } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(err[0]).toMatch(/^(Unknown command "frob"\.|Name a command\.)\n\nUsage: hub <command>/);
    }
  });
});

describe('hub data --json', () => {
  it('prints what it exported and imported as JSON, and the refusal as JSON with exit 1', async () => {
    const dataDir = join(dir, 'data');
    const db = createEmbeddedDatabase({ file: dataFile(dataDir, 'projects') });
    const programmes = db.collection<{ _id: string; name: string }>('programmes');
    await programmes.insertOne({ _id: 'P1', name: 'one' });
    await programmes.insertOne({ _id: 'P2', name: 'two' });
    await db.close();
    const exportDir = join(dir, 'export');
    const exported = await run(['data', 'export', exportDir, '--json'], { HUB_DATA_DIR: dataDir });
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.out.join('\n'))).toEqual({ ok: true, command: 'export', dir: exportDir, stores: dataDir, databases: { projects: { programmes: 2 } } });

    const refused = await run(['data', 'import', exportDir, '--json'], { HUB_DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out.join('\n'))).toMatchObject({ ok: false, command: 'import', error: expect.stringMatching(/already holds data .*--replace/) });
    const replaced = await run(['data', 'import', exportDir, '--replace', '--json'], { HUB_DATA_DIR: dataDir });
    expect(replaced.code).toBe(0);
    expect(JSON.parse(replaced.out.join('\n')).databases).toEqual({ projects: { programmes: 2 } });
  });
});
