import type { Grant, Purpose } from '../subgraphs/kit/caller.ts';

/** The gateway's per-request context: the verified caller and the token relayed to subgraphs. */
export interface GatewayContext {
  caller: { sub: string; region: string; scopes: string[]; purpose: Purpose | null };
  /**
   * The short-lived caller token for subgraphs, with the grants of the caller's province. Made on
   * the first subgraph fetch (and memoised), so a request refused at the gateway costs no lookup
   * of agreements and no signature.
   */
  callerToken: () => Promise<string>;
  /** What agreements in force grant the caller's province (looked up once, on first use). */
  grants: () => Promise<Grant[]>;
  requestId: string;
}
