import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { cpuSeconds } from '../../bench/lib/cpu.ts';
import { processTree } from '../../bench/lib/memory.ts';

it('reads the CPU time of a target with its forked children: what each process reports of itself, summed', async () => {
  // A parent that forks a child; each spins for 200 ms of its own CPU, then prints what process.cpuUsage says it used and waits.
  const spin = `const t = process.cpuUsage(); while ((process.cpuUsage(t).user + process.cpuUsage(t).system) < 200000) {}
    const u = process.cpuUsage(); console.log('used', (u.user + u.system) / 1e6); setInterval(() => {}, 1000);`;
  const parent = spawn(
    process.execPath,
    ['-e', `require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(spin)}], { stdio: ['ignore', 'inherit', 'inherit'] }); ${spin}`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let tree: number[] = [];
  try {
    const used: number[] = [];
    await new Promise<void>((resolve) =>
      parent.stdout!.on('data', (d: Buffer) => {
        for (const m of d.toString().matchAll(/used ([\d.]+)/g)) used.push(Number(m[1]));
        if (used.length === 2) resolve();
      }),
    );
    tree = processTree(parent.pid!);
    expect(tree).toHaveLength(2);
    const total = cpuSeconds([parent.pid!])!;
    // /proc counts in 10 ms ticks; the processes' own counts include their start-up, as /proc does.
    expect(total).toBeGreaterThanOrEqual(used[0]! + used[1]! - 0.05);
    expect(total).toBeLessThanOrEqual(used[0]! + used[1]! + 0.05);
    expect(cpuSeconds([2 ** 22 + 12345])).toBeNull();
  } finally {
    for (const pid of tree.length ? tree : [parent.pid!]) process.kill(pid, 'SIGKILL');
  }
});
