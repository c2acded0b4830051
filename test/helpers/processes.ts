import { entryNodeArgs, freePort, HUB_ENTRIES, resolveEntry, type Service, startService, waitFor } from '../../scripts/lib/processes.ts';
import { nodeProcessEnv, nodeProcessName, nodesEnv, nodesOf, type TopologyName } from '../../scripts/lib/topology.ts';
import { type ExpertsNode, nodeForProvince } from '../../platform/nodes.ts';

export { freePort, type Service, waitFor };

/**
 * The node arguments that run `entry` (`scripts/hub.ts`, `gateway/index.ts`) as startService
 * would: compiled when the run compiled it (test/setup/compiled.ts), else through tsx.
 */
export function nodeArgv(entry: string): string[] {
  const { loader, file } = resolveEntry(entry);
  return [...loader, ...entryNodeArgs(entry), file];
}

/** Starts one of the hub's entry points (as `npm start` does) as its own process, logging warnings and worse unless `env` says otherwise. */
export function startProcess(name: string, entry: string, env: Record<string, string>): Service {
  return startService({ name, entry, env: { HUB_LOG_LEVEL: 'warn', ...env } });
}

export interface HubProcesses {
  /** The gateway's GraphQL endpoint. */
  url: string;
  /**
   * Each process's port, by process name: `gateway`, `projects`, `coordination`, and each experts
   * node's (`experts@sichuan`, `experts@chongqing`, `experts@rest`; `experts` for the single node).
   */
  ports: Record<'gateway' | 'projects' | 'coordination', number> & Record<string, number>;
  /** The experts node map every process was given (HUB_EXPERTS_NODES). */
  nodes: ExpertsNode[];
  /** The process names of the experts nodes, in map order. */
  expertsProcesses: string[];
  /** The process name of the experts node that holds `province`'s talents (`experts@sichuan` for 510000). */
  expertsProcessFor(province: string): string;
  /** The environment every process was started with (data directory, ports, secrets); an experts node's adds its name and port. */
  env: Record<string, string>;
  /** The environment process `name` was started with (for an experts node: `env` with its name and port). */
  envOf(name: string): Record<string, string>;
  /** Where the subgraphs keep their data (a fresh temporary directory, removed by `close`, unless one was given). */
  dataDir: string;
  services: Map<string, Service>;
  /** Kills one service by process name (default SIGKILL, as a power cut would) and waits for it to exit. */
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a service again with the same environment and waits until it answers /health. */
  restart(name: string): Promise<void>;
  /** Kills every process (SIGKILL). The data directory stays (to read its files). */
  killAll(): Promise<void>;
  /**
   * Kills every process (SIGKILL) and removes the data directory when it made it; one given in
   * `HUB_DATA_DIR` stays (whoever made it removes it).
   */
  close(): Promise<void>;
}

/**
 * The whole hub as `npm start` runs it: the experts nodes (by default three: Sichuan, Chongqing
 * and the rest, each its own process on its own port with its own store; `nodes: 'single'` for
 * one holding everything), projects, coordination and the gateway, each its own process, on free
 * loopback ports, with a data directory of its own. `env` overrides settings. Resolves once the
 * gateway reports every subgraph up.
 */
export async function startHubProcesses(env: Record<string, string> = {}, options: { nodes?: TopologyName; readyTimeoutMs?: number } = {}): Promise<HubProcesses> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { TEST_JWT_SECRET } = await import('./caller.ts');
  const topology = options.nodes ?? 'three';
  const nodePorts = await Promise.all(Array.from({ length: topology === 'three' ? 3 : 1 }, () => freePort()));
  const nodes = nodesOf(topology, nodePorts);
  const ports: HubProcesses['ports'] = { gateway: await freePort(), projects: await freePort(), coordination: await freePort() };
  nodes.forEach((node, i) => {
    ports[nodeProcessName(node.name)] = nodePorts[i]!;
  });
  const ownDataDir = env.HUB_DATA_DIR === undefined;
  const dataDir = env.HUB_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'hub-data-'));
  const fullEnv: Record<string, string> = {
    NODE_ENV: 'development',
    HUB_JWT_SECRET: TEST_JWT_SECRET,
    // /metrics on a free port of its own, so suites running at once do not compete for the default.
    HUB_METRICS_PORT: '0',
    HUB_DATA_DIR: dataDir,
    HUB_GATEWAY_PORT: String(ports.gateway),
    HUB_PROJECTS_PORT: String(ports.projects),
    HUB_COORDINATION_PORT: String(ports.coordination),
    ...nodesEnv(nodes),
    HUB_PROJECTS_URL: `http://127.0.0.1:${ports.projects}/graphql`,
    HUB_COORDINATION_URL: `http://127.0.0.1:${ports.coordination}/graphql`,
    HUB_GATEWAY_JWKS_URL: `http://127.0.0.1:${ports.gateway}/.well-known/jwks.json`,
    HUB_SEED_TALENTS: '300',
    HUB_RATE_LIMIT_RATE: '100000',
    HUB_RATE_LIMIT_BURST: '100000',
    HUB_AGREEMENT_CACHE_MS: '500',
    // The gateway's background health probe (default every 10 s): when its first round at start
    // finds a subgraph not yet answering (a loaded machine), /health says `degraded` until the next
    // round, and every start and restart waited up to 10 s for it. The lowest setting allowed.
    HUB_HEALTH_PROBE_INTERVAL_MS: '500',
    ...env,
  };
  // The process name, entry and environment of each service, in start order.
  const entries = new Map<string, { entry: string; env: Record<string, string> }>([
    ...nodes.map((node) => [nodeProcessName(node.name), { entry: HUB_ENTRIES.experts, env: { ...fullEnv, ...nodeProcessEnv(nodes, node) } }] as const),
    ...(['projects', 'coordination', 'gateway'] as const).map((name) => [name, { entry: HUB_ENTRIES[name], env: fullEnv }] as const),
  ]);
  const services = new Map<string, Service>();
  const start = (name: string) => {
    const spec = entries.get(name);
    if (!spec) throw new Error(`no hub process named ${name} (known: ${[...entries.keys()].join(', ')})`);
    services.set(name, startProcess(name, spec.entry, spec.env));
  };
  for (const name of entries.keys()) start(name);
  const killAll = async () => {
    await Promise.all(
      [...services.values()].map(async (s) => {
        if (s.child.exitCode === null && s.child.signalCode === null) {
          s.child.kill('SIGKILL');
          await s.exited;
        }
      }),
    );
  };
  const gatewayBase = `http://127.0.0.1:${ports.gateway}`;
  try {
    await waitFor(`${gatewayBase}/health`, options.readyTimeoutMs ?? 90_000, (body) => body.status === 'ok');
  } catch (error) {
    await killAll();
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    const output = [...services.values()].map((s) => `--- ${s.name}\n${s.output.join('')}`).join('\n');
    throw new Error(`${(error as Error).message}\n${output.slice(-4000)}`);
  }
  return {
    url: `${gatewayBase}/graphql`,
    ports,
    nodes,
    expertsProcesses: nodes.map((n) => nodeProcessName(n.name)),
    expertsProcessFor(province) {
      const node = nodeForProvince(nodes, province);
      if (!node) throw new Error(`no experts node serves ${province}`);
      return nodeProcessName(node.name);
    },
    env: fullEnv,
    envOf(name) {
      const spec = entries.get(name);
      if (!spec) throw new Error(`no hub process named ${name} (known: ${[...entries.keys()].join(', ')})`);
      return { ...spec.env };
    },
    dataDir,
    services,
    async kill(name, signal = 'SIGKILL') {
      const service = services.get(name);
      if (!service) throw new Error(`no hub process named ${name} (known: ${[...services.keys()].join(', ')})`);
      if (service.child.exitCode !== null || service.child.signalCode !== null) return;
      service.child.kill(signal);
      await service.exited;
    },
    async restart(name) {
      start(name);
      await waitFor(`http://127.0.0.1:${ports[name]}/health`, 90_000);
    },
    killAll,
    async close() {
      await killAll();
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
