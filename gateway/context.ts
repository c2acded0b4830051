import type { Grant, Purpose } from '../subgraphs/kit/caller.ts';

/** The gateway's per-request context: the verified caller and the token relayed to subgraphs. */
export interface GatewayContext {
  caller: { sub: string; region: string; scopes: string[]; purpose: Purpose | null; grants: Grant[] };
  /** The short-lived caller token signed by the gateway for subgraphs. */
  callerToken: string;
  requestId: string;
}
