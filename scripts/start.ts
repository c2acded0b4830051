import { HUB_ENTRIES, type Service, startService } from './lib/processes.ts';
import { describeProvinces } from '../platform/nodes.ts';
import { nodeProcessEnv, nodeProcessName, nodesEnv, resolveExpertsNodes } from './lib/topology.ts';

/**
 * `npm start`: the experts nodes (by default three: Sichuan, Chongqing and the rest of the
 * country, on ports 4011-4013; `HUB_EXPERTS_NODES=single` for one node holding everything), then
 * projects, coordination and the gateway, each as its own process, with their output prefixed
 * (`experts@sichuan | ...`). Every process gets the same node map (HUB_EXPERTS_NODES). Ctrl-C (or
 * SIGTERM) stops them all cleanly; if one dies, the rest are stopped too.
 *
 * It runs in development unless told otherwise: NODE_ENV=development (set by the npm script and
 * here, so `tsx scripts/start.ts` behaves the same) is what lets the gateway use the documented
 * development secret and serve /dev/token, and only while it listens on loopback.
 */
const nodes = (() => {
  try {
    return resolveExpertsNodes(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
})();
const shared = { NODE_ENV: process.env.NODE_ENV || 'development', ...nodesEnv(nodes) };
const processes: { name: string; entry: string; env: Record<string, string> }[] = [
  ...nodes.map((node) => ({ name: nodeProcessName(node.name), entry: HUB_ENTRIES.experts, env: { ...shared, ...nodeProcessEnv(nodes, node) } })),
  ...(['projects', 'coordination', 'gateway'] as const).map((name) => ({ name, entry: HUB_ENTRIES[name], env: shared })),
];
const width = Math.max(12, ...processes.map((p) => p.name.length));
const prefix = (name: string) => `${name.padEnd(width)} | `;
const services: Service[] = [];
let stopping = false;

/** Stops every service (each finishes its requests in flight; killed after 15 s), then exits with `code` (1 if one had to be killed). */
function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  void Promise.all(services.map((s) => s.stop(15_000))).then((outcomes) => process.exit(outcomes.includes('killed') ? code || 1 : code));
}

console.log(`${prefix('hub')}experts nodes: ${nodes.map((n) => `${n.name} (${describeProvinces(nodes, n)}) at ${n.url}`).join('; ')}`);
for (const { name, entry, env } of processes) {
  const service = startService({
    name,
    entry,
    env,
    keepLines: 0,
    onLine: (line, stream) => (stream === 'stdout' ? process.stdout : process.stderr).write(`${prefix(name)}${line}\n`),
  });
  services.push(service);
  void service.exited.then((code) => {
    if (stopping) return;
    console.error(`${prefix(name)}exited (${service.child.signalCode ?? code}); stopping the others`);
    stopAll(code || 1);
  });
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
