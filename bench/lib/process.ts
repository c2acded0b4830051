import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { ROOT } from './paths.ts';

/** A service the harness started as its own process. */
export interface Service {
  name: string;
  child: ChildProcess;
  /** The last lines it printed (stdout and stderr), for the report when it fails. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<Service>();
let verbose = false;

/** Print every line the services write (`--verbose`), prefixed with their name. */
export function setVerbose(on: boolean) {
  verbose = on;
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
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
 * Starts `node <nodeArgs> <entry> <args>` from the repository root. TypeScript entries run through
 * tsx (`--import tsx`), as `npm start` runs the hub's services.
 */
export function startService(options: {
  name: string;
  entry: string;
  args?: string[];
  env?: Record<string, string>;
  /** Extra node flags (e.g. another `--import` preload). */
  nodeArgs?: string[];
  /** Default: true for .ts entries. */
  tsx?: boolean;
}): Service {
  const useTsx = options.tsx ?? options.entry.endsWith('.ts');
  const nodeArgs = [...(useTsx ? ['--import', 'tsx'] : []), ...(options.nodeArgs ?? [])];
  const child = spawn(process.execPath, [...nodeArgs, options.entry, ...(options.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let buffer = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        if (verbose) process.stderr.write(`  ${options.name.padEnd(18)} | ${line}\n`);
        lines.push(line);
        if (lines.length > 60) lines.shift();
      }
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  let stopping: Promise<void> | undefined;
  const service: Service = {
    name: options.name,
    child,
    output: () => lines.join('\n'),
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        running.delete(service);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      })),
  };
  running.add(service);
  return service;
}

/** Stops every service still running (on the way out, also after an error). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

/** Kills what is left synchronously (for `process.on('exit')`). */
export function killAllNow() {
  for (const s of running) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
}

/**
 * Waits until `probe` resolves true (polling), failing early with the service's output when the
 * process exits, or after `timeoutMs`.
 */
export async function waitUntil(service: Service, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.child.exitCode !== null || service.child.signalCode !== null) {
      throw new Error(`${service.name} exited (${service.child.signalCode ?? service.child.exitCode}) before it was ready:\n${service.output()}`);
    }
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${service.name} was not ready after ${timeoutMs} ms:\n${service.output()}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A POST of a GraphQL body; resolves with the status and text (never throws on HTTP errors). */
export async function postGraphQL(url: string, body: unknown, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, text: await res.text() };
}
