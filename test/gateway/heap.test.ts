import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { limitHeapGrowth } from '../../gateway/heap.ts';

/** limitHeapGrowth run in a child process (it sets a V8 flag on the process that calls it), with `nodeArgs` on its command line. */
function childSets(nodeArgs: string[]): { flag: string; stderr: string; status: number | null } {
  const run = spawnSync(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', '--input-type=module', '-e', "const { limitHeapGrowth } = await import('./gateway/heap.ts'); console.log(String(limitHeapGrowth()));"],
    { encoding: 'utf8' },
  );
  return { flag: run.stdout.trim(), stderr: run.stderr, status: run.status };
}

describe('the gateway heap growth (gateway/heap.ts)', () => {
  it('is set to x2 in a process whose command line chose none', () => {
    expect(childSets(['--enable-source-maps'])).toEqual({ flag: '--heap-growing-percent=100', stderr: '', status: 0 });
  });

  it("leaves a process alone whose command line decides the heap's growth", () => {
    // Given the arguments, nothing is set (so this process is not changed).
    for (const own of ['--heap-growing-percent=0', '--heap_growing_percent=300', '--max-old-space-size=512', '--max_old_space_size=2048', '--max-heap-size=1024']) {
      expect(limitHeapGrowth(['--enable-source-maps', own]), own).toBeUndefined();
    }
    expect(childSets(['--max-old-space-size=512']).flag).toBe('undefined');
  });

  // v8.setFlagsFromString ignores a name V8 does not know; node itself refuses one, so this fails if the flag is misspelt or gone.
  it('is an option the running Node.js knows', () => {
    const { flag } = childSets([]);
    const run = spawnSync(process.execPath, [flag, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
