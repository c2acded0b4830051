import { hash as digest } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { DocumentId, type OperationsPolicy } from './model.ts';
import type { TrustedDocuments } from './trusted.ts';

/**
 * HUB_OPERATIONS_POLICY: a policy per client (token `sub`) and a default. `auto` (the production
 * default) is `registered-only` for a client that has registered anything and `open` for one that
 * has not; outside production the default is `registered-or-open`.
 */
export interface OperationsPolicySettings {
  clients: Record<string, OperationsPolicy>;
  default: OperationsPolicy | 'auto';
}

/** The policy `client` runs under now. */
export function policyFor(settings: OperationsPolicySettings, client: string, trusted: TrustedDocuments): OperationsPolicy {
  const chosen = settings.clients[client] ?? settings.default;
  if (chosen !== 'auto') return chosen;
  return trusted.hasDocuments(client) ? 'registered-only' : 'open';
}

/** The fields of a GraphQL request the policy reads, from a POST body or GET parameters. */
interface GraphQLParams {
  query?: unknown;
  documentId?: unknown;
  operationName?: unknown;
  extensions?: unknown;
}

const MAX_NOTED = 10_000;

const DOCUMENT_ID_SHAPE = 'must be a string "sha256:" followed by the 64 lower-case hex digits of the SHA-256 of the document text';

function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** The hash of an automatic persisted query (`extensions`: an object in a POST body, JSON text in GET parameters). */
function persistedQueryHash(extensions: unknown): string | undefined {
  let value = extensions;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined; // Apollo refuses extensions that are not JSON
    }
  }
  const hash = (value as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/** Makes the request carry `text` as its query (in the URL of a GET, in the body of a POST), dropping `documentId`. */
function runText(req: Request, text: string, name: string, byId: boolean): void {
  if (req.method === 'GET') {
    const search = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1));
    search.delete('documentId');
    search.set('query', text);
    if (byId && !search.has('operationName')) search.set('operationName', name);
    req.url = `${req.path}?${search.toString()}`;
    return;
  }
  const body = req.body as Record<string, unknown>;
  delete body.documentId;
  body.query = text;
  if (byId) body.operationName ??= name;
}

// One-shot (no Hash object per request): about a fifth of createHash's CPU for an operation's text.
const sha256Hex = (text: string) => digest('sha256', text, 'hex');

/**
 * The trusted documents on /graphql, after authentication and body parsing, before Apollo:
 *
 * - `documentId` (POST body, or `?documentId=` on GET, per the GraphQL-over-HTTP persisted
 *   documents proposal) is replaced by the caller's registered text (its own documents, or the
 *   hub applications'); Apollo then finds it parsed and validated in its document store. An id the
 *   caller has no document for is 404 `PERSISTED_QUERY_NOT_FOUND`, one that is not `sha256:<64 hex>` 400 `BAD_REQUEST`; one the schema served now no
 *   longer validates (a core change deployed without `hub supergraph check`) is 400 `DOCUMENT_NOT_RUNNABLE`.
 * - A `registered-only` client may send only texts it registered (`query`, or an automatic
 *   persisted query's hash); anything else is 400 `OPERATION_NOT_REGISTERED`, naming the client
 *   and how to register. APQ registration of a new text is refused the same way.
 * - A `registered-or-open` client may send anything; each unregistered operation is logged once,
 *   so its owners see what to register before moving to `registered-only`.
 */
export function trustedDocumentsMiddleware(options: {
  trusted: TrustedDocuments;
  settings: OperationsPolicySettings;
  clientOf: (req: Request) => string | undefined;
  warn: (message: string) => void;
}): RequestHandler {
  const { trusted, settings } = options;
  const noted = new Set<string>();
  return (req, res, next) => {
    const client = options.clientOf(req);
    if (client === undefined) return next();
    const get = req.method === 'GET';
    const params: GraphQLParams = get ? (req.query as GraphQLParams) : req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as GraphQLParams) : {};
    const policy = policyFor(settings, client, trusted);
    if (params.documentId !== undefined) {
      if (params.query !== undefined) return refuse(res, 400, 'BAD_REQUEST', 'Send either documentId or query, not both.');
      const parsedId = DocumentId.safeParse(params.documentId);
      if (!parsedId.success) {
        const sent = typeof params.documentId === 'string' ? `"${params.documentId.slice(0, 80)}"` : `a ${typeof params.documentId}`;
        return refuse(res, 400, 'BAD_REQUEST', `documentId ${DOCUMENT_ID_SHAPE} (as \`hub operations publish\` and GET /admin/operations list it); got ${sent}.`);
      }
      const id = parsedId.data;
      const doc = trusted.lookup(client, id);
      if (!doc) {
        return refuse(
          res,
          404,
          'PERSISTED_QUERY_NOT_FOUND',
          `No document ${id} is registered for client "${client}": register it with \`hub operations publish --client ${client} --file <operations.graphql>\`, or send the query text.`,
        );
      }
      const problems = trusted.problemsOf(doc.id);
      if (problems) {
        return refuse(
          res,
          400,
          'DOCUMENT_NOT_RUNNABLE',
          `Document ${doc.id} (${doc.name}), registered for client "${doc.client}", no longer runs on the schema this gateway serves: the schema changed after it was registered (${problems.length} validation error${problems.length === 1 ? '' : 's'}; the gateway's operators see them in its log and in GET /admin/operations). Publish an updated version of the operation and run that one.`,
        );
      }
      runText(req, doc.text, doc.name, true);
      return next();
    }
    if (policy === 'open') return next();
    const apq = persistedQueryHash(params.extensions);
    const hash = typeof params.query === 'string' ? sha256Hex(params.query) : typeof apq === 'string' ? apq : undefined;
    // No text and no hash: Apollo answers that itself.
    if (hash === undefined) return next();
    const registered = trusted.lookup(client, `sha256:${hash}`);
    if (registered) {
      // An APQ hash of a registered text runs that text, whatever the APQ cache holds.
      if (params.query === undefined) runText(req, registered.text, registered.name, false);
      return next();
    }
    if (policy === 'registered-only') {
      const name = typeof params.operationName === 'string' ? ` (${params.operationName.slice(0, 100)})` : '';
      return refuse(
        res,
        400,
        'OPERATION_NOT_REGISTERED',
        `Client "${client}" runs registered operations only, and this operation${name} is not registered for it: register it with \`hub operations publish --client ${client} --file <operations.graphql>\` and send its documentId.`,
      );
    }
    const key = `${client} ${hash}`;
    if (!noted.has(key) && noted.size < MAX_NOTED) {
      noted.add(key);
      options.warn(
        `client ${client} ran an unregistered operation${typeof params.operationName === 'string' ? ` ${params.operationName.slice(0, 100)}` : ''} (sha256:${hash.slice(0, 12)}…); register it before its policy becomes registered-only`,
      );
    }
    next();
  };
}
