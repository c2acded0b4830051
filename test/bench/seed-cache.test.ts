import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { mapConcurrent } from '../../bench/lib/concurrency.ts';
import { copySeeded, seededFolder } from '../../bench/lib/seed-cache.ts';
import { nodesOf } from '../../scripts/lib/topology.ts';
import { openDatabase } from '../../store/database.ts';
import { SEED_DATASET, seedOnce } from '../../store/seed-once.ts';

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

it('keeps a seeded folder per talents and topology; a copy holds every store of the topology, seeded, so a start opens it instead of seeding', async () => {
  const nodes = nodesOf('three', [1, 2, 3]);
  const lines: string[] = [];
  const [first, again] = await Promise.all([
    seededFolder({ talents: 60, topology: 'three', nodes, log: (l) => lines.push(l) }),
    seededFolder({ talents: 60, topology: 'three', nodes, log: (l) => lines.push(l) }),
  ]);
  expect(again).toBe(first);
  expect(existsSync(join(first, '.complete'))).toBe(true);
  const made = statSync(join(first, '.complete')).mtimeMs;
  // Asked again (by the same process or a later run), the folder is the same one, not made anew.
  expect(await seededFolder({ talents: 60, topology: 'three', nodes, log: (l) => lines.push(l) })).toBe(first);
  expect(statSync(join(first, '.complete')).mtimeMs).toBe(made);
  // Made once at most (none when an earlier run made it).
  expect(lines.filter((l) => l.includes('seeded 60 talents')).length).toBeLessThanOrEqual(1);

  const dataDir = mkdtempSync(join(tmpdir(), 'seed-cache-test-'));
  copies.push(dataDir);
  copySeeded(first, dataDir);
  const files = readdirSync(dataDir).filter((f) => f.endsWith('.sqlite'));
  expect(files.sort()).toEqual(['coordination.sqlite', 'experts-chongqing.sqlite', 'experts-rest.sqlite', 'experts-sichuan.sqlite', 'projects.sqlite']);
  expect(readdirSync(dataDir)).not.toContain('.complete');

  // The copy is a store as `npm run seed` left it: seeded with this dataset, so a start leaves it as it is.
  let talents = 0;
  for (const file of ['experts-sichuan', 'experts-chongqing', 'experts-rest']) {
    const db = await openDatabase({ mongodbUri: undefined, dbName: file, dataDir, file });
    try {
      talents += await db.collection('talents').countDocuments({});
      let seeded = false;
      expect(await seedOnce(db, { dataset: SEED_DATASET, talents: 60 }, async () => void (seeded = true))).toBe('already-seeded');
      expect(seeded).toBe(false);
    } finally {
      await db.close();
    }
  }
  expect(talents).toBe(60);
  // The kept folder itself is untouched by what is done to a copy.
  expect(readdirSync(first).sort()).toEqual(['.complete', ...files].sort());
}, 180_000);

it('runs at most `limit` calls at once and keeps the results in the order of the items', async () => {
  let running = 0;
  let most = 0;
  const results = await mapConcurrent([5, 1, 4, 2, 3, 0, 6], 3, async (n, i) => {
    running++;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, n * 3));
    running--;
    return `${i}:${n}`;
  });
  expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0', '6:6']);
  expect(most).toBe(3);
  expect(await mapConcurrent([], 4, async () => 1)).toEqual([]);
});
