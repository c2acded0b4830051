import { afterAll, describe, expect, it } from 'vitest';
import { RegistryLedger } from '../../../gateway/registry/ledger.ts';
import { FileRegistryStore } from '../../../gateway/registry/store.ts';
import { removeDir, tempDataDir } from '../../helpers/registry.ts';

/** The ledger over a real file store: compare-and-swap writes, refresh from another instance, one change at a time. */
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeDir(dir);
});

async function twoInstances(): Promise<[RegistryLedger, RegistryLedger]> {
  const dir = await tempDataDir();
  dirs.push(dir);
  const [a, b] = [new FileRegistryStore(dir), new FileRegistryStore(dir)];
  return [new RegistryLedger(a, await a.load()), new RegistryLedger(b, await b.load())];
}

describe('RegistryLedger', () => {
  it('writes only on the revision it read, and the other instance picks the write up', async () => {
    const [one, two] = await twoInstances();
    expect(await one.write({ revision: 1, partners: [], supergraph: null }, 0)).toBe(true);
    expect(one.state.revision).toBe(1);
    // Two still holds revision 0: its write is refused and its state stays.
    expect(await two.write({ revision: 1, partners: [], supergraph: null }, 0)).toBe(false);
    expect(two.state.revision).toBe(0);
    expect((await two.refresh())?.revision).toBe(1);
    expect(two.state.revision).toBe(1);
    expect(await two.refresh()).toBeNull();
  });

  it('runs queued work one at a time, in order, and goes on after a failure', async () => {
    const [ledger] = await twoInstances();
    const events: string[] = [];
    const slow = ledger.exclusive(async () => {
      events.push('a start');
      await new Promise((r) => setTimeout(r, 30));
      events.push('a end');
      throw new Error('a failed');
    });
    const next = ledger.exclusive(async () => {
      events.push('b');
      return 'b done';
    });
    await expect(slow).rejects.toThrow('a failed');
    expect(await next).toBe('b done');
    await ledger.idle();
    expect(events).toEqual(['a start', 'a end', 'b']);
  });
});
