import type { IncomingMessage } from 'node:http';
import type { Caller } from './caller.ts';

/** What a subgraph knows about the request it serves, from the gateway's headers. */
export interface RequestInfo {
  /** The verified caller; null when the request carries no valid gateway caller token. */
  caller: Caller | null;
  /** The client's operation name, as the gateway relays it (for the audit trail). */
  operation: string | null;
  /** The request id the gateway assigned (for logs). */
  requestId: string | null;
  /**
   * A gateway-signed token for the experts subgraph (audience: every experts node, `experts` or `experts@<node>`, scope `talent:locate`,
   * the caller's region and grants) that projects and coordination receive with mutations, so
   * they can ask the owner of a talent where it belongs and whether the caller may see it.
   * Null on every other request.
   */
  ownerLookupToken: string | null;
}

export const OPERATION_HEADER = 'x-hub-operation';
export const REQUEST_ID_HEADER = 'x-request-id';
export const OWNER_LOOKUP_HEADER = 'x-hub-owner-lookup';

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text && /^[\w.:-]{1,128}$/.test(text) ? text : null;
}

function ownerLookup(req: IncomingMessage): string | null {
  const value = req.headers[OWNER_LOOKUP_HEADER];
  const text = Array.isArray(value) ? value[0] : value;
  return text && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text) && text.length < 8192 ? text : null;
}

/** Reads the caller token and relayed headers of a subgraph request. */
export async function readRequest(req: IncomingMessage, verify: (authorization: string | undefined) => Promise<Caller | null>): Promise<RequestInfo> {
  return {
    caller: await verify(req.headers.authorization),
    operation: header(req, OPERATION_HEADER),
    requestId: header(req, REQUEST_ID_HEADER),
    ownerLookupToken: ownerLookup(req),
  };
}
