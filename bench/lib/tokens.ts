import { signClientToken } from '../../gateway/token-settings.ts';

/** The client identity the benchmark acts as: Sichuan's talent office, reading. */
export const BENCH_CLIENT = { region: '510000', scope: 'talent:read talent:contact stats:read' };

/**
 * A client token signed as `npm run -s token` signs it (scripts/token.ts and this share
 * signClientToken), with the secret the gateways started by the harness will check (they inherit
 * the same environment). In-process: running the token script costs the run's start about a second.
 */
export function clientToken(options: { region: string; scope: string } = BENCH_CLIENT): Promise<string> {
  return signClientToken({ region: options.region, scope: options.scope, sub: 'bench', ttl: '6h' });
}
