import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_GATEWAY_ENV } from './lib/hub-settings.ts';
import { DEFAULT_FEDERATION_DIR, requireFederationDir } from './lib/paths.ts';
import { freePort, type Service, startService, stopAll, waitUntil } from './lib/process.ts';
import { clientToken } from './lib/tokens.ts';
import { createBodyChecker } from './lib/canonical.ts';
import { loadWorkload, rewriteRoutingUrls } from './federation/workload.ts';
import { documentsBody } from './federation/documents.ts';
import { variedBodies } from './federation/varied.ts';
import { verifyBenchmarkSubgraphs } from './federation/verify.ts';

/**
 * `npx tsx bench/overhead.ts [--requests 300] [--rounds 5] [--targets hub,hub-nodedup,hub-documents,apollo-gateway] [hub@<checkout>,...] [--cpu-prof <dir>] [--rest <s>] [--varied] [--concurrency n] [--node-args <o>] [--env <k=v,...>]`:
 * the gateway's fixed cost per request (issue 16, goal 2). Each target (as the federation scenario
 * starts it) gets the standard workload's request one at a time (one connection, nothing to share),
 * in interleaved rounds; reported per target: requests per second and the gateway process's own CPU
 * time per request (user + system, from /proc), the medians over rounds. CPU per request is what the
 * hub's layers add, and on a busy shared machine it varies far less than a rate does.
 *
 * `--rest <s>`: after the warm-up, the last target named rests for s seconds while the others keep
 * serving requests, as the federation scenario's varied rounds once left `hub-documents` idle before
 * the one-connection phase; its first rounds after the rest show what an idle spell costs.
 *
 * `--varied`: TestQueryVaried instead (bench/federation/varied.ts): the 64 variants round-robin, each
 * checked against plain @apollo/gateway's answer to it (verify.ts, in this process at start), so
 * what a different request each time costs is measured at one connection like TestQuery.
 * `hub-documents` does not run it (only TestQuery is registered there).
 *
 * `--concurrency <n>`: n requests in flight per target instead of one (the federation scenario
 * runs 50), to see what load adds per request (garbage collection, queues, page faults) with the
 * same CPU accounting.
 *
 * Also reported: the gateway's minor page faults per request. A fault on a page the process has not
 * touched costs this project's VMs ~30 us (a 150 KB buffer: 37 faults, ~1.2 ms), and V8 gives every
 * string over 128 KB pages of its own, so a large answer decoded or encoded as one string shows here.
 * And each gateway's peak resident memory over the whole run (VmHWM, warm-up included: goal 7).
 * `--node-args '<options>'` and `--env NAME=value,...` go to the targets named with a trailing `+`
 * only (`--targets hub-nodedup,hub-nodedup+`): a process setting against its absence in one run.
 */
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '5' },
    targets: { type: 'string', default: 'hub,hub-nodedup,apollo-gateway' },
    'federation-dir': { type: 'string', default: DEFAULT_FEDERATION_DIR },
    /** Write a V8 CPU profile of each target into this folder (`node --cpu-prof`), for finding what a request costs. */
    'cpu-prof': { type: 'string' },
    rest: { type: 'string', default: '0' },
    /** Requests in flight per target (default 1: nothing to share, the fixed cost alone); more shows what load adds (GC, queues). */
    concurrency: { type: 'string', default: '1' },
    varied: { type: 'boolean', default: false },
    /** Extra node options (space-separated), e.g. a V8 heap setting to try: given only to the targets named with a trailing `+` (`hub-nodedup,hub-nodedup+`). */
    'node-args': { type: 'string', default: '' },
    /** Extra environment (`NAME=value,...`) for the same `+` targets, e.g. `GLIBC_TUNABLES=...`. */
    env: { type: 'string', default: '' },
  },
});
const concurrency = Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`--concurrency must be a whole number of requests in flight, 1 or more (got '${values.concurrency}')`);
  process.exit(2);
}
// Every name must be one startTarget knows: anything else (e.g. `hub-nodedup@<dir>`) used to start this
// checkout's hub with sharing on under that name, and was compared as if it were what it said.
const badTarget = values.targets.split(',').find((t) => !/^(hub|hub-nodedup|hub-documents|apollo-gateway|hub@.+)\+?$/.test(t));
if (badTarget !== undefined) {
  console.error(
    `--targets: unknown target '${badTarget}': use hub, hub-nodedup, hub-documents, apollo-gateway or hub@<checkout>, each optionally with a trailing + (another checkout with sharing off: hub@<checkout>+ --env HUB_SUBGRAPH_DEDUPE=false)`,
  );
  process.exit(2);
}
const dir = requireFederationDir(values['federation-dir']);
const workload = loadWorkload(dir);
const textBody = JSON.stringify({ query: workload.query, operationName: 'TestQuery' });
/** The requests a target gets, round-robin, each with its answer's check. */
interface Probe {
  body: string;
  check: (body: string) => boolean;
}
async function probesOf(target: string): Promise<Probe[]> {
  if (values.varied) {
    if (target === 'hub-documents') throw new Error('--varied: hub-documents serves only the registered TestQuery');
    return variedProbes;
  }
  // `hub-documents` (bench/federation/documents.ts): the same gateway with the query registered, sent by documentId.
  return [{ body: target === 'hub-documents' ? documentsBody(workload.query) : textBody, check: isCorrect }];
}
const isCorrect = createBodyChecker(workload.expected);
let variedProbes: Probe[] = [];
if (values.varied) {
  const verified = await verifyBenchmarkSubgraphs(dir);
  if (!verified.ok) throw new Error(`the benchmark subgraphs do not answer as expected: ${verified.diff}`);
  const bodies = variedBodies(workload.query);
  variedProbes = bodies.map((body, i) => ({ body, check: createBodyChecker(verified.variedExpected[i]) }));
}
const headers = { 'content-type': 'application/json', authorization: `Bearer ${await clientToken()}` };

/**
 * CPU seconds (user + system) the process has used so far, and its minor page faults: on this
 * project's VMs a fault on memory the process has not touched yet costs tens of microseconds, so a
 * string or buffer that gets fresh pages each request (V8 gives every string over 128 KB pages of its own)
 * shows here.
 */
function usage(pid: number): { cpu: number; faults: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // minflt is field 10 of stat, utime and stime 14 and 15 (7, 11 and 12 after the command name); times in clock ticks (100/s).
  return { cpu: (Number(fields[11]) + Number(fields[12])) / 100, faults: Number(fields[7]) };
}

/** The process's peak resident memory so far (VmHWM), in MB: warm-up and every round included. */
function peakRssMb(pid: number): number {
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

const profileDir = values['cpu-prof'];
// Node names each profile CPU.<date>.<time>.<pid>...; the pids are printed with the results.
const profileArgs = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];

function startTarget(target: string, port: number, supergraphFile: string): Service {
  // `hub-nodedup+`: the same target started with --node-args and --env (so a setting is compared with its absence in one run).
  const plus = target.endsWith('+');
  const name = plus ? target.slice(0, -1) : target;
  const nodeArgs = plus ? [...profileArgs, ...values['node-args'].split(' ').filter(Boolean)] : profileArgs;
  const extra = plus
    ? Object.fromEntries(
        values.env
          .split(',')
          .filter(Boolean)
          .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
      )
    : {};
  const args = ['--port', String(port), '--supergraph', supergraphFile];
  if (name === 'apollo-gateway') return startService({ name: target, entry: 'bench/targets/apollo-gateway.ts', args, env: extra, nodeArgs });
  if (name === 'hub-documents')
    return startService({
      name: target,
      entry: 'bench/federation/documents.ts',
      args: [...args, '--query', join(dir, 'query.graphql')],
      env: { ...BENCH_GATEWAY_ENV, ...extra },
      nodeArgs,
    });
  // `hub@<dir>`: the hub of another checkout (e.g. `git archive <commit>` with node_modules linked),
  // so an optimisation's before and after are measured in one run.
  if (name.startsWith('hub@')) return startService({ name: target, entry: join(name.slice(4), 'bench/targets/hub.ts'), args, env: { ...BENCH_GATEWAY_ENV, ...extra }, nodeArgs });
  const env = name === 'hub-nodedup' ? { ...BENCH_GATEWAY_ENV, HUB_SUBGRAPH_DEDUPE: 'false' } : BENCH_GATEWAY_ENV;
  return startService({ name: target, entry: 'bench/targets/hub.ts', args, env: { ...env, ...extra }, nodeArgs });
}

/** One request (Node's fetch keeps the connection alive between sequential requests). */
async function post(url: string, probe: Probe): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers, body: probe.body });
  const text = await res.text();
  if (res.status !== 200 || !probe.check(text)) throw new Error(`wrong answer (HTTP ${res.status}): ${text.slice(0, 200)}`);
}

const work = mkdtempSync(join(tmpdir(), 'hub-overhead-'));
try {
  const subgraphPort = await freePort();
  const subgraphs = startService({ name: 'bench-subgraphs', entry: 'bench/federation/main.ts', args: ['--port', String(subgraphPort), '--federation-dir', dir] });
  const base = `http://127.0.0.1:${subgraphPort}`;
  await waitUntil(subgraphs, async () => (await fetch(`${base}/stats`)).ok);
  const supergraphFile = join(work, 'supergraph.graphql');
  writeFileSync(supergraphFile, rewriteRoutingUrls(workload.supergraphSdl, base));
  const targets = await Promise.all(
    values.targets.split(',').map(async (name) => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/graphql`;
      const probes = await probesOf(name);
      let next = 0;
      const probe = () => probes[next++ % probes.length]!;
      return {
        name,
        service: startTarget(name, port, supergraphFile),
        url,
        first: probes[0]!.body,
        warmUp: Math.max(50, 2 * probes.length),
        probe,
        rps: [] as number[],
        cpuMs: [] as number[],
        faults: [] as number[],
      };
    }),
  );
  for (const t of targets) {
    await waitUntil(t.service, async () => (await fetch(t.url, { method: 'POST', headers, body: t.first })).ok, 300_000);
    for (let i = 0; i < t.warmUp; i++) await post(t.url, t.probe()); // warm-up: plans, caches, JIT (every variant twice)
  }
  const restMs = Number(values.rest) * 1000;
  if (restMs > 0 && targets.length > 1) {
    const resting = targets.at(-1)!;
    const busy = targets.slice(0, -1);
    const until = Date.now() + restMs;
    while (Date.now() < until) for (const t of busy) await post(t.url, t.probe());
    console.log(`  ${resting.name} rested ${values.rest} s while ${busy.map((t) => t.name).join(', ')} served requests`);
  }
  const n = Number(values.requests);
  const inFlight = Math.min(n, concurrency);
  /** `n` requests to `t`, `inFlight` at a time. */
  const send = async (t: (typeof targets)[number]) => {
    let sent = 0;
    const worker = async () => {
      while (sent < n) {
        sent++;
        await post(t.url, t.probe());
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  };
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const t of targets) {
      const pid = t.service.child.pid!;
      const before = usage(pid);
      const t0 = performance.now();
      await send(t);
      const seconds = (performance.now() - t0) / 1000;
      t.rps.push(n / seconds);
      const after = usage(pid);
      t.cpuMs.push(((after.cpu - before.cpu) * 1000) / n);
      t.faults.push((after.faults - before.faults) / n);
      console.log(
        `  round ${round + 1} ${t.name.padEnd(24)} ${(n / seconds).toFixed(1).padStart(6)} req/s  ${t.cpuMs.at(-1)!.toFixed(2).padStart(6)} CPU ms/request  ${t.faults.at(-1)!.toFixed(1).padStart(6)} page faults/request`,
      );
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `\ntarget            req/s  CPU ms/request  page faults/request  peak RSS MB  (medians; ${inFlight === 1 ? 'one connection' : `${inFlight} in flight`}; peak RSS over the whole run)`,
  );
  for (const t of targets)
    console.log(
      `${t.name.padEnd(24)} ${median(t.rps).toFixed(1).padStart(6)}  ${median(t.cpuMs).toFixed(2).padStart(14)}${median(t.faults).toFixed(1).padStart(21)}${peakRssMb(t.service.child.pid!).toFixed(1).padStart(13)}${profileDir ? `  (pid ${t.service.child.pid})` : ''}`,
    );
  const apollo = targets.find((t) => t.name === 'apollo-gateway');
  if (apollo) {
    for (const t of targets.filter((x) => x !== apollo)) {
      console.log(
        `${t.name} vs apollo-gateway: ${(median(t.rps) / median(apollo.rps)).toFixed(2)}x req/s, ${(median(t.cpuMs) / median(apollo.cpuMs)).toFixed(2)}x CPU per request`,
      );
    }
  }
} finally {
  await stopAll();
  rmSync(work, { recursive: true, force: true });
}
