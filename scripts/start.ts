import { HUB_ENTRIES, type Service, startService } from './lib/processes.ts';

/**
 * `npm start`: the three subgraphs and the gateway, each as its own process, with their output
 * prefixed. Ctrl-C (or SIGTERM) stops them all cleanly; if one dies, the rest are stopped too.
 *
 * It runs in development unless told otherwise: NODE_ENV=development (set by the npm script and
 * here, so `tsx scripts/start.ts` behaves the same) is what lets the gateway use the documented
 * development secret and serve /dev/token, and only while it listens on loopback.
 */
const env = { NODE_ENV: process.env.NODE_ENV || 'development' };
const prefix = (name: string) => `${name.padEnd(12)} | `;
const services: Service[] = [];
let stopping = false;

/** Stops every service (each finishes its requests in flight; killed after 15 s), then exits with `code` (1 if one had to be killed). */
function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  void Promise.all(services.map((s) => s.stop(15_000))).then((outcomes) => process.exit(outcomes.includes('killed') ? code || 1 : code));
}

for (const [name, entry] of Object.entries(HUB_ENTRIES)) {
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
