import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodesEnv, threeNodes } from '../../scripts/lib/topology.ts';
import { ALL_SCOPES, clientToken, TEST_JWT_SECRET } from '../helpers/caller.ts';
import { type GraphQLResponse, post } from '../helpers/hub.ts';
import { freePort, type Service, waitFor } from '../helpers/processes.ts';
import { startService } from '../../scripts/lib/processes.ts';
import { GATEWAY_NODE_ARGS } from '../../gateway/heap.ts';

/**
 * `npm start` itself (scripts/start.ts, as a real process on free ports): a service killed with
 * kill -9 is started again while the others go on serving, and SIGTERM stops everything.
 */

/** A query that needs projects (awards) besides experts and coordination. */
const PROJECTS_QUERY = '{ talents(first: 5) { edges { node { id name title homeRegion { name } awards { year program { name } } } } } }';
/** An open search over every experts node. */
const SEARCH = '{ talents(first: 100) { totalCount edges { node { id name homeRegion { code } } } } }';
/** What the supervisor prints when it starts a service. */
const STARTED = /^hub\s+\| (\S+) started \(pid (\d+)\)$/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * While the process is gone the missing part is SUBGRAPH_UNAVAILABLE; once the new one listens but
 * is still slow to answer (a loaded machine), SUBGRAPH_TIMEOUT is as right.
 */
function expectPartialWhileDown(codes: unknown[]) {
  expect(codes.length, 'partial answers while it was down').toBeGreaterThan(0);
  expect(codes).toContain('SUBGRAPH_UNAVAILABLE');
  for (const code of codes) expect(['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT']).toContain(code);
}

describe('npm start keeps the hub serving', () => {
  let hub: Service;
  let dataDir: string | undefined;
  let gateway: string;
  let token: string;
  /** When each line of npm start's output arrived, to show where the time went when a restart is slow. */
  const arrivals: { at: number; line: string }[] = [];

  /** Each service's current pid, as the supervisor announced it (the latest start wins). */
  const pids = () => {
    const byName = new Map<string, number>();
    for (const line of hub.output) {
      const m = STARTED.exec(line.trimEnd());
      if (m) byName.set(m[1]!, Number(m[2]));
    }
    return byName;
  };
  const pidOf = (name: string) => {
    const pid = pids().get(name);
    if (pid === undefined) throw new Error(`npm start announced no pid for ${name}:\n${hub.output.join('')}`);
    return pid;
  };
  const ask = (query: string) => post(`${gateway}/graphql`, query, undefined, { authorization: `Bearer ${token}` });

  /**
   * Kills `name` with kill -9 and asks `query` every 200 ms until the answer equals `whole`; every
   * answer meanwhile goes to `checkPartial`, which returns its error code. Checks that a new process was started within 2 s
   * and the answer was whole again within 10 s of the kill, and that no other service was
   * restarted. Returns how long it took and the error codes of the partial answers meanwhile.
   */
  async function killAndWatch(name: string, query: string, whole: GraphQLResponse['body'], checkPartial: (res: GraphQLResponse) => unknown) {
    const before = pids();
    const old = pidOf(name);
    process.kill(old, 'SIGKILL');
    const killedAt = Date.now();
    // The error code of each partial answer.
    const partial: unknown[] = [];
    let wholeAfter: number | undefined;
    while (Date.now() - killedAt < 30_000) {
      const res = await ask(query);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      if (!res.body.errors) {
        expect(res.body).toEqual(whole);
        wholeAfter = Date.now() - killedAt;
        break;
      }
      partial.push(checkPartial(res));
      await new Promise((r) => setTimeout(r, 200));
    }
    // What npm start said about the service since the kill, with the time each line arrived.
    const timeline = arrivals
      .filter((a) => a.at >= killedAt && (a.line.includes(`| ${name} `) || (a.line.startsWith(`${name} `) && a.line.includes('ready'))))
      .map((a) => `+${((a.at - killedAt) / 1000).toFixed(1)} s ${a.line.slice(0, 160)}`)
      .join('\n');
    const restartedAfter = arrivals.find((a) => a.at >= killedAt && a.line.includes(`| ${name} started (pid`))?.at;
    expect(restartedAfter, `a new ${name} process within 2 s of the kill:\n${timeline}`).toBeLessThanOrEqual(killedAt + 2000);
    expect(wholeAfter, `whole again within 10 s of the kill (after ${wholeAfter} ms):\n${timeline}`).toBeLessThanOrEqual(10_000);
    const after = pids();
    expect(after.get(name), 'started again as a new process').not.toBe(old);
    expect(isAlive(old)).toBe(false);
    expect(isAlive(after.get(name)!)).toBe(true);
    // Nobody else was restarted.
    for (const [other, pid] of before) {
      if (other === name) continue;
      expect(after.get(other), other).toBe(pid);
      expect(isAlive(pid), other).toBe(true);
    }
    return { wholeAfter, partial };
  }

  beforeAll(async () => {
    const [gatewayPort, projectsPort, coordinationPort, ...nodePorts] = await Promise.all(Array.from({ length: 6 }, () => freePort()));
    gateway = `http://127.0.0.1:${gatewayPort}`;
    dataDir = mkdtempSync(join(tmpdir(), 'hub-supervisor-'));
    hub = startService({
      name: 'npm start',
      entry: 'scripts/start.ts',
      onLine: (line) => arrivals.push({ at: Date.now(), line }),
      env: {
        NODE_ENV: 'development',
        HUB_LOG_LEVEL: 'info',
        HUB_JWT_SECRET: TEST_JWT_SECRET,
        HUB_METRICS_PORT: '0',
        HUB_DATA_DIR: dataDir,
        HUB_GATEWAY_PORT: String(gatewayPort),
        HUB_PROJECTS_PORT: String(projectsPort),
        HUB_COORDINATION_PORT: String(coordinationPort),
        ...nodesEnv(threeNodes(nodePorts)),
        HUB_PROJECTS_URL: `http://127.0.0.1:${projectsPort}/graphql`,
        HUB_COORDINATION_URL: `http://127.0.0.1:${coordinationPort}/graphql`,
        HUB_GATEWAY_JWKS_URL: `${gateway}/.well-known/jwks.json`,
        HUB_SEED_TALENTS: '300',
        HUB_RATE_LIMIT_RATE: '100000',
        HUB_RATE_LIMIT_BURST: '100000',
      },
    });
    try {
      await waitFor(`${gateway}/health`, 120_000, (body) => body.status === 'ok');
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${hub.output.join('').slice(-4000)}`);
    }
    token = await clientToken({ region: '510000', scopes: ALL_SCOPES });
  }, 150_000);

  afterAll(async () => {
    if (hub) {
      const left = [...pids().values()];
      if (hub.child.exitCode === null && hub.child.signalCode === null) hub.child.kill('SIGKILL');
      for (const pid of left) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      // The data directory goes once nothing can write to it any more.
      await hub.exited;
      for (let i = 0; i < 50 && left.some(isAlive); i++) await new Promise((r) => setTimeout(r, 100));
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('announces every service with its pid', () => {
    expect([...pids().keys()].sort()).toEqual(['coordination', 'experts@chongqing', 'experts@rest', 'experts@sichuan', 'gateway', 'projects']);
  });

  it('starts the gateway with its node flags (gateway/heap.ts), and it does not warn of them', () => {
    const argv = readFileSync(`/proc/${pidOf('gateway')}/cmdline`, 'utf8').split('\0');
    for (const flag of GATEWAY_NODE_ARGS) expect(argv).toContain(flag);
    expect(hub.output.join('')).not.toContain('started without');
    for (const name of ['projects', 'experts@sichuan']) expect(readFileSync(`/proc/${pidOf(name)}/cmdline`, 'utf8').split('\0'), name).not.toContain(GATEWAY_NODE_ARGS[0]);
  });

  it('restarts projects after kill -9 and says so; meanwhile the gateway answers with partial data and SUBGRAPH_UNAVAILABLE; whole again within 10 s', async () => {
    const before = await ask(PROJECTS_QUERY);
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data!.talents.edges).toHaveLength(5);

    const { wholeAfter, partial } = await killAndWatch('projects', PROJECTS_QUERY, before.body, (res) => {
      // Everything experts and coordination own is there.
      expect(res.body.data!.talents.edges).toHaveLength(5);
      for (const e of res.body.data!.talents.edges) expect(e.node).toMatchObject({ name: expect.any(String), homeRegion: { name: expect.any(String) } });
      expect(res.body.errors![0]!.extensions).toMatchObject({ serviceName: 'projects' });
      return res.body.errors![0]!.extensions!.code;
    });
    expectPartialWhileDown(partial);
    expect(wholeAfter, 'whole again after the restart').toBeDefined();
    expect(hub.output.join('')).toMatch(/hub\s+\| projects exited \(SIGKILL\); restarting in 0\.5 s \(restart 1\)\n/);
  }, 60_000);

  it('restarts an experts node after kill -9: meanwhile only its provinces are missing, named in the error', async () => {
    const before = await ask(SEARCH);
    expect(before.body.errors).toBeUndefined();
    const homes = (res: GraphQLResponse) => new Set<string>(res.body.data!.talents.edges.map((e: any) => e.node.homeRegion.code));
    expect(homes(before).has('500000')).toBe(true);

    const { wholeAfter, partial } = await killAndWatch('experts@chongqing', SEARCH, before.body, (res) => {
      expect(homes(res).has('500000'), 'no Chongqing talent without its node').toBe(false);
      expect(homes(res).has('510000')).toBe(true);
      const error = res.body.errors!.find((e) => e.extensions?.node === 'chongqing');
      expect(error?.extensions, JSON.stringify(res.body.errors)).toMatchObject({ provinces: ['500000'] });
      return error?.extensions?.code;
    });
    expectPartialWhileDown(partial);
    expect(wholeAfter).toBeDefined();
    expect(hub.output.join('')).toMatch(/hub\s+\| experts@chongqing exited \(SIGKILL\); restarting in 0\.5 s \(restart 1\)\n/);
  }, 60_000);

  it('stops every service on SIGTERM, exits 0 and restarts nothing', async () => {
    const running = [...pids().values()];
    expect(running).toHaveLength(6);
    const from = hub.output.length;
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
    for (const pid of running) expect(isAlive(pid), `pid ${pid}`).toBe(false);
    const after = hub.output.slice(from).join('');
    expect(after).toMatch(/hub\s+\| stopped\n/);
    expect(after).not.toMatch(/started \(pid|restarting in/);
    await expect(fetch(`${gateway}/health`)).rejects.toThrow();
  }, 60_000);
});
