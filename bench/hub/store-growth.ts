import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDataset } from '../../data/generate.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { ExpertsStore } from '../../subgraphs/experts/store.ts';

/**
 * Issue 16, goal 6, measured fairly: id lookups and indexed pages at several sizes (1,000 and
 * 1,000,000 talents) in the same conditions. Each size is loaded into the embedded store in a
 * process of its own (so its heap is its own: the 1,000-talent store does not live in a 4 GB
 * heap), and the sizes are then measured in interleaved rounds, one size at a time (the others
 * wait), so load on the machine drifts over every size alike. Each round takes `reps` samples of
 * every call; the report gives each call's median over every sample, the quartiles, the ratio of
 * the medians (largest size ÷ smallest) and the spread of that ratio over the rounds.
 *
 *   npx tsx bench/hub/store-growth.ts --sizes 1000,1000000 [--rounds 20] [--reps 25] [--profile dir] [--node-args=--trace-gc] [--base dir]
 *     [--variant 'semi16=--min-semi-space-size=16 --max-semi-space-size=32' ...] [--parallel-loads 2]
 *
 * The ids looked up are drawn at random (seeded) from up to 20,000 talents spread over the whole
 * collection, so at 1,000,000 talents a lookup does not find its document in a warm cache because
 * the same few were asked just before. Both pages fill (21 rows) at every size, and the report
 * gives the rows each call returned at each size (`rows`): a ratio means something only where
 * they are equal. With `--profile`, each size writes a V8 CPU profile of
 * extra rounds of lookups into that folder (after the measured rounds). With `--base <dir>` (another
 * checkout: `git archive <commit> | tar -x -C <dir>`, and a symbolic link to this node_modules),
 * every size of that checkout is loaded and measured in the same rounds too, so a before and an
 * after come from one run. Each `--variant name=flags` loads every size of this checkout once more
 * with those Node/V8 flags added (labels `name:1000`, ...), measured in the same rounds, and the
 * report adds each variant's largest size ÷ this checkout's largest size. `--parallel-loads n`
 * loads n processes at a time (the rounds stay one process at a time).
 */

/** The calls timed, by name. */
const CALLS = ['talentById', 'talentsBy50Ids', 'pageHomeRegion', 'pageHomeRegionSector'] as const;
type Call = (typeof CALLS)[number];

type FromParent = { kind: 'settle' } | { kind: 'round'; reps: number } | { kind: 'profile'; reps: number; file: string } | { kind: 'exit' };
type FromChild =
  | { kind: 'ready'; talents: number; generateMs: number; loadMs: number; rssMb: number; heapMb: number; gcMs: number }
  | { kind: 'round'; ms: Record<Call, number[]>; gcMs: number; rssMb: number; rows: Record<Call, number> }
  | { kind: 'profiled' }
  | { kind: 'settled' };

/** A small seeded generator (mulberry32), so every run asks for the same ids in the same order. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Milliseconds spent in garbage collection so far in this process (from performance entries). */
function gcCounter(): () => number {
  let total = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) total += e.duration;
  });
  obs.observe({ entryTypes: ['gc'] });
  return () => total;
}

async function child(talents: number): Promise<void> {
  const gcMs = gcCounter();
  const t0 = performance.now();
  let dataset: ReturnType<typeof generateDataset> | undefined = generateDataset({ talents, seed: 20260101 });
  const generateMs = performance.now() - t0;
  const t1 = performance.now();
  const store = await ExpertsStore.open(createEmbeddedDatabase());
  await store.seed(dataset.experts);
  const loadMs = performance.now() - t1;
  const step = Math.max(1, Math.floor(talents / 20_000));
  const ids = dataset.experts.talents.filter((_, i) => i % step === 0).map((t) => `${t._id}`);
  dataset = undefined;
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const next = random(talents);
  const pick = () => ids[Math.floor(next() * ids.length)]!;
  const page = { first: 20, afterKey: null };
  const byProvince = store.talentFilter({ homeRegion: '510000' });
  // Both pages fill at every size (49 and 25 talents at 1,000): a page of 10 at 1,000 beside one
  // of 21 at 1,000,000 (Chongqing and INDUSTRY, before) measured twice the rows, not the growth.
  const byProvinceSector = store.talentFilter({ homeRegion: '510000', sector: 'SERVICES' });
  const run: Record<Call, () => Promise<unknown>> = {
    talentById: () => store.talentsByIds([pick()]),
    talentsBy50Ids: () => store.talentsByIds(Array.from({ length: 50 }, pick)),
    pageHomeRegion: () => store.findTalents(byProvince, page),
    pageHomeRegionSector: () => store.findTalents(byProvinceSector, page),
  };
  // How many documents each call returns here: sizes compare only where these are equal.
  const rows = {} as Record<Call, number>;
  const round = async (reps: number) => {
    const ms = Object.fromEntries(CALLS.map((c) => [c, [] as number[]])) as Record<Call, number[]>;
    for (const call of CALLS) {
      rows[call] = ((await run[call]()) as unknown[]).length;
      for (let i = 0; i < reps; i++) {
        const s = performance.now();
        await run[call]();
        ms[call].push(performance.now() - s);
      }
    }
    return ms;
  };
  const send = (m: FromChild) => process.send!(m);
  // A parent that died (killed, timed out) must not leave gigabytes of store behind.
  process.on('disconnect', () => process.exit(0));
  send({ kind: 'ready', talents, generateMs, loadMs, rssMb: memory.rss / 1e6, heapMb: memory.heapUsed / 1e6, gcMs: gcMs() });
  process.on('message', async (m: FromParent) => {
    if (m.kind === 'exit') process.exit(0);
    if (m.kind === 'settle') {
      (globalThis as { gc?: () => void }).gc?.();
      await round(5);
      send({ kind: 'settled' });
      return;
    }
    if (m.kind === 'round') {
      const before = gcMs();
      const ms = await round(m.reps);
      // GC entries are delivered to the observer after a turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 5));
      send({ kind: 'round', ms, gcMs: gcMs() - before, rssMb: process.memoryUsage().rss / 1e6, rows });
    } else {
      const session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.start');
      await round(m.reps);
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(m.file, JSON.stringify(profile));
      session.disconnect();
      send({ kind: 'profiled' });
    }
  });
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const r3 = (n: number) => Math.round(n * 1000) / 1000;

/** A way of starting the children: this checkout, the `--base` one, or this one with a variant's flags. */
interface Setup {
  /** 'this', 'base' or the variant's name. */
  name: string;
  script: string;
  execArgv: string[];
}

interface Child {
  /** The setup's name. */
  tree: string;
  talents: number;
  label: string;
  proc: ReturnType<typeof fork>;
  ready: Extract<FromChild, { kind: 'ready' }>;
}

/** Sends `m` (if any) to a child and waits for its reply of `kind`. */
function ask<K extends FromChild['kind']>(proc: ReturnType<typeof fork>, m: FromParent | null, kind: K): Promise<Extract<FromChild, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`store-growth child exited (${code})`));
    const onMessage = (reply: FromChild) => {
      if (reply.kind !== kind) return;
      proc.off('message', onMessage);
      proc.off('exit', onExit);
      resolve(reply as Extract<FromChild, { kind: K }>);
    };
    proc.on('message', onMessage);
    proc.once('exit', onExit);
    if (m) proc.send(m);
  });
}

type Samples = Record<Call, number[]>;
const emptySamples = (): Samples => Object.fromEntries(CALLS.map((k) => [k, [] as number[]])) as Samples;
const median = (xs: readonly number[]) =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

/**
 * Loads every size (of this checkout and, with `base`, of that one too) in processes of their
 * own, then measures them all in the same interleaved rounds and prints the report (JSON).
 */
async function parent(options: {
  sizes: number[];
  rounds: number;
  reps: number;
  profileDir?: string;
  nodeArgs: string[];
  base?: string;
  variants: { name: string; args: string[] }[];
  parallelLoads: number;
}): Promise<void> {
  const { rounds, reps } = options;
  const common = ['--expose-gc', '--max-old-space-size=8192', ...options.nodeArgs];
  const self = fileURLToPath(import.meta.url);
  const setups: Setup[] = [
    { name: 'this', script: self, execArgv: common },
    ...(options.base ? [{ name: 'base', script: `${options.base}/bench/hub/store-growth.ts`, execArgv: common }] : []),
    ...options.variants.map((v) => ({ name: v.name, script: self, execArgv: [...common, ...v.args] })),
  ];
  const trees = setups.map((s) => s.name);
  // Largest first (the smallest is ready in a second); `parallelLoads` at a time, then all kept.
  const queue = [...options.sizes].sort((a, b) => b - a).flatMap((talents) => setups.map((setup) => ({ talents, setup })));
  const children: Child[] = [];
  const load = async (): Promise<void> => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const { talents, setup } = job;
      const proc = fork(setup.script, ['--child', String(talents)], { execArgv: [...setup.execArgv, '--import', 'tsx'] });
      const ready = await ask(proc, null, 'ready');
      const label = setup.name === 'this' ? String(talents) : `${setup.name}:${talents}`;
      process.stderr.write(
        `${label}: generated ${Math.round(ready.generateMs)} ms, loaded ${Math.round(ready.loadMs)} ms, RSS ${Math.round(ready.rssMb)} MB, heap ${Math.round(ready.heapMb)} MB\n`,
      );
      children.push({ tree: setup.name, talents, label, proc, ready });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallelLoads) }, load));
  children.sort((a, b) => a.talents - b.talents || trees.indexOf(a.tree) - trees.indexOf(b.tree));
  // A child that waited long for the others to load answers slower than one loaded last (twice
  // as slow at 100,000 talents, either checkout): a full collection and a few calls in each, just
  // before the rounds, put them all in the same state.
  for (const c of children) await ask(c.proc, { kind: 'settle' }, 'settled');
  const samples = new Map(children.map((c) => [c.label, emptySamples()]));
  const roundMedians = new Map(children.map((c) => [c.label, emptySamples()]));
  const gc = new Map(children.map((c) => [c.label, 0]));
  const rssAfter = new Map(children.map((c) => [c.label, 0]));
  const rows = new Map<string, Record<Call, number>>();
  for (let r = 0; r < rounds; r++) {
    // Alternate the order, so no child always follows the same one.
    for (const c of r % 2 === 0 ? children : [...children].reverse()) {
      const reply = await ask(c.proc, { kind: 'round', reps }, 'round');
      gc.set(c.label, gc.get(c.label)! + reply.gcMs);
      rssAfter.set(c.label, reply.rssMb);
      rows.set(c.label, reply.rows);
      for (const call of CALLS) {
        samples.get(c.label)![call].push(...reply.ms[call]);
        roundMedians.get(c.label)![call].push(median(reply.ms[call]));
      }
    }
  }
  if (options.profileDir) {
    for (const c of children) await ask(c.proc, { kind: 'profile', reps: reps * 10, file: `${options.profileDir}/store-${c.label.replace(':', '-')}.cpuprofile` }, 'profiled');
  }
  for (const c of children) c.proc.send({ kind: 'exit' } satisfies FromParent);
  const calls: Record<string, unknown> = {};
  for (const call of CALLS) {
    const per: Record<string, unknown> = {};
    for (const c of children) {
      const s = [...samples.get(c.label)![call]].sort((a, b) => a - b);
      per[c.label] = { p25: r3(quantile(s, 0.25)), median: r3(quantile(s, 0.5)), p75: r3(quantile(s, 0.75)), n: s.length, rows: rows.get(c.label)?.[call] };
    }
    // Per tree: largest size ÷ smallest, from every sample's median and round by round.
    for (const tree of trees) {
      const mine = children.filter((c) => c.tree === tree);
      const small = mine[0]!.label;
      const large = mine.at(-1)!.label;
      const roundRatios = roundMedians
        .get(large)!
        [call].map((m, i) => m / roundMedians.get(small)![call][i]!)
        .sort((a, b) => a - b);
      per[`ratio ${large} / ${small}`] = {
        ofMedians: Math.round((median(samples.get(large)![call]) / median(samples.get(small)![call])) * 100) / 100,
        roundRatios: { min: r3(roundRatios[0]!), median: r3(quantile(roundRatios, 0.5)), max: r3(roundRatios.at(-1)!) },
      };
    }
    // A variant (or the base) against this checkout at the largest size: what the flags change.
    const largest = Math.max(...options.sizes);
    for (const tree of trees.slice(1)) {
      const mine = median(samples.get(`${tree}:${largest}`)![call]);
      per[`ratio ${tree}:${largest} / ${largest}`] = Math.round((mine / median(samples.get(String(largest))![call])) * 100) / 100;
    }
    calls[call] = per;
  }
  const report = {
    sizes: children.map((c) => ({
      label: c.label,
      generateMs: Math.round(c.ready.generateMs),
      loadMs: Math.round(c.ready.loadMs),
      rssMb: Math.round(c.ready.rssMb),
      heapMb: Math.round(c.ready.heapMb),
      gcMsWhileMeasured: Math.round(gc.get(c.label)!),
      rssMbAfterRounds: Math.round(rssAfter.get(c.label)!),
    })),
    rounds,
    reps,
    loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
    at: new Date().toISOString(),
    calls,
  };
  process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      sizes: { type: 'string', default: '1000,1000000' },
      rounds: { type: 'string', default: '20' },
      reps: { type: 'string', default: '25' },
      profile: { type: 'string' },
      'node-args': { type: 'string', default: '' },
      base: { type: 'string' },
      variant: { type: 'string', multiple: true, default: [] },
      'parallel-loads': { type: 'string', default: '1' },
    },
  });
  if (values.child) await child(Number(values.child));
  else {
    await parent({
      sizes: values.sizes.split(',').map(Number),
      rounds: Number(values.rounds),
      reps: Number(values.reps),
      nodeArgs: values['node-args'].split(' ').filter(Boolean),
      ...(values.profile ? { profileDir: values.profile } : {}),
      ...(values.base ? { base: values.base } : {}),
      variants: values.variant.map((v) => {
        const at = v.indexOf('=');
        if (at < 1) throw new Error(`--variant must be name=flags, such as 'semi16=--min-semi-space-size=16' (got '${v}')`);
        return {
          name: v.slice(0, at),
          args: v
            .slice(at + 1)
            .split(' ')
            .filter(Boolean),
        };
      }),
      parallelLoads: Number(values['parallel-loads']),
    });
  }
}
