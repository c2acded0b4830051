import { parseArgs } from 'node:util';
import { compiledTarget } from '../lib/compiled.ts';
import { compareInterleaved, type Target } from '../lib/compare.ts';
import { freePort, postGraphQL, startService, waitUntil } from '../lib/process.ts';
import { BENCH_CLIENT, clientToken } from '../lib/tokens.ts';
import { canonicalOf, directHeaders, probes, references } from './scenario.ts';
import { startHub } from './start.ts';

/**
 * Goal 4's `talentById` against its floor: the lookup straight to the experts node (as scenario 2's
 * `direct-subgraph`), through the hub's gateway, and through `relay` (bench/targets/relay.ts), a
 * plain Node process that only relays each request to the node over the same kind of connection
 * pool and writes the answer's data again, in interleaved rounds on one hub. It prints each
 * target's req/s and its front process's CPU per request (the node's for `direct`), and the
 * ratios: `relay` ÷ direct is what any Node relay reaches on this machine, hub ÷ relay how much of
 * it the gateway keeps with everything it does per request (authentication, limits, trusted
 * documents, cost, caller tokens, metrics, the request log).
 *
 *   npx tsx bench/hub/relay-floor.ts [--talents 3000] [--rounds 3] [--duration 10] [--warmup 3] [--connections 50]
 */
const { values } = parseArgs({
  options: {
    talents: { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
  },
});
const numbers = Object.entries(values).map(([name, value]) => [name, Number(value)] as const);
const invalid = numbers.find(([, n]) => !Number.isInteger(n) || n < 1);
if (invalid) {
  console.error(`--${invalid[0]} must be a whole number ≥ 1 (got "${values[invalid[0] as keyof typeof values]}")`);
  process.exit(2);
}
const settings = Object.fromEntries(numbers) as Record<keyof typeof values, number>;

const hub = await startHub(settings.talents, (line) => console.log(line));
const port = await freePort();
const node = hub.nodeFor(BENCH_CLIENT.region);
const relay = startService({ name: 'relay', entry: compiledTarget('bench/targets/relay.ts'), args: ['--port', String(port), '--upstream', node.url] });
const relayUrl = `http://127.0.0.1:${port}/graphql`;
let refresh: NodeJS.Timeout | undefined;
try {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${await clientToken()}` };
  const ref = await references(hub, headers);
  // The node's caller token lives 60 s: re-signed every 20 s (every request reads `direct`).
  const direct = await directHeaders(hub);
  refresh = setInterval(
    () =>
      void directHeaders(hub).then(
        (h) => Object.assign(direct, h),
        () => {},
      ),
    20_000,
  );
  const body = JSON.parse(ref.talentById.bodies[0]!);
  await waitUntil(relay, async () => (await postGraphQL(relayUrl, body, direct)).status === 200);
  for (const [name, url] of [
    ['direct', node.url],
    ['relay', relayUrl],
  ] as const) {
    const first = await postGraphQL(url, body, direct);
    if (canonicalOf(first.text) !== ref.talentById.expected[0]) throw new Error(`${name} does not answer as the gateway does: ${first.text.slice(0, 300)}`);
  }
  const pids = (pid: number | undefined) => (pid === undefined ? [] : [pid]);
  const targets: Target[] = [
    { name: 'direct', url: node.url, probe: probes(ref.talentById, direct), pids: pids(node.pid) },
    { name: 'hub', url: hub.gatewayUrl, headers, probe: probes(ref.talentById), pids: pids(hub.gatewayPid) },
    { name: 'relay', url: relayUrl, probe: probes(ref.talentById, direct), pids: pids(relay.child.pid) },
  ];
  const summaries = await compareInterleaved(
    targets,
    { connections: settings.connections, durationS: settings.duration, warmupS: settings.warmup, rounds: settings.rounds },
    (line) => console.log(line),
  );
  const rps = (name: string) => summaries.get(name)!.rps;
  console.log('\ntarget  req/s   CPU ms/request: its front process, the load generator  errors');
  for (const t of targets) {
    const s = summaries.get(t.name)!;
    console.log(
      `${t.name.padEnd(7)} ${s.rps.toFixed(1).padStart(7)}  ${s.cpuMsPerRequest?.toFixed(3) ?? 'n/a'}  ${s.loadCpuMsPerRequest.toFixed(3)}  ${s.errors}${s.ok ? '' : `  WRONG: ${s.firstWrong ?? ''}`}`,
    );
  }
  console.log(
    `\nhub ÷ direct ${(rps('hub') / rps('direct')).toFixed(2)} (goal 4: ≥ 0.6), relay ÷ direct ${(rps('relay') / rps('direct')).toFixed(2)}, hub ÷ relay ${(rps('hub') / rps('relay')).toFixed(2)}`,
  );
  if ([...summaries.values()].some((s) => !s.ok)) process.exitCode = 1;
} finally {
  clearInterval(refresh);
  await relay.stop();
  await hub.stop();
}
