import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runLoad } from '../lib/load.ts';
import { clientToken } from '../lib/tokens.ts';
import { HUB_QUERIES, type HubQuery, probes, references } from './scenario.ts';
import { startHub } from './start.ts';

/**
 * One hub query under load through the gateway, for profiling and quick before/after checks:
 * starts the hub as scenario 2 does (three experts nodes, compiled), reads the reference answers,
 * then runs `--rounds` rounds of `--duration` seconds at `--connections` and prints each round's
 * req/s, p50, p99, errors, the gateway's CPU ms per request (user + system, /proc) and its peak RSS.
 *
 *   npx tsx bench/hub/one-query.ts --query talentById [--talents 3000] [--rounds 3] [--duration 10] [--connections 50]
 *
 * `BENCH_GATEWAY_NODE_ARGS='--cpu-prof --cpu-prof-dir /tmp/x'` profiles the gateway (bench/README.md).
 */
const { values } = parseArgs({
  options: {
    query: { type: 'string', default: 'talentById' },
    talents: { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
  },
});
const query = values.query as HubQuery;
if (!(query in HUB_QUERIES)) {
  console.error(`--query must be one of ${Object.keys(HUB_QUERIES).join(', ')}`);
  process.exit(2);
}
const hub = await startHub(Number(values.talents), (line) => console.log(line));
try {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${await clientToken()}` };
  const reference = await references(hub, headers);
  const pid = hub.gatewayPid;
  if (pid === undefined) throw new Error('the hub did not report its gateway pid');
  const cpuMs = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const peakRssMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  for (let round = 1; round <= Number(values.rounds); round++) {
    const before = cpuMs();
    const r = await runLoad({ url: hub.gatewayUrl, headers, probe: probes(reference[query]), connections: Number(values.connections), durationS: Number(values.duration) });
    const perRequest = (cpuMs() - before) / r.sent;
    console.log(
      `${query} round ${round}: ${r.rps.toFixed(1)} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, errors ${r.errors}, gateway CPU ${perRequest.toFixed(3)} ms/request, peak RSS ${peakRssMb().toFixed(0)} MB`,
    );
  }
} finally {
  await hub.stop();
}
