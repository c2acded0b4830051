import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveEntry } from '../../scripts/lib/processes.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'hub-log-'));
// The logger compiled when the run compiled the hub (npm test: test/setup/compiled.ts), a third of the
// start-up CPU of tsx; through tsx otherwise (npm run test:unit).
const LOG = resolveEntry('platform/log.ts');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A process that logs JSON lines to its real standard output (where every service logs) and then
 * ends as `how` says. `keep-running` logs one line and waits for stdin to close.
 */
const SCRIPT = `
import { createLogger } from ${JSON.stringify(LOG.loader.length > 0 ? join(ROOT, 'platform', 'log.ts') : LOG.file)};
const logger = createLogger('experts@sichuan', 'info', { format: 'json' });
const how = process.argv[2];
const count = how === 'keep-running' ? 1 : 50;
for (let i = 0; i < count; i++) logger.info({ i }, 'request');
if (how === 'sigterm') {
  process.on('SIGTERM', () => process.exit(0));
  setInterval(() => {}, 1000);
  process.kill(process.pid, 'SIGTERM');
} else if (how === 'exit') process.exit(3);
else if (how === 'throw') setImmediate(() => { throw new Error('crash'); });
else if (how === 'keep-running') process.stdin.on('end', () => process.exit(0)).resume();
`;
const entry = join(dir, LOG.loader.length > 0 ? 'logs.mts' : 'logs.mjs');
writeFileSync(entry, SCRIPT);

/** Runs the script; resolves with the JSON log lines it wrote and its exit code. `onLine` sees each line as it comes. */
function run(how: string, onLine?: (line: string, child: ReturnType<typeof spawn>) => void): Promise<{ lines: { i: number; msg: string }[]; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...LOG.loader, entry, how], { cwd: ROOT, stdio: ['pipe', 'pipe', 'ignore'] });
    let text = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      text += chunk;
      for (const line of chunk.split('\n').filter(Boolean)) onLine?.(line, child);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        lines: text
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l)),
        code,
      }),
    );
  });
}

describe('log lines of a real process (buffered standard output)', () => {
  it('loses no line when the process ends: after SIGTERM, at process.exit, on an uncaught exception, at its natural end', async () => {
    const endings = { sigterm: 0, exit: 3, throw: 1, end: 0 } as const;
    // The four processes at once: each start-up is mostly waiting.
    const results = await Promise.all(Object.keys(endings).map((how) => run(how)));
    for (const [k, how] of Object.keys(endings).entries()) {
      const { lines, code } = results[k]!;
      expect({ how, code, lines: lines.map((l) => l.i) }).toEqual({ how, code: endings[how as keyof typeof endings], lines: Array.from({ length: 50 }, (_, i) => i) });
      expect(lines.every((l) => l.msg === 'request')).toBe(true);
    }
  });

  it('writes a line while the process keeps running, without waiting for more lines or the exit', async () => {
    let seenWhileRunning = false;
    const { lines } = await run('keep-running', (_line, child) => {
      // The process only exits once its stdin closes, which happens after its line came.
      seenWhileRunning = child.exitCode === null;
      child.stdin?.end();
    });
    expect(seenWhileRunning).toBe(true);
    expect(lines).toHaveLength(1);
  });
});
