import type { MongoClient } from 'mongodb';
import {
  BurstyRateLimiter,
  RateLimiterCluster,
  RateLimiterClusterMaster,
  RateLimiterMemory,
  RateLimiterMongo,
  RateLimiterRes,
  type RateLimiterAbstract,
  type RateLimiterStoreAbstract,
} from 'rate-limiter-flexible';

/** Per calling system (token `sub`): a sustained rate plus a burst allowance. */
export interface RateLimitSettings {
  /** Requests per second a caller may make indefinitely. */
  ratePerSecond: number;
  /** Extra requests a caller may make at once beyond the rate; the allowance refills over 10 s. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { ratePerSecond: 50, burst: 100 };

/**
 * Where the counts live, so that every process serving the hub's public port counts the same caller
 * once: `memory` one gateway process; `cluster` the workers of one gateway (HUB_GATEWAY_WORKERS > 1:
 * counted in the primary, which must run `startRateLimitPrimary`); `mongo` every gateway instance
 * sharing the MongoDB database (MONGODB_URI), with `local` (memory or cluster) as the fallback.
 */
export type RateLimitStore = { kind: 'memory' } | { kind: 'cluster' } | { kind: 'mongo'; client: MongoClient; dbName: string; local: 'memory' | 'cluster' };

/** The collection of the shared counts in the gateway's database (`<prefix>_hub`). */
export const RATE_LIMIT_COLLECTION = 'rate_limits';

/**
 * Runs the counts of a gateway cluster in its primary process; the workers' `cluster` limiters ask
 * it over IPC. Call once, in the primary, before the workers are forked.
 */
export function startRateLimitPrimary(): void {
  new RateLimiterClusterMaster();
}

function limiterOn(store: RateLimitStore, keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  const local = (kind: 'memory' | 'cluster') =>
    kind === 'cluster' ? new RateLimiterCluster({ keyPrefix, points, duration, timeoutMs: 1000 }) : new RateLimiterMemory({ keyPrefix, points, duration });
  if (store.kind !== 'mongo') return local(store.kind);
  return new RateLimiterMongo({
    storeClient: store.client,
    dbName: store.dbName,
    tableName: RATE_LIMIT_COLLECTION,
    keyPrefix,
    points,
    duration,
    // Deliberately neither open nor closed when MongoDB cannot be reached: each instance goes on
    // limiting callers on its own counts. Failing open would drop the protection exactly when the
    // hub is strained; failing closed would turn a database blip into refusing every client.
    insuranceLimiter: local(store.local) as RateLimiterStoreAbstract,
  });
}

/**
 * A rate limiter per calling system (rate-limiter-flexible's BurstyRateLimiter: a 1-second window
 * of `ratePerSecond` requests, backed by a 10-second window of `burst` extra requests), counted in
 * `store` (default: this process's memory). Returns null when the request may go on, or the
 * seconds to wait before retrying.
 */
export function createRateLimiter(settings: RateLimitSettings, store: RateLimitStore = { kind: 'memory' }) {
  const limiter = new BurstyRateLimiter(limiterOn(store, 'rate', settings.ratePerSecond, 1), limiterOn(store, 'burst', settings.burst, 10));
  return async (caller: string): Promise<number | null> => {
    try {
      await limiter.consume(caller);
      return null;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  };
}
