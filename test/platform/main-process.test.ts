import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveEntry } from '../../scripts/lib/processes.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'hub-main-'));
// runMain compiled when the run compiled the hub (npm test), through tsx otherwise (npm run test:unit).
const MAIN = resolveEntry('platform/main.ts');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A service run by runMain whose start listens first, says `listening <port>`, and finishes only
 * when a line comes on stdin: the moment where the gateway already answers /health while it
 * registers its own documents. A request to it says `request` and is answered after 300 ms;
 * closing says `closed`.
 */
const SCRIPT = `
import { createServer } from 'node:http';
import { runMain } from ${JSON.stringify(MAIN.loader.length > 0 ? join(ROOT, 'platform', 'main.ts') : MAIN.file)};
runMain('slow-start', async () => {
  const httpServer = createServer((_req, res) => { console.log('request'); setTimeout(() => res.end('done'), 300); });
  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const port = httpServer.address().port;
  console.log('listening ' + port);
  await new Promise((resolve) => process.stdin.once('data', resolve));
  return {
    url: 'http://127.0.0.1:' + port + '/graphql', port, httpServer, graphqlRequests: 0,
    close: () => new Promise((resolve) => httpServer.close(() => { console.log('closed'); resolve(undefined); })),
  };
});
`;
const entry = join(dir, MAIN.loader.length > 0 ? 'slow-start.mts' : 'slow-start.mjs');
writeFileSync(entry, SCRIPT);

interface Run {
  child: ChildProcess;
  port: Promise<number>;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(): Run {
  const child = spawn(process.execPath, [...MAIN.loader, entry], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let text = '';
  let resolvePort: (port: number) => void = () => {};
  const port = new Promise<number>((resolve) => (resolvePort = resolve));
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      text += chunk;
      const match = /listening (\d+)/.exec(text);
      if (match) resolvePort(Number(match[1]));
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, port, output: () => text, exited };
}

const get = (port: number) =>
  new Promise<{ status: number | undefined; body: string }>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    })
      .on('error', reject)
      .end();
  });

const seen = async (r: Run, text: string) => {
  for (let i = 0; i < 200 && !r.output().includes(text); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  return r.output();
};

describe('a service run by runMain, signalled while it starts', () => {
  it('is not killed by a SIGTERM that comes after it listens but before start finishes: it answers the request in flight, closes once started, exits 0', async () => {
    const r = run();
    const port = await r.port;
    const inFlight = get(port);
    r.child.kill('SIGTERM');
    expect(await seen(r, 'while starting')).toContain('[slow-start] SIGTERM while starting: stopping once started');
    expect(r.child.exitCode).toBeNull();
    await seen(r, 'request'); // the request is the service's, not in the listen backlog
    r.child.stdin?.write('go\n');
    expect(await inFlight).toEqual({ status: 200, body: 'done' });
    expect(await r.exited).toEqual({ code: 0, signal: null });
    expect(r.output()).toContain('closed');
  }, 60_000);

  it('stops at once (exit 1, saying so) on a second signal while still starting, and treats a repeat within 500 ms as the same signal', async () => {
    const r = run();
    await r.port;
    r.child.kill('SIGINT');
    r.child.kill('SIGTERM'); // the same Ctrl-C, relayed: not a second request
    await seen(r, 'while starting');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(r.child.exitCode).toBeNull();
    r.child.kill('SIGINT');
    expect(await r.exited).toEqual({ code: 1, signal: null });
    expect(r.output()).toContain('[slow-start] SIGINT again while starting: stopping now');
    expect(r.output()).not.toContain('closed');
  }, 60_000);

  it('after start, a SIGTERM finishes the request in flight, closes and exits 0', async () => {
    const r = run();
    const port = await r.port;
    r.child.stdin?.write('go\n');
    // Started once a request is answered after the line (the stdin line is read before the next request).
    expect((await get(port)).status).toBe(200);
    const inFlight = get(port);
    // In flight: the service has it (a request still in the listen backlog would be refused by the close).
    for (let i = 0; i < 400 && r.output().split('request').length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    r.child.kill('SIGTERM');
    expect(await inFlight).toEqual({ status: 200, body: 'done' });
    expect(await r.exited).toEqual({ code: 0, signal: null });
    expect(await seen(r, 'closed')).toContain('[slow-start] SIGTERM: finishing requests in flight, then stopping');
  }, 60_000);
});
