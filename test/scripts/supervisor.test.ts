import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RESTART_POLICY, restartDelay, type ServiceSpec, type Supervisor, superviseServices } from '../../scripts/lib/supervisor.ts';

/**
 * The supervisor behind `npm start`, with small real Node programs as services (the hub's own
 * services are killed and restarted in test/e2e/supervisor.test.ts).
 */
const dir = mkdtempSync(join(tmpdir(), 'supervisor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a small Node program (plain JavaScript) and returns the service that runs it. */
function program(name: string, source: string): ServiceSpec {
  const entry = join(dir, `${name}.mjs`);
  writeFileSync(entry, source);
  return { name, entry, env: {} };
}

const steady = () => program('steady', "process.on('SIGTERM', () => process.exit(0)); console.log('up'); setInterval(() => {}, 1000);");
const crash = () => program('crash', 'process.exit(3);');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let running: Supervisor | undefined;
afterEach(() => {
  running?.killNow();
  running = undefined;
});

function supervise(services: ServiceSpec[], policy = { initialDelayMs: 100, maxDelayMs: 400, resetAfterMs: 10_000 }, graceMs = 2000) {
  const events: { at: number; message: string; problem: boolean }[] = [];
  const lines: string[] = [];
  const supervisor = superviseServices({
    services,
    policy,
    graceMs,
    onLine: (name, line) => lines.push(`${name}: ${line}`),
    onEvent: (message, problem) => events.push({ at: Date.now(), message, problem }),
  });
  running = supervisor;
  const messages = () => events.map((e) => e.message.replace(/\(pid \d+\)/, '(pid N)'));
  return { supervisor, events, lines, messages };
}

async function until(check: () => boolean, timeoutMs = 15_000) {
  for (const started = Date.now(); !check(); await sleep(20)) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
  }
}

describe('restart delays', () => {
  it('start at 0.5 s and double up to 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => restartDelay(DEFAULT_RESTART_POLICY, n))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });
});

describe('the supervisor', () => {
  it('announces each service with its pid and passes its lines on', async () => {
    const { supervisor, messages, lines } = supervise([steady()]);
    await until(() => lines.includes('steady: up'));
    expect(messages()).toEqual(['steady started (pid N)']);
    expect(supervisor.status()).toEqual([{ name: 'steady', state: 'running', pid: expect.any(Number), restarts: 0 }]);
  });

  it('restarts a service that keeps failing, ever later up to the cap, and never touches the others', async () => {
    const { supervisor, events, messages } = supervise([steady(), crash()]);
    await until(() => supervisor.status()[1]!.restarts >= 5);
    const steadyPid = supervisor.status()[0]!.pid;
    expect(messages().filter((m) => m.includes('exited'))).toEqual(
      expect.arrayContaining([
        'crash exited (code 3); restarting in 0.1 s (restart 1)',
        'crash exited (code 3); restarting in 0.2 s (restart 2)',
        'crash exited (code 3); restarting in 0.4 s (restart 3)',
        'crash exited (code 3); restarting in 0.4 s (restart 4)',
      ]),
    );
    expect(events.filter((e) => e.message.includes('exited')).every((e) => e.problem)).toBe(true);
    // The waits between an exit and the next start grow as announced.
    const starts = events.filter((e) => e.message.startsWith('crash started')).map((e) => e.at);
    const exits = events.filter((e) => e.message.startsWith('crash exited')).map((e) => e.at);
    expect(starts[2]! - exits[1]!).toBeGreaterThanOrEqual(195);
    expect(starts[3]! - exits[2]!).toBeGreaterThanOrEqual(395);
    expect(messages().filter((m) => m.startsWith('steady'))).toEqual(['steady started (pid N)']);
    expect(supervisor.status()[0]).toMatchObject({ state: 'running', pid: steadyPid, restarts: 0 });
  });

  it('starts the delays again after a run that lasted', async () => {
    const flaky = program('flaky', 'setTimeout(() => process.exit(1), 400);');
    const { supervisor, messages } = supervise([flaky], { initialDelayMs: 100, maxDelayMs: 400, resetAfterMs: 300 });
    await until(() => supervisor.status()[0]!.restarts >= 3);
    expect(messages().filter((m) => m.includes('exited'))).toEqual([
      'flaky exited (code 1); restarting in 0.1 s (restart 1)',
      'flaky exited (code 1); restarting in 0.1 s (restart 2)',
      'flaky exited (code 1); restarting in 0.1 s (restart 3)',
    ]);
  });

  it('names the signal that ended a service', async () => {
    const { supervisor, messages } = supervise([steady()]);
    await until(() => supervisor.status()[0]!.pid !== undefined);
    process.kill(supervisor.status()[0]!.pid!, 'SIGKILL');
    await until(() => messages().length >= 3);
    expect(messages()).toEqual(['steady started (pid N)', 'steady exited (SIGKILL); restarting in 0.1 s (restart 1)', 'steady started (pid N)']);
  });

  it('stops every service on stop, and restarts nothing after, not even one waiting to be restarted', async () => {
    const { supervisor, messages, lines } = supervise([steady(), crash()], { initialDelayMs: 300, maxDelayMs: 300, resetAfterMs: 10_000 });
    await until(() => lines.includes('steady: up') && supervisor.status()[1]!.state === 'waiting');
    const pid = supervisor.status()[0]!.pid!;
    const count = messages().length;
    expect(await supervisor.stop()).toBe('exited');
    await sleep(600);
    expect(messages().slice(count)).toEqual([]);
    expect(() => process.kill(pid, 0)).toThrow();
    expect(supervisor.status().map((s) => s.state)).toEqual(['stopped', 'stopped']);
    expect(supervisor.stop()).toBe(supervisor.stop());
  });

  it('kills a service that does not stop within the grace period, and says so', async () => {
    const stubborn = program('stubborn', "process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000);");
    const { supervisor, lines, messages } = supervise([stubborn, steady()], undefined, 300);
    await until(() => lines.includes('stubborn: up') && lines.includes('steady: up'));
    const started = Date.now();
    expect(await supervisor.stop()).toBe('killed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(messages().slice(2)).toEqual(['stubborn did not stop within 0.3 s: killed']);
  });

  it('kills everything at once on killNow, restarting nothing', async () => {
    const { supervisor, lines, messages } = supervise([steady()]);
    await until(() => lines.includes('steady: up'));
    const pid = supervisor.status()[0]!.pid!;
    supervisor.killNow();
    await until(() => supervisor.status()[0]!.state === 'stopped');
    await sleep(300);
    expect(() => process.kill(pid, 0)).toThrow();
    expect(messages()).toEqual(['steady started (pid N)']);
  });
});
