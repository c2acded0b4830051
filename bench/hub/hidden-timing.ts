import { parseArgs } from 'node:util';
import { clientToken } from '../lib/tokens.ts';
import { startHub } from './start.ts';

/**
 * Can a province tell a talent hidden from it from one that does not exist by how long `talent(id)`
 * takes? (THREAT-MODEL.md: a province must never learn that a hidden talent exists, "timing of
 * errors" included.) Starts the hub as scenario 2 does (three experts nodes, compiled), finds the
 * talents of `--owner` that `--caller` may not see (their answer is null), makes as many ids that do
 * not exist in the same province's range, then sends `--requests` lookups of each one at a time
 * through the gateway, the two kinds alternating, and prints the latency quantiles of each and
 * their difference. Both answers are `{"data":{"talent":null}}`, so only the time can differ.
 *
 *   npx tsx bench/hub/hidden-timing.ts [--requests 8000] [--owner 630000] [--caller 510000] [--talents 3000]
 *
 * A measurement, not a test: the difference is tens of microseconds against a millisecond of noise,
 * which is why it takes thousands of requests (README "Sharing: who may see which talent", Timing).
 */
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '8000' },
    owner: { type: 'string', default: '630000' },
    caller: { type: 'string', default: '510000' },
    talents: { type: 'string', default: '3000' },
  },
});
const hub = await startHub(Number(values.talents), (line) => console.log(line));
try {
  const headers = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
  const owner = headers(await clientToken({ region: values.owner, scope: 'talent:read' }));
  const caller = headers(await clientToken({ region: values.caller, scope: 'talent:read' }));
  const ask = async (h: Record<string, string>, query: string, variables: Record<string, unknown>) => {
    const res = await fetch(hub.gatewayUrl, { method: 'POST', headers: h, body: JSON.stringify({ query, variables }) });
    return { text: await res.text(), status: res.status };
  };
  const byId = 'query($id: ID!) { talent(id: $id) { id name } }';
  const own = JSON.parse((await ask(owner, 'query($h: ID!) { talents(filter: { homeRegion: $h }, first: 100) { edges { node { id } } } }', { h: values.owner })).text) as {
    data: { talents: { edges: { node: { id: string } }[] } };
  };
  const hidden: string[] = [];
  for (const { node } of own.data.talents.edges) if (JSON.parse((await ask(caller, byId, { id: node.id })).text).data.talent === null) hidden.push(node.id);
  if (hidden.length === 0) throw new Error(`${values.caller} may see every talent of ${values.owner}: nothing hidden to time`);
  // Ids of the same shape and province that no talent has (a 9 before the sequence number).
  const missing = hidden.map((id) => id.replace(/-(\d+)$/, '-9$1'));
  console.log(`${values.owner}: ${own.data.talents.edges.length} talents, ${hidden.length} hidden from ${values.caller}; ${values.requests} lookups of each, alternating`);
  const times = { hidden: [] as number[], missing: [] as number[] };
  const ids = { hidden, missing };
  for (let i = 0; i < Number(values.requests); i++) {
    for (const kind of i % 2 ? (['hidden', 'missing'] as const) : (['missing', 'hidden'] as const)) {
      const t0 = process.hrtime.bigint();
      const { text, status } = await ask(caller, byId, { id: ids[kind][i % ids[kind].length]! });
      times[kind].push(Number(process.hrtime.bigint() - t0) / 1000);
      if (status !== 200 || text.trimEnd() !== '{"data":{"talent":null}}') throw new Error(`${kind}: expected {"data":{"talent":null}}, got HTTP ${status} ${text.slice(0, 200)}`);
    }
  }
  const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;
  for (const q of [0.25, 0.5, 0.75]) {
    const h = quantile(times.hidden, q);
    const m = quantile(times.missing, q);
    console.log(`p${q * 100}: hidden ${h.toFixed(1)} µs, missing ${m.toFixed(1)} µs, hidden - missing ${(h - m).toFixed(1)} µs`);
  }
} finally {
  await hub.stop();
}
