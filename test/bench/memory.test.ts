import { spawn } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { processTree, sampleRss, treeRssBytes } from '../../bench/lib/memory.ts';

// A parent that forks a child holding ~64 MB, as Hive Gateway's `--fork 1` runs its worker.
const parent = spawn(
  process.execPath,
  [
    '-e',
    `const c = require('node:child_process').spawn(process.execPath, ['-e', 'globalThis.b = Buffer.alloc(64 * 1024 * 1024, 1); console.log("ready"); setInterval(() => {}, 1000)'], { stdio: ['ignore', 'inherit', 'inherit'] });
     process.on('SIGTERM', () => { c.kill(); process.exit(0); });
     setInterval(() => {}, 1000);`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
afterAll(() => {
  parent.kill();
});

it('samples the resident memory of a target with its forked children, and keeps the peak', async () => {
  await new Promise<void>((resolve) => parent.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
  const tree = processTree(parent.pid!);
  expect(tree[0]).toBe(parent.pid);
  expect(tree.length).toBe(2);
  const parentAlone = treeRssBytes([parent.pid!])! - treeRssBytes([tree[1]!])!;
  // The child's 64 MB buffer is counted in the tree, not in the parent alone.
  expect(treeRssBytes([tree[1]!])!).toBeGreaterThan(64 * 1024 ** 2);
  expect(parentAlone).toBeLessThan(64 * 1024 ** 2);
  const sampler = sampleRss([parent.pid!], 20);
  await new Promise((r) => setTimeout(r, 100));
  expect(sampler.stop()).toBeGreaterThan(64 + parentAlone / 1024 ** 2 - 1);
  // A process that is gone reads as nothing, not as zero.
  expect(treeRssBytes([2 ** 22 + 1])).toBeNull();
});
