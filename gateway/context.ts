import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Grant, Purpose } from '../platform/caller.ts';

/** The gateway's per-request context: the verified caller and the tokens relayed to subgraphs. */
export interface GatewayContext {
  caller: { sub: string; region: string; scopes: string[]; purpose: Purpose | null };
  /**
   * The short-lived caller token for one subgraph (`aud` = its name; see `requestTokens` in
   * signer.ts): a core subgraph's carries the grants of the caller's province, a partner's only
   * what it needs to answer. Made on the first fetch to that subgraph (and memoised), so a request
   * refused at the gateway costs no lookup of agreements and no signature.
   */
  callerToken: (subgraph: string) => Promise<string>;
  /** The owner-lookup token (audience experts, scope `talent:locate`) sent with mutations to projects and coordination. */
  ownerLookupToken: () => Promise<string>;
  /** What agreements in force grant the caller's province (looked up once, on first use). */
  grants: () => Promise<Grant[]>;
  requestId: string;
  /**
   * The fetch the fast path made before it left the request to the full pipeline (gateway/fast):
   * the pipeline's own fetch of the same query and variables takes this answer. A property, not a
   * side table keyed by the context, because Apollo Server runs each request on a shallow copy of it.
   */
  handedOver?: { query: string; variables: string; answer: Promise<GatewayGraphQLResponse> } | undefined;
}
