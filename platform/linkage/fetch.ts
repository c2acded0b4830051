import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { type ExpertsNode, nodeForProvince } from '../nodes.ts';
import { OPERATION_HEADER, REQUEST_ID_HEADER, type RequestInfo } from '../request.ts';
import type { LinkageSource, LinkageThresholds, LinkageTokens } from './contract.ts';

/**
 * How the matcher (coordination) gets linkage tokens from the experts nodes that own the records
 * (issue 17): one POST of the inaccessible `linkageTokens` field to the node that holds the
 * province, with the gateway-signed owner-lookup token of the request, which carries the
 * `linkage:tokens` scope only for a caller holding `linkage:write`. Only tokens travel: the node
 * computes them with the linkage key, which coordination never holds.
 */

/** The development linkage key: public, so tokens made with it protect nothing (HUB_LINKAGE_KEY is required in production). */
export const DEVELOPMENT_LINKAGE_KEY = 'talent-hub development linkage key: public, never use it in production';

/** The HMAC key bytes of a HUB_LINKAGE_KEY value: its SHA-256, so any printable secret of 32+ characters gives a 256-bit key. */
export function linkageKeyBytes(secret: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(secret, 'utf8').digest());
}

/** How long the matcher waits for one node's tokens. Large provinces take a while to tokenise. */
export const DEFAULT_LINKAGE_FETCH_TIMEOUT_MS = 60_000;

/** The linkage settings of a process: the key (experts nodes) and the band thresholds (coordination); absent thresholds take the library's defaults. */
export interface LinkageSettings {
  key: Uint8Array;
  thresholds?: Partial<LinkageThresholds> | undefined;
}

/** The linkage settings of a process started without any (tests, development): the development key. */
export const DEVELOPMENT_LINKAGE: LinkageSettings = { key: linkageKeyBytes(DEVELOPMENT_LINKAGE_KEY) };

/** Asks the owning node of a province for its records' linkage tokens. */
export interface LinkageTokenFetch {
  /**
   * The tokens of the records of `province` with one of the `sharing` levels, as the node that
   * holds the province computes them. Throws a GraphQLError (SUBGRAPH_UNAVAILABLE) when the node
   * cannot be asked or refuses: linkage never runs on part of a province.
   */
  tokensOf(request: Pick<RequestInfo, 'ownerLookupToken' | 'requestId' | 'operation'>, province: string, sharing: readonly LinkageSource['sharing'][]): Promise<LinkageTokens[]>;
  /**
   * Sets (`secondary: true`) or clears the mark of confirmed link `linkId` on record `talentId` of
   * `province`, on the node that holds it (`talentStats(unit: PERSONS)` leaves marked records out).
   * Throws a GraphQLError (SUBGRAPH_UNAVAILABLE) when the node cannot be asked or refuses.
   */
  markRecord(request: Pick<RequestInfo, 'ownerLookupToken' | 'requestId' | 'operation'>, province: string, talentId: string, linkId: string, secondary: boolean): Promise<void>;
}

const QUERY = `query LinkageTokens($province: ID!, $sharing: [SharingLevel!]!) {
  linkageTokens(province: $province, sharing: $sharing) {
    id province sharing residentId residentIdParts name birthYear birthYearNear gender organisation disciplines
  }
}`;

const Tokens = z.object({
  id: z.string(),
  province: z.string().regex(/^\d{6}$/),
  sharing: z.enum(['PRIVATE', 'AGREEMENT', 'NATIONAL']),
  residentId: z.string().nullish(),
  residentIdParts: z.array(z.string()).nullish(),
  name: z.array(z.string()),
  birthYear: z.string().nullish(),
  birthYearNear: z.array(z.string()).nullish(),
  gender: z.string().nullish(),
  organisation: z.array(z.string()).nullish(),
  disciplines: z.array(z.string()),
});

const Answer = z.object({ data: z.object({ linkageTokens: z.array(Tokens) }) });

/** The refusal of a linkage run whose tokens could not be had: retryable, naming the provinces, never a URL. */
export function tokensUnavailable(reason: string, what = 'Linkage tokens could not be fetched from'): GraphQLError {
  return new GraphQLError(`${what} the experts subgraph (${reason}); nothing was changed. Retry later.`, {
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'experts', retryable: true },
  });
}

/** A fetch that cannot ask anyone (no experts nodes configured): every linkage run is refused. */
export const NO_LINKAGE_FETCH: LinkageTokenFetch = {
  tokensOf: async () => {
    throw tokensUnavailable('this subgraph has no experts nodes configured');
  },
  markRecord: async () => {
    throw tokensUnavailable('this subgraph has no experts nodes configured');
  },
};

/** Drops absent parts, so the tokens have the contract's optional fields rather than nulls. */
function toTokens(t: z.infer<typeof Tokens>): LinkageTokens {
  const out: LinkageTokens = { id: t.id, province: t.province, sharing: t.sharing, name: t.name, disciplines: t.disciplines };
  if (t.residentId) out.residentId = t.residentId;
  if (t.residentIdParts?.length) out.residentIdParts = t.residentIdParts;
  if (t.birthYear) out.birthYear = t.birthYear;
  if (t.birthYearNear?.length) out.birthYearNear = t.birthYearNear;
  if (t.gender) out.gender = t.gender;
  if (t.organisation?.length) out.organisation = t.organisation;
  return out;
}

const MARK = `mutation MarkLinkedRecord($talentId: ID!, $linkId: ID!, $secondary: Boolean!) {
  markLinkedRecord(talentId: $talentId, linkId: $linkId, secondary: $secondary)
}`;

/** The fetch over the experts node map (HUB_EXPERTS_NODES). */
export function createLinkageFetch(options: { nodes: readonly ExpertsNode[]; timeoutMs?: number }): LinkageTokenFetch {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LINKAGE_FETCH_TIMEOUT_MS;
  /** One POST to `node` with the request's owner-lookup token: the status and the parsed body (null when not JSON). */
  async function ask(node: ExpertsNode, who: string, request: Parameters<LinkageTokenFetch['tokensOf']>[0], query: string, variables: Record<string, unknown>, what?: string) {
    if (!request.ownerLookupToken) throw tokensUnavailable('no owner-lookup token came with this request from the gateway', what);
    const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${request.ownerLookupToken}` };
    if (request.requestId) headers[REQUEST_ID_HEADER] = request.requestId;
    if (request.operation) headers[OPERATION_HEADER] = request.operation;
    let status: number;
    let text: string;
    try {
      const res = await fetch(node.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(timeoutMs) });
      status = res.status;
      text = await res.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw tokensUnavailable(timedOut ? `no answer from ${who} within ${timeoutMs} ms` : `${who} could not be reached`, what);
    }
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: an unusable answer, for the caller to refuse
    }
    return { status, body };
  }
  const refusal = (who: string, status: number, body: unknown, what?: string) => {
    const refused = (body as { errors?: { extensions?: { code?: unknown } }[] } | null)?.errors?.[0]?.extensions?.code;
    return tokensUnavailable(typeof refused === 'string' ? `${who} refused (${refused})` : `${who} gave no usable answer (HTTP ${status})`, what);
  };
  const whoHolds = (province: string) => (options.nodes.length === 1 ? 'experts' : `the experts node holding ${province}`);
  return {
    async tokensOf(request, province, sharing) {
      const node = nodeForProvince(options.nodes, province);
      if (!node) return [];
      const who = whoHolds(province);
      const { status, body } = await ask(node, who, request, QUERY, { province, sharing });
      const parsed = Answer.safeParse(body);
      if (status !== 200 || !parsed.success) throw refusal(who, status, body);
      // A node answers for its own province only; anything else is not what was asked.
      const tokens = parsed.data.data.linkageTokens;
      if (tokens.some((t) => t.province !== province || !sharing.includes(t.sharing))) throw tokensUnavailable(`${who} answered for other records than asked`);
      return tokens.map(toTokens);
    },
    async markRecord(request, province, talentId, linkId, secondary) {
      const node = nodeForProvince(options.nodes, province);
      const who = whoHolds(province);
      const what = `The secondary record of link ${linkId} could not be ${secondary ? 'marked' : 'unmarked'} on`;
      if (!node) throw tokensUnavailable(`no experts node holds ${province}`, what);
      const { status, body } = await ask(node, who, request, MARK, { talentId, linkId, secondary }, what);
      if (status !== 200 || (body as { data?: { markLinkedRecord?: unknown } } | null)?.data?.markLinkedRecord !== secondary) throw refusal(who, status, body, what);
    },
  };
}
