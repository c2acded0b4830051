import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATEWAY_NODE_ARGS } from '../../gateway/heap.ts';

/**
 * Running the hub's services as processes of their own, as `npm start` does: spawning an entry
 * (TypeScript through tsx), collecting what it prints line by line, waiting until it answers,
 * and stopping it. Shared by `npm start`, the benchmark and the end-to-end tests.
 */

/** The repository root: entries are given relative to it, and processes run in it. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The entry of each of the hub's services (`npm start` runs the experts entry once per experts node; scripts/lib/topology.ts). */
export const HUB_ENTRIES = {
  experts: 'subgraphs/experts/index.ts',
  projects: 'subgraphs/projects/index.ts',
  coordination: 'subgraphs/coordination/index.ts',
  gateway: 'gateway/index.ts',
} as const;

/** A service started as its own process. */
export interface Service {
  name: string;
  child: ChildProcess;
  /** What it printed (stdout and stderr, in order of arrival), one entry per line with its `\n`; only the last `keepLines` when that was set. */
  output: string[];
  /** Resolves with the exit code once it exited (null: ended by a signal). */
  exited: Promise<number | null>;
  /**
   * Asks it to stop (SIGTERM, finishing requests in flight) and kills it (SIGKILL) if it has not
   * exited after `graceMs` (default 5 s). Resolves `'exited'`, or `'killed'` when it had to be killed.
   */
  stop(graceMs?: number): Promise<'exited' | 'killed'>;
}

export interface StartServiceOptions {
  name: string;
  /** The entry file, relative to the repository root (or absolute). */
  entry: string;
  args?: string[];
  /** Added to this process's environment. */
  env?: Record<string, string | undefined>;
  /** Extra node flags (e.g. another `--import` preload). */
  nodeArgs?: string[];
  /** Leave off the entry's own node flags (entryNodeArgs), as a command line written by hand would (default: given). */
  withoutEntryFlags?: boolean;
  /** Run through tsx (`--import tsx`); default: for .ts entries. */
  tsx?: boolean;
  /** Keep only the last this many lines of output (default: all). */
  keepLines?: number;
  /** Called with every complete line it prints (without the `\n`), and which stream it came on. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

const running = new Set<Service>();

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Set (by the test run's set-up, test/setup/compiled.ts) to a tree of the hub compiled to
 * JavaScript (scripts/lib/compiled.ts): a `.ts` entry compiled there runs as that `.js`, without
 * tsx, here and in every process started from here (`npm start` under test starts its services
 * compiled too). Unset, as for `npm start` and the benchmark: entries run as given.
 */
const COMPILED_DIR_ENV = 'HUB_TEST_COMPILED_DIR';

/**
 * How to run `entry`: its compiled `.js` when `HUB_TEST_COMPILED_DIR` names a tree holding it,
 * else the entry itself, through tsx (`loader`) when it is TypeScript or `tsx` says so.
 */
export function resolveEntry(entry: string, tsx?: boolean): { loader: string[]; file: string } {
  const compiledDir = process.env[COMPILED_DIR_ENV];
  if (compiledDir && tsx !== false && entry.endsWith('.ts')) {
    const compiled = join(compiledDir, relative(REPOSITORY_ROOT, resolve(REPOSITORY_ROOT, entry)).replace(/\.ts$/, '.js'));
    if (existsSync(compiled)) return { loader: [], file: compiled };
  }
  return { loader: (tsx ?? entry.endsWith('.ts')) ? ['--import', 'tsx'] : [], file: entry };
}

/**
 * The gateway's entries, as source or compiled: the product's (gateway/index) and the benchmark's
 * hub targets (bench/targets/hub; bench/federation/documents, the same gateway with trusted documents).
 */
const GATEWAY_ENTRY = /(^|[/\\])(gateway[/\\]index|bench[/\\]targets[/\\]hub|bench[/\\]federation[/\\]documents)\.[jt]s$/;

/** The node flags an entry's process always runs with: the gateway's (gateway/heap.ts), none for the others. */
export function entryNodeArgs(entry: string): readonly string[] {
  return GATEWAY_ENTRY.test(entry) ? GATEWAY_NODE_ARGS : [];
}

/** Starts `node <the entry's own flags> <nodeArgs> <entry> <args>` in the repository root; see `StartServiceOptions`. */
export function startService(options: StartServiceOptions): Service {
  const { loader, file } = resolveEntry(options.entry, options.tsx);
  const child = spawn(
    process.execPath,
    [...loader, ...(options.withoutEntryFlags ? [] : entryNodeArgs(options.entry)), ...(options.nodeArgs ?? []), file, ...(options.args ?? [])],
    {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null, name: 'stdout' | 'stderr') => {
    let buffer = '';
    const take = (line: string) => {
      options.onLine?.(line, name);
      output.push(`${line}\n`);
      if (options.keepLines !== undefined && output.length > options.keepLines) output.shift();
    };
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) take(line);
    });
    // A last line without its line end (a process that died mid-write) is still output.
    stream?.on('end', () => {
      if (buffer !== '') take(buffer);
      buffer = '';
    });
  };
  collect(child.stdout, 'stdout');
  collect(child.stderr, 'stderr');
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopping: Promise<'exited' | 'killed'> | undefined;
  const service: Service = {
    name: options.name,
    child,
    output,
    exited,
    stop: (graceMs = 5000) =>
      (stopping ??= new Promise((resolve) => {
        if (hasExited(child)) return resolve('exited');
        let killed = false;
        const kill = setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, graceMs);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve(killed ? 'killed' : 'exited');
        });
        child.kill('SIGTERM');
      })),
  };
  running.add(service);
  void exited.then(() => running.delete(service));
  return service;
}

/** Stops every service this process started that is still running (on the way out, also after an error). */
export async function stopAll(graceMs?: number): Promise<void> {
  await Promise.all([...running].map((s) => s.stop(graceMs)));
}

/** Kills what is left synchronously (for `process.on('exit')`). */
export function killAllNow(): void {
  for (const s of running) if (!hasExited(s.child)) s.child.kill('SIGKILL');
}

/** The kernel's ephemeral port range: where `listen(0)` and every outgoing connection take their port. */
export function ephemeralPorts(): { low: number; high: number } {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) return { low: low!, high: high! };
  } catch {
    // Not Linux: the IANA range, which macOS and Windows use.
  }
  return { low: 49152, high: 65535 };
}

/** The lowest port `freePort` picks from (below it: well-known and registered services). */
const PICKED_FROM = 10_000;
/** Ports this process handed out: not handed out again (the child may not listen yet). */
const handedOut = new Set<number>();

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port the OS picks for `listen(0)`, free right now. */
function osPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A TCP port free on 127.0.0.1 right now, for a child process to listen on (or to stay closed).
 * Picked at random *below* the kernel's ephemeral range and checked by listening on it. A port the
 * OS picks for `listen(0)` lies in that range, and so does the local port of every outgoing
 * connection: between the check and the child's own listen, a test's client socket or an
 * in-process server on port 0 could take it, and the child then fails with EADDRINUSE (CI failed
 * so, 2026-12-02). Below the range only another explicit pick can take it; this process never
 * hands out a port twice. Falls back to the OS's pick when the range leaves no room below it.
 */
export async function freePort(): Promise<number> {
  const to = ephemeralPorts().low - 1;
  if (to - PICKED_FROM >= 1000) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = PICKED_FROM + Math.floor(Math.random() * (to - PICKED_FROM + 1));
      if (handedOut.has(port)) continue;
      handedOut.add(port);
      if (await canListen(port)) return port;
    }
  }
  return osPort();
}

/**
 * Waits until `probe` resolves true (polling every 150 ms), failing early with the service's
 * output when the process exits, or after `timeoutMs`.
 */
export async function waitUntil(service: Service, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited(service.child)) {
      throw new Error(`${service.name} exited (${service.child.signalCode ?? service.child.exitCode}) before it was ready:\n${service.output.join('')}`);
    }
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${service.name} was not ready after ${timeoutMs} ms:\n${service.output.join('')}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Polls `url` (e.g. a service's /health or /ready) every 100 ms until it answers 200 with a JSON
 * body `accept` takes; throws after `timeoutMs`.
 * @internal for tests
 */
export async function waitFor(url: string, timeoutMs = 30_000, accept: (body: { status?: unknown }) => boolean = () => true): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok && accept((await res.json()) as { status?: unknown })) return;
    } catch {
      // not up yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not come up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
