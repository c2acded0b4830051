import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { createCallerSigner } from '../../gateway/signer.ts';
import { type ExpertsNode, nodeAudience, nodeForProvince } from '../../platform/nodes.ts';
import { HUB_ENTRIES } from '../../scripts/lib/processes.ts';
import { nodeProcessEnv, nodeProcessName, nodesEnv, nodesOf, type TopologyName } from '../../scripts/lib/topology.ts';
import type { FetchCounter } from '../lib/compare.ts';
import { compiledTarget } from '../lib/compiled.ts';
import { BENCH_GATEWAY_ENV } from '../lib/hub-settings.ts';
import { freePort, type Service, startService, waitUntil } from '../lib/process.ts';
import { copySeeded, seededFolder } from '../lib/seed-cache.ts';

/** A hub the benchmark started, as `npm start` runs it. */
export interface RunningHub {
  topology: TopologyName;
  gatewayUrl: string;
  /** The experts node map every process was given. */
  nodes: ExpertsNode[];
  /** The experts node that holds `province`'s talents: its URL and the audience of caller tokens for it. */
  nodeFor(province: string): { url: string; audience: string; pid: number | undefined };
  /** The gateway's process id (its memory is sampled while it is measured). */
  gatewayPid: number | undefined;
  fetches: FetchCounter;
  signer: Awaited<ReturnType<typeof createCallerSigner>>;
  stop(): Promise<void>;
}

/**
 * Starts the hub as `npm start` does (the experts nodes of `topology`, by default the three of
 * `npm start`; projects, coordination and the gateway, each its own process, from their own
 * index.ts, compiled to JavaScript as production runs them, bench/lib/compiled.ts) on free ports, with `talents` seeded talents on the embedded store (copied from a seeded
 * folder made once and kept, bench/lib/seed-cache.ts: the processes open them as at a restart). The subgraphs get
 * a request-counting preload; the gateway gets a signing key the harness also holds, so it can
 * send a direct-subgraph target the same kind of caller token.
 */
export async function startHub(talents: number, log: (line: string) => void, topology: TopologyName = 'three'): Promise<RunningHub> {
  const nodePorts = await Promise.all(Array.from({ length: topology === 'three' ? 3 : 1 }, () => freePort()));
  const nodes = nodesOf(topology, nodePorts);
  const [projects, coordination, gateway] = await Promise.all([freePort(), freePort(), freePort()]);
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  // A data folder of its own (the registry's file store), so nothing registered in the working
  // copy's .data joins the benchmark's graph.
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-data-'));
  const env: Record<string, string> = {
    HUB_DATA_DIR: dataDir,
    HUB_HOST: '127.0.0.1',
    HUB_PROJECTS_PORT: String(projects),
    HUB_COORDINATION_PORT: String(coordination),
    HUB_GATEWAY_PORT: String(gateway),
    ...nodesEnv(nodes),
    HUB_PROJECTS_URL: `http://127.0.0.1:${projects}/graphql`,
    HUB_COORDINATION_URL: `http://127.0.0.1:${coordination}/graphql`,
    HUB_GATEWAY_JWKS_URL: `http://127.0.0.1:${gateway}/.well-known/jwks.json`,
    HUB_GATEWAY_SIGNING_KEY: JSON.stringify(privateJwk),
    HUB_SEED_TALENTS: String(talents),
    // The scale figures are for the embedded store; MongoDB would need `npm run seed` per size.
    MONGODB_URI: '',
  };
  const services: Service[] = [];
  const stop = async () => {
    await Promise.all(services.map((s) => s.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const subgraphs = [
      ...nodes.map((node, i) => ({ name: nodeProcessName(node.name), entry: HUB_ENTRIES.experts, port: nodePorts[i]!, env: { ...env, ...nodeProcessEnv(nodes, node) } })),
      { name: 'projects', entry: HUB_ENTRIES.projects, port: projects, env },
      { name: 'coordination', entry: HUB_ENTRIES.coordination, port: coordination, env },
    ];
    // Seeded stores, made once by `npm run seed` and kept (bench/lib/seed-cache.ts): every process
    // finds its store seeded and opens it, as at a restart, instead of generating the dataset.
    const tSeed = Date.now();
    copySeeded(await seededFolder({ talents, topology, nodes, log }), dataDir);
    const seedS = (Date.now() - tSeed) / 1000;
    const t0 = Date.now();
    const pids = new Map<string, number | undefined>();
    const started = subgraphs.map((s) => {
      const service = startService({
        name: `${s.name}@${talents}`,
        entry: compiledTarget(s.entry),
        env: s.env,
        // `BENCH_SUBGRAPH_NODE_ARGS='--cpu-prof --cpu-prof-dir /tmp/p'`: node options for every hub subgraph (experts nodes, projects, coordination), e.g. to profile them.
        nodeArgs: ['--import', compiledTarget('bench/lib/request-counter.ts'), ...(process.env.BENCH_SUBGRAPH_NODE_ARGS ?? '').split(' ').filter(Boolean)],
      });
      services.push(service);
      pids.set(`http://127.0.0.1:${s.port}/graphql`, service.child.pid);
      // Ready, and answered by this process (its pid, from the preload): another process that took
      // the port first would otherwise pass for it while this one fails with EADDRINUSE.
      const base = `http://127.0.0.1:${s.port}`;
      return waitUntil(
        service,
        async () => (await fetch(`${base}/ready`)).ok && ((await (await fetch(`${base}/__bench/requests`)).json()) as { pid?: number }).pid === service.child.pid,
        600_000,
      );
    });
    await Promise.all(started);
    // The hubs start while the machine is busy (several hubs and scenario 1's start-up at once, on 2
    // cores): a subgraph may take more than the default 1 s to answer a health probe, and a probe
    // that fails waits out the 10 s interval before the next one. Health is not what is measured.
    const gw = startService({
      name: `gateway@${talents}`,
      entry: compiledTarget(HUB_ENTRIES.gateway),
      env: { ...env, ...BENCH_GATEWAY_ENV, HUB_HEALTH_PROBE_TIMEOUT_MS: '10000' },
      // `BENCH_GATEWAY_NODE_ARGS='--cpu-prof --cpu-prof-dir /tmp/p'`: node options for the hub's gateway alone, e.g. to profile it.
      nodeArgs: (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean),
    });
    services.push(gw);
    await waitUntil(gw, async () => ((await (await fetch(`http://127.0.0.1:${gateway}/health`)).json()) as { status: string }).status === 'ok', 180_000);
    log(
      `  hub (${topology === 'three' ? 'three experts nodes' : 'one experts node'}) with ${talents} talents ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (seeded stores in ${seedS.toFixed(1)} s)`,
    );
    const counters = subgraphs.map((s) => `http://127.0.0.1:${s.port}/__bench/requests`);
    return {
      topology,
      gatewayUrl: `http://127.0.0.1:${gateway}/graphql`,
      nodes,
      nodeFor(province) {
        const node = nodeForProvince(nodes, province);
        if (!node) throw new Error(`no experts node serves ${province}`);
        return { url: node.url, audience: nodeAudience('experts', node.name), pid: pids.get(node.url) };
      },
      gatewayPid: gw.child.pid,
      signer: await createCallerSigner({ privateJwk }),
      fetches: {
        reset: async () => void (await Promise.all(counters.map((u) => fetch(`${u}/reset`, { method: 'POST' })))),
        read: async () => {
          const all = await Promise.all(counters.map(async (u) => (await (await fetch(u)).json()) as { count: number; storeCalls: number | null }));
          return {
            fetches: all.reduce((sum, c) => sum + c.count, 0),
            storeCalls: all.some((c) => c.storeCalls === null) ? null : all.reduce((sum, c) => sum + c.storeCalls!, 0),
          };
        },
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
