import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_NODE_ARGS } from '../../gateway/heap.ts';
import { freePort, REPOSITORY_ROOT, waitFor } from '../../scripts/lib/processes.ts';
import { nodeProcessEnv, nodeProcessName, nodesEnv, threeNodes } from '../../scripts/lib/topology.ts';
import { ALL_SCOPES, clientToken, TEST_JWT_SECRET } from '../helpers/caller.ts';
import { post } from '../helpers/hub.ts';

/**
 * Production runs the compiled JavaScript (issue 15 item 2): `npm run build:server` writes dist/,
 * and the image's entry script (deploy/docker-entrypoint.sh, run here from the repository root as
 * the image runs it from /app) starts every service with plain `node dist/...`, no tsx. The hub
 * started that way, three experts nodes and all, answers a query across subgraphs and stops cleanly.
 */

const ENTRY = 'deploy/docker-entrypoint.sh';

interface Started {
  name: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}
const started: Started[] = [];

/** Runs `sh deploy/docker-entrypoint.sh <args>` in the repository root, as `docker run talent-hub <args>` does. */
function startByEntry(name: string, args: string[], env: Record<string, string>): Started {
  const child = spawn('sh', [ENTRY, ...args], { cwd: REPOSITORY_ROOT, env: { ...process.env, HUB_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const service = { name, child, output, exited: new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))) };
  started.push(service);
  return service;
}

let gatewayUrl = '';
let dataDir: string | undefined;

beforeAll(async () => {
  await promisify(execFile)('npm', ['run', 'build:server'], { cwd: REPOSITORY_ROOT, maxBuffer: 16 * 1024 * 1024 });
  const nodes = threeNodes([await freePort(), await freePort(), await freePort()]);
  const [gateway, projects, coordination, metrics] = [await freePort(), await freePort(), await freePort(), await freePort()];
  dataDir = mkdtempSync(join(tmpdir(), 'hub-build-'));
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    HUB_JWT_SECRET: TEST_JWT_SECRET,
    HUB_DATA_DIR: dataDir,
    HUB_SEED_TALENTS: '300',
    HUB_GATEWAY_PORT: String(gateway),
    HUB_METRICS_PORT: String(metrics),
    HUB_PROJECTS_PORT: String(projects),
    HUB_COORDINATION_PORT: String(coordination),
    HUB_PROJECTS_URL: `http://127.0.0.1:${projects}/graphql`,
    HUB_COORDINATION_URL: `http://127.0.0.1:${coordination}/graphql`,
    HUB_GATEWAY_JWKS_URL: `http://127.0.0.1:${gateway}/.well-known/jwks.json`,
    ...nodesEnv(nodes),
  };
  for (const node of nodes) startByEntry(nodeProcessName(node.name), ['subgraph', 'experts'], { ...env, ...nodeProcessEnv(nodes, node) });
  startByEntry('projects', ['subgraph', 'projects'], env);
  startByEntry('coordination', ['subgraph', 'coordination'], env);
  startByEntry('gateway', ['gateway'], env);
  try {
    await waitFor(`http://127.0.0.1:${gateway}/health`, 120_000, (body) => body.status === 'ok');
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${started.map((s) => `--- ${s.name}\n${s.output.join('')}`).join('\n')}`);
  }
  gatewayUrl = `http://127.0.0.1:${gateway}/graphql`;
}, 300_000);

afterAll(async () => {
  for (const s of started) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  await Promise.all(started.map((s) => s.exited));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the compiled hub (npm run build:server, started by the image entry)', () => {
  it('names only files the build wrote', () => {
    const script = readFileSync(join(REPOSITORY_ROOT, ENTRY), 'utf8');
    // The files its `exec node [flags] ...` lines run.
    const paths = [...script.matchAll(/exec node (?:--\S+ )*"?(dist\/[^\s"]+\.js)"?/g)].map((m) => m[1]!);
    const expanded = paths.flatMap((p) =>
      p.includes('$name') ? (p.startsWith('dist/partners/') ? ['hainan'] : ['experts', 'projects', 'coordination']).map((n) => p.replace('$name', n)) : [p],
    );
    expect(expanded).toEqual(expect.arrayContaining(['dist/gateway/index.js', 'dist/subgraphs/experts/index.js', 'dist/data/seed.js']));
    for (const p of expanded) expect(existsSync(join(REPOSITORY_ROOT, p)), p).toBe(true);
    // What the services read beside their code was copied to the same relative places.
    for (const p of [
      'dist/schema/supergraph.graphql',
      'dist/platform/audit/schema.graphql',
      'dist/subgraphs/experts/schema.graphql',
      'dist/subgraphs/coordination/inputs.graphql',
    ]) {
      expect(existsSync(join(REPOSITORY_ROOT, p)), p).toBe(true);
    }
  });

  it('runs every service as plain node on dist/, without tsx', () => {
    for (const s of started) {
      const cmdline = readFileSync(`/proc/${s.child.pid}/cmdline`, 'utf8').split('\0').join(' ');
      expect(cmdline, s.name).toMatch(/node .*dist\/(gateway|subgraphs\/\w+)\/index\.js/);
      expect(cmdline, s.name).not.toMatch(/tsx/);
    }
  });

  it('runs the gateway with its node flags (gateway/heap.ts) and the subgraphs without them', () => {
    for (const s of started) {
      const argv = readFileSync(`/proc/${s.child.pid}/cmdline`, 'utf8').split('\0');
      const flags = argv.slice(
        1,
        argv.findIndex((arg) => arg.endsWith('/index.js')),
      );
      expect(flags, s.name).toEqual(s.name === 'gateway' ? GATEWAY_NODE_ARGS : []);
    }
    // Nor does it warn that it was started without them.
    expect(started.find((s) => s.name === 'gateway')!.output.join('')).not.toContain('started without');
  });

  it('answers a query across the experts nodes and projects', async () => {
    const token = await clientToken({ region: '510000', scopes: ALL_SCOPES });
    const res = await post(gatewayUrl, '{ talents(first: 3) { totalCount edges { node { id name awards { year } } } } }', undefined, { authorization: `Bearer ${token}` });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.talents.totalCount).toBeGreaterThan(0);
    expect(res.body.data?.talents.edges).toHaveLength(3);
    for (const edge of res.body.data?.talents.edges ?? []) expect(Array.isArray(edge.node.awards)).toBe(true);
  });

  it('stops every service cleanly on SIGTERM', async () => {
    for (const s of started) s.child.kill('SIGTERM');
    const codes = await Promise.all(started.map((s) => s.exited));
    expect(Object.fromEntries(started.map((s, i) => [s.name, codes[i]]))).toEqual(Object.fromEntries(started.map((s) => [s.name, 0])));
  });
});
