import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Per calling system (token `sub`): a sustained rate plus a burst allowance. */
export interface RateLimitSettings {
  /** Requests per second a caller may make indefinitely. */
  ratePerSecond: number;
  /** Extra requests a caller may make at once beyond the rate; the allowance refills over 10 s. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { ratePerSecond: 50, burst: 100 };

/**
 * A rate limiter per calling system (rate-limiter-flexible's BurstyRateLimiter: a 1-second window
 * of `ratePerSecond` requests, backed by a 10-second window of `burst` extra requests). Returns
 * null when the request may go on, or the seconds to wait before retrying.
 */
export function createRateLimiter(settings: RateLimitSettings) {
  const limiter = new BurstyRateLimiter(
    new RateLimiterMemory({ keyPrefix: 'rate', points: settings.ratePerSecond, duration: 1 }),
    new RateLimiterMemory({ keyPrefix: 'burst', points: settings.burst, duration: 10 }),
  );
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
