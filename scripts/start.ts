import { z } from 'zod';
import { parseEnv } from '../platform/env.ts';
import { createLogLinePrettifier, isPretty, LogFormat } from '../platform/log.ts';
import { SAME_SIGNAL_MS } from '../platform/main.ts';
import { describeProvinces } from '../platform/nodes.ts';
import { HUB_ENTRIES, killAllNow } from './lib/processes.ts';
import { type ServiceSpec, superviseServices } from './lib/supervisor.ts';
import { nodeProcessEnv, nodeProcessName, nodesEnv, resolveExpertsNodes } from './lib/topology.ts';

/**
 * `npm start`: the experts nodes (by default three: Sichuan, Chongqing and the rest of the
 * country, on ports 4011-4013; `HUB_EXPERTS_NODES=single` for one node holding everything), then
 * projects, coordination and the gateway, each as its own process, with their output prefixed
 * (`experts@sichuan | ...`). Every process gets the same node map (HUB_EXPERTS_NODES).
 *
 * It keeps them running (scripts/lib/supervisor.ts): one that exits unexpectedly is started again
 * after 0.5 s, doubling to 10 s while it keeps failing, and the others go on serving; each start
 * is announced with its pid (`hub | projects started (pid 4242)`). Ctrl-C or SIGTERM stops every
 * service (each finishes its requests in flight; killed after 15 s) and exits 0 (1 if one had to
 * be killed); a second Ctrl-C kills them at once.
 *
 * On a terminal the services' JSON log lines are shown pretty (HUB_LOG_FORMAT=json keeps them JSON).
 * It runs in development unless told otherwise: NODE_ENV=development (set by the npm script and
 * here, so `node --import tsx scripts/start.ts` behaves the same) is what lets the gateway use the documented
 * development secret and serve /dev/token, and only while it listens on loopback.
 */
const settings = (() => {
  try {
    const { HUB_LOG_FORMAT } = parseEnv(z.object({ HUB_LOG_FORMAT: LogFormat.default('auto') }), { HUB_LOG_FORMAT: process.env.HUB_LOG_FORMAT });
    return { nodes: resolveExpertsNodes(process.env), logFormat: HUB_LOG_FORMAT };
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
})();
const { nodes } = settings;
// The services' stdout is a pipe, so they would log JSON: on a terminal they are told to, and
// their lines are made pretty here (colour decided by this terminal), one formatter for all.
const pretty = isPretty(settings.logFormat, process.stdout);
const prettify = pretty ? createLogLinePrettifier() : (line: string) => line;
const shared: Record<string, string> = { NODE_ENV: process.env.NODE_ENV || 'development', ...nodesEnv(nodes), ...(pretty ? { HUB_LOG_FORMAT: 'json' } : {}) };
const services: ServiceSpec[] = [
  ...nodes.map((node) => ({ name: nodeProcessName(node.name), entry: HUB_ENTRIES.experts, env: { ...shared, ...nodeProcessEnv(nodes, node) } })),
  ...(['projects', 'coordination', 'gateway'] as const).map((name) => ({ name, entry: HUB_ENTRIES[name], env: shared })),
];
const width = Math.max(12, ...services.map((p) => p.name.length));
const prefix = (name: string) => `${name.padEnd(width)} | `;
const write = (stream: 'stdout' | 'stderr', name: string, text: string) => {
  const out = stream === 'stdout' ? process.stdout : process.stderr;
  for (const line of text.split('\n')) out.write(`${prefix(name)}${line}\n`);
};

write('stdout', 'hub', `experts nodes: ${nodes.map((n) => `${n.name} (${describeProvinces(nodes, n)}) at ${n.url}`).join('; ')}`);
const supervisor = superviseServices({
  services,
  onLine: (name, line, stream) => write(stream, name, prettify(line)),
  onEvent: (message, problem) => write(problem ? 'stderr' : 'stdout', 'hub', message),
});

let signals = 0;
let firstSignalAt = 0;
// A repeat within SAME_SIGNAL_MS is the same request: tsx relays a SIGTERM (or SIGINT) to this process
// although a signal sent to the whole process group (systemd, `kill -- -<pgid>`, a cancelled CI job)
// reached it directly too. A person's second Ctrl-C comes later.
const stop = (signal: NodeJS.Signals) => {
  if (signals > 0 && Date.now() - firstSignalAt < SAME_SIGNAL_MS) return;
  if (signals === 0) firstSignalAt = Date.now();
  signals += 1;
  if (signals > 1) {
    write('stderr', 'hub', `${signal} again: killing every service now`);
    supervisor.killNow();
    return;
  }
  write('stdout', 'hub', `${signal}: stopping every service (each finishes its requests in flight; killed after 15 s)`);
  void supervisor.stop().then((outcome) => {
    const killed = outcome === 'killed' || signals > 1;
    write(killed ? 'stderr' : 'stdout', 'hub', killed ? 'stopped (a service had to be killed)' : 'stopped');
    process.exit(killed ? 1 : 0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Should this process itself fail, no service is left running without it.
process.on('exit', killAllNow);
