import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type Service, startService, waitFor } from '../scripts/lib/processes.ts';
import { nodeProcessEnv, nodeProcessName, nodesEnv, threeNodes } from '../scripts/lib/topology.ts';

/**
 * `npx tsx deploy/measure-memory.ts` (after `npm run build:server`): the idle memory of each hub
 * service run as `npm start` runs it today (TypeScript through tsx) and as production runs it
 * (`node dist/...`), with the default three experts nodes and 3,000 talents (HUB_SEED_TALENTS).
 * A first start seeds a fresh data directory (not measured); then each round starts the whole hub
 * one way, waits until the gateway reports every subgraph up and 10 s more, and reads each
 * process's resident set (VmRSS, /proc/<pid>/status, so Linux only). Prints JSON in MB.
 * MEASURE_ROUNDS (default 2) rounds of each, interleaved.
 */

const talents = process.env.HUB_SEED_TALENTS ?? '3000';
const rounds = Number(process.env.MEASURE_ROUNDS ?? 2);
const dataDir = mkdtempSync(join(tmpdir(), 'hub-memory-'));

/** Resident set of process `pid`, in MB. */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Math.round(Number(match[1]) / 1024);
}

async function measure(mode: 'tsx' | 'compiled'): Promise<Record<string, number>> {
  const nodes = threeNodes([await freePort(), await freePort(), await freePort()]);
  const [gateway, projects, coordination] = [await freePort(), await freePort(), await freePort()];
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    HUB_LOG_LEVEL: 'warn',
    HUB_DATA_DIR: dataDir,
    HUB_SEED_TALENTS: talents,
    HUB_METRICS_PORT: '0',
    HUB_GATEWAY_PORT: String(gateway),
    HUB_PROJECTS_PORT: String(projects),
    HUB_COORDINATION_PORT: String(coordination),
    HUB_PROJECTS_URL: `http://127.0.0.1:${projects}/graphql`,
    HUB_COORDINATION_URL: `http://127.0.0.1:${coordination}/graphql`,
    HUB_GATEWAY_JWKS_URL: `http://127.0.0.1:${gateway}/.well-known/jwks.json`,
    ...nodesEnv(nodes),
  };
  const entry = (path: string) => (mode === 'tsx' ? `${path}.ts` : `dist/${path}.js`);
  const services: Service[] = [
    ...nodes.map((n) => startService({ name: nodeProcessName(n.name), entry: entry('subgraphs/experts/index'), env: { ...env, ...nodeProcessEnv(nodes, n) } })),
    startService({ name: 'projects', entry: entry('subgraphs/projects/index'), env }),
    startService({ name: 'coordination', entry: entry('subgraphs/coordination/index'), env }),
    startService({ name: 'gateway', entry: entry('gateway/index'), env }),
  ];
  try {
    await waitFor(`http://127.0.0.1:${gateway}/health`, 180_000, (body) => body.status === 'ok');
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const row: Record<string, number> = {};
    for (const s of services) row[s.name] = rssMb(s.child.pid!);
    row.total = Object.values(row).reduce((a, b) => a + b, 0);
    return row;
  } finally {
    await Promise.all(services.map((s) => s.stop()));
  }
}

await measure('compiled');
const results: Record<'tsx' | 'compiled', Record<string, number>[]> = { tsx: [], compiled: [] };
for (let i = 0; i < rounds; i++) for (const mode of ['tsx', 'compiled'] as const) results[mode].push(await measure(mode));
console.log(JSON.stringify({ talents: Number(talents), results }, null, 2));
