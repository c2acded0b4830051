import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileOperationsStore } from '../../gateway/operations/store.ts';
import { TrustedDocuments } from '../../gateway/operations/trusted.ts';
import { runHubCli } from '../../scripts/hub.ts';
import { resolveEntry } from '../../scripts/lib/processes.ts';
import { TEST_JWT_SECRET } from '../helpers/caller.ts';
import { type Hub, startHub } from '../helpers/hub.ts';
import { removeDir, tempDataDir } from '../helpers/registry.ts';

/**
 * `npm run -s token` makes every token the README tells a user to make: here the one for
 * `hub operations publish` (scope `operations:publish`), which the gateway's admin API accepts.
 */

const run = promisify(execFile);
// Compiled when the run compiled the hub (npm test: test/setup/compiled.ts), through tsx otherwise.
const TOKEN = resolveEntry('scripts/token.ts');
const token = (args: string[]) => run(process.execPath, [...TOKEN.loader, TOKEN.file, ...args], { env: { ...process.env, HUB_JWT_SECRET: TEST_JWT_SECRET } });

let hub: Hub;
let dir: string;

beforeAll(async () => {
  dir = await tempDataDir();
  hub = await startHub({ talents: 50, nodes: 'single', gateway: { operations: await TrustedDocuments.open(new FileOperationsStore(dir)) } });
});
afterAll(async () => {
  await hub?.close();
  await removeDir(dir);
});

describe('npm run -s token', () => {
  it('makes an operations:publish token with which hub operations publish registers a document', async () => {
    const { stdout } = await token(['--region', '510000', '--sub', 'token-system', '--scope', 'operations:publish']);
    const file = join(dir, 'ops.graphql');
    await writeFile(file, 'query Codes { disciplines { code } }\n');
    const out: string[] = [];
    const err: string[] = [];
    const env = { HUB_TOKEN: stdout.trim(), HUB_GATEWAY_URL: hub.url };
    const code = await runHubCli(['operations', 'publish', '--client', 'token-system', '--file', file], { env, out: (l) => out.push(l), err: (l) => err.push(l) });
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/Registered 1 document/);
  }, 90_000);

  it('lists operations:publish among the scopes in --help, and still refuses an unknown scope', async () => {
    const [help, unknown] = await Promise.all([token(['--help']), token(['--region', '510000', '--scope', 'operations:everything']).catch((error: unknown) => error)]);
    expect(help.stdout).toContain('operations:publish');
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown scope(s): operations:everything') });
  }, 90_000);
});
