import { freePort, HUB_ENTRIES, type HubProcessName, type Service, startService, waitFor } from '../../scripts/lib/processes.ts';

export { freePort, type Service, waitFor };

/** Starts one of the hub's entry points (as `npm start` does) as its own process, logging warnings and worse unless `env` says otherwise. */
export function startProcess(name: string, entry: string, env: Record<string, string>): Service {
  return startService({ name, entry, env: { HUB_LOG_LEVEL: 'warn', ...env } });
}

export interface HubProcesses {
  /** The gateway's GraphQL endpoint. */
  url: string;
  ports: Record<'gateway' | 'experts' | 'projects' | 'coordination', number>;
  /** The environment every process was started with (data directory, ports, secrets). */
  env: Record<string, string>;
  /** Where the subgraphs keep their data (a fresh temporary directory unless one was given). */
  dataDir: string;
  services: Map<string, Service>;
  /** Kills one service with `signal` (default SIGKILL, as a power cut would) and waits for it to exit. */
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a service again with the same environment and waits until it answers /health. */
  restart(name: string): Promise<void>;
  /** Kills every process (SIGKILL). The data directory stays. */
  close(): Promise<void>;
}

/**
 * The whole hub as `npm start` runs it: the three core subgraphs and the gateway, each its own
 * process, on free loopback ports, with a data directory of its own. `env` overrides settings.
 * Resolves once the gateway reports every subgraph up.
 */
export async function startHubProcesses(env: Record<string, string> = {}): Promise<HubProcesses> {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { TEST_JWT_SECRET } = await import('./caller.ts');
  const ports = { gateway: await freePort(), experts: await freePort(), projects: await freePort(), coordination: await freePort() };
  const dataDir = env.HUB_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'hub-data-'));
  const fullEnv: Record<string, string> = {
    NODE_ENV: 'development',
    HUB_JWT_SECRET: TEST_JWT_SECRET,
    // /metrics on a free port of its own, so suites running at once do not compete for the default.
    HUB_METRICS_PORT: '0',
    HUB_DATA_DIR: dataDir,
    HUB_GATEWAY_PORT: String(ports.gateway),
    HUB_EXPERTS_PORT: String(ports.experts),
    HUB_PROJECTS_PORT: String(ports.projects),
    HUB_COORDINATION_PORT: String(ports.coordination),
    HUB_EXPERTS_URL: `http://127.0.0.1:${ports.experts}/graphql`,
    HUB_PROJECTS_URL: `http://127.0.0.1:${ports.projects}/graphql`,
    HUB_COORDINATION_URL: `http://127.0.0.1:${ports.coordination}/graphql`,
    HUB_GATEWAY_JWKS_URL: `http://127.0.0.1:${ports.gateway}/.well-known/jwks.json`,
    HUB_SEED_TALENTS: '300',
    HUB_RATE_LIMIT_RATE: '100000',
    HUB_RATE_LIMIT_BURST: '100000',
    HUB_AGREEMENT_CACHE_MS: '500',
    ...env,
  };
  const services = new Map<string, Service>();
  const start = (name: string) => services.set(name, startProcess(name, HUB_ENTRIES[name as HubProcessName], fullEnv));
  for (const name of Object.keys(HUB_ENTRIES)) start(name);
  const gatewayBase = `http://127.0.0.1:${ports.gateway}`;
  try {
    await waitFor(`${gatewayBase}/health`, 90_000, (body) => body.status === 'ok');
  } catch (error) {
    for (const s of services.values()) s.child.kill('SIGKILL');
    const output = [...services.values()].map((s) => `--- ${s.name}\n${s.output.join('')}`).join('\n');
    throw new Error(`${(error as Error).message}\n${output.slice(-4000)}`);
  }
  const portOf = (name: string) => ports[name as keyof typeof ports];
  return {
    url: `${gatewayBase}/graphql`,
    ports,
    env: fullEnv,
    dataDir,
    services,
    async kill(name, signal = 'SIGKILL') {
      const service = services.get(name);
      if (!service || service.child.exitCode !== null || service.child.signalCode !== null) return;
      service.child.kill(signal);
      await service.exited;
    },
    async restart(name) {
      start(name);
      await waitFor(`http://127.0.0.1:${portOf(name)}/health`, 90_000);
    },
    async close() {
      await Promise.all(
        [...services.values()].map(async (s) => {
          if (s.child.exitCode === null && s.child.signalCode === null) {
            s.child.kill('SIGKILL');
            await s.exited;
          }
        }),
      );
    },
  };
}
