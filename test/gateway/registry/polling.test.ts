import { describe, expect, it } from 'vitest';
import { StorePoller } from '../../../gateway/registry/polling.ts';
import { collectingLogger } from '../../helpers/registry.ts';

const until = async (done: () => boolean) => {
  for (let i = 0; i < 1000 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('StorePoller', () => {
  it('syncs every interval, never two at once, says once that the store is unreadable and once that it is back', async () => {
    const logger = collectingLogger();
    const outcomes = [false, false, true, true];
    let calls = 0;
    let running = 0;
    let overlapped = false;
    const poller = new StorePoller({
      intervalMs: 5,
      logger,
      storeDescription: 'file /tmp/registry.json',
      servedHash: () => 'c'.repeat(64),
      sync: async () => {
        overlapped ||= running > 0;
        running += 1;
        await new Promise((r) => setTimeout(r, 10)); // longer than the interval
        running -= 1;
        const ok = outcomes[calls++] ?? true;
        if (!ok) throw new Error('EACCES');
      },
    });
    poller.start();
    poller.start(); // a second start is ignored
    await until(() => calls >= 2);
    expect(poller.reachable).toBe(false);
    await until(() => calls >= 4);
    poller.stop();
    expect(poller.reachable).toBe(true);
    expect(overlapped).toBe(false);
    expect(logger.lines).toEqual([
      { level: 'error', message: `cannot read the registry store; serving supergraph ${'c'.repeat(12)} until it answers: EACCES` },
      { level: 'info', message: 'registry store readable again (file /tmp/registry.json)' },
    ]);
  });

  it('stops: no sync after stop', async () => {
    let calls = 0;
    const poller = new StorePoller({ intervalMs: 5, logger: collectingLogger(), storeDescription: 's', servedHash: () => 'h', sync: async () => void calls++ });
    poller.start();
    await until(() => calls >= 1);
    poller.stop();
    const seen = calls;
    await new Promise((r) => setTimeout(r, 40));
    expect(calls).toBe(seen);
  });
});
