import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * `npm start`: the three subgraphs and the gateway, each as its own process, with their output
 * prefixed. Ctrl-C (or SIGTERM) stops them all cleanly; if one dies, the rest are stopped too.
 *
 * It runs in development unless told otherwise: NODE_ENV=development (set by the npm script and
 * here, so `tsx scripts/start.ts` behaves the same) is what lets the gateway use the documented
 * development secret and serve /dev/token, and only while it listens on loopback.
 */
const env = { ...process.env, NODE_ENV: process.env.NODE_ENV || 'development' };
const services = [
  { name: 'experts', entry: 'subgraphs/experts/index.ts' },
  { name: 'projects', entry: 'subgraphs/projects/index.ts' },
  { name: 'coordination', entry: 'subgraphs/coordination/index.ts' },
  { name: 'gateway', entry: 'gateway/index.ts' },
];
const root = fileURLToPath(new URL('../', import.meta.url));
const children = new Map<string, ChildProcess>();
let stopping = false;

function pipe(name: string, stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) {
  let buffer = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) out.write(`${name.padEnd(12)} | ${line}\n`);
  });
}

function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) child.kill('SIGTERM');
  const exitIfDone = () => {
    if ([...children.values()].every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(code);
  };
  for (const child of children.values()) child.on('exit', exitIfDone);
  exitIfDone();
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(code || 1);
  }, 15_000).unref();
}

for (const { name, entry } of services) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.set(name, child);
  pipe(name, child.stdout, process.stdout);
  pipe(name, child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name.padEnd(12)} | exited (${signal ?? code}); stopping the others`);
    stopAll(code || 1);
  });
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
