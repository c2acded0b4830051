import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { ephemeralPorts, freePort, startService, waitUntil } from '../../scripts/lib/processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'processes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a small Node program (plain JavaScript: no tsx needed) and returns its path. */
function program(name: string, source: string): string {
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
}

describe('the process helper', () => {
  it('collects output line by line from both streams, the last line even without its line end, and reports the exit code', async () => {
    const entry = program('talk.mjs', "console.log('one'); console.error('two'); process.stdout.write('three'); process.exitCode = 3;");
    const lines: string[] = [];
    const service = startService({ name: 'talk', entry, onLine: (line, stream) => lines.push(`${stream}:${line}`) });
    expect(await service.exited).toBe(3);
    await new Promise((r) => setTimeout(r, 50));
    expect([...lines].sort()).toEqual(['stderr:two', 'stdout:one', 'stdout:three']);
    expect(service.output.join('').split('\n').sort()).toEqual(['', 'one', 'three', 'two']);
  });

  it('keeps only the last keepLines lines', async () => {
    const entry = program('count.mjs', 'for (let i = 1; i <= 10; i++) console.log(String(i));');
    const service = startService({ name: 'count', entry, keepLines: 3 });
    await service.exited;
    await new Promise((r) => setTimeout(r, 50));
    expect(service.output).toEqual(['8\n', '9\n', '10\n']);
  });

  it('stops a service with SIGTERM, and kills one that does not stop within the grace period', async () => {
    const polite = program('polite.mjs', "process.on('SIGTERM', () => process.exit(0)); console.log('up'); setInterval(() => {}, 1000);");
    const stubborn = program('stubborn.mjs', "process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000);");
    const a = startService({ name: 'polite', entry: polite });
    const b = startService({ name: 'stubborn', entry: stubborn });
    await waitUntil(a, async () => a.output.includes('up\n'), 10_000);
    await waitUntil(b, async () => b.output.includes('up\n'), 10_000);
    expect(await a.stop()).toBe('exited');
    expect(await b.stop(300)).toBe('killed');
    expect(b.child.signalCode).toBe('SIGKILL');
  });

  it('fails a wait early, with the output, when the process exits before it is ready', async () => {
    const entry = program('dies.mjs', "console.error('no settings'); process.exit(1);");
    const service = startService({ name: 'dies', entry });
    await expect(waitUntil(service, async () => false, 10_000)).rejects.toThrow(/dies exited \(1\) before it was ready:\n[\s\S]*no settings/);
  });
});

describe('freePort', () => {
  it('picks ports below the kernel ephemeral range (where no listen(0) or client socket lands), free and never the same twice', async () => {
    const { low } = ephemeralPorts();
    const ports = await Promise.all(Array.from({ length: 100 }, () => freePort()));
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(low);
    }
    // Free: a server can listen on each one.
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(ports[0], '127.0.0.1', resolve));
    // And one in use is not handed out: every later pick differs from it.
    const later = await Promise.all(Array.from({ length: 50 }, () => freePort()));
    expect(later).not.toContain(ports[0]);
    await new Promise((resolve) => server.close(resolve));
  });
});
