import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createRateLimiter, type RateLimitStore } from '../../gateway/ratelimit.ts';

/**
 * The rate limit's stores: this process's memory; MongoDB shared by several gateway instances
 * (run whenever MONGODB_URI is set, as the store contract is); and MongoDB out of reach, where
 * each instance goes on limiting on its own counts (neither open nor closed).
 */

const mongoUri = process.env.MONGODB_URI;
const mongoDbName = `hub_ratelimit_${randomUUID().slice(0, 8)}`;
const clients: MongoClient[] = [];

afterAll(async () => {
  if (mongoUri) {
    const client = await MongoClient.connect(mongoUri);
    await client.db(mongoDbName).dropDatabase();
    await client.close();
  }
  await Promise.all(clients.map((c) => c.close()));
});

/** `n` requests from `caller` through `limit`, in turn: how many went on. */
async function allowedOf(limit: (caller: string) => Promise<number | null>, caller: string, n: number): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < n; i++) if ((await limit(caller)) === null) allowed += 1;
  return allowed;
}

describe('the rate limit', () => {
  it('in memory: the rate plus the burst, per caller, then the seconds to wait', async () => {
    const limit = createRateLimiter({ ratePerSecond: 2, burst: 3 });
    expect(await allowedOf(limit, 'a', 10)).toBe(5);
    expect(await limit('a')).toBeGreaterThanOrEqual(1);
    expect(await allowedOf(limit, 'b', 1)).toBe(1);
  });

  it('with MongoDB out of reach: each instance still limits on its own counts (neither open nor closed)', async () => {
    const client = new MongoClient('mongodb://127.0.0.1:9/?directConnection=true', { serverSelectionTimeoutMS: 100, connectTimeoutMS: 100 });
    clients.push(client);
    const store: RateLimitStore = { kind: 'mongo', client, dbName: mongoDbName, local: 'memory' };
    const limit = createRateLimiter({ ratePerSecond: 2, burst: 3 }, store);
    expect(await allowedOf(limit, 'c', 8)).toBe(5);
  }, 30_000);

  // Defined only with a MongoDB to run against (as the store contract's MongoDB cases are): no skipped test without one.
  if (mongoUri)
    it('on MongoDB: two gateway instances count one caller together', async () => {
      const [one, two] = [new MongoClient(mongoUri as string), new MongoClient(mongoUri as string)];
      clients.push(one, two);
      const settings = { ratePerSecond: 2, burst: 3 };
      const first = createRateLimiter(settings, { kind: 'mongo', client: one, dbName: mongoDbName, local: 'memory' });
      const second = createRateLimiter(settings, { kind: 'mongo', client: two, dbName: mongoDbName, local: 'memory' });
      let allowed = 0;
      for (let i = 0; i < 10; i++) if ((await (i % 2 ? first : second)('shared')) === null) allowed += 1;
      expect(allowed).toBe(5);
    });
});
