import type { GraphQLDataSource } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { getVariableValues } from 'graphql';
import type { GatewayContext } from '../context.ts';
import type { demandControl } from '../cost/plugin.ts';
import { answerBytes } from '../../platform/answer.ts';
import { fromGateway } from '../execute/flat-exports.ts';
import type { GatewayMetrics } from '../metrics.ts';
import type { KnownOperation, KnownOperations } from './known.ts';
import { isRecord } from './verify.ts';

/**
 * The fast path: a request for a known operation (gateway/fast/known.ts: one fetch to a core
 * subgraph, learned from a complete run of the full pipeline on the schema served now) is answered
 * here, after the gateway's authentication, rate limit and trusted-documents policy, without
 * Apollo Server's request pipeline and @apollo/gateway's execution around its one fetch (~0.25 ms
 * of the gateway's ~1.1 ms of CPU per `talentById`, README "Performance"). It does what they do for
 * such a request, by their own code where there is some:
 * - the variables are coerced against the operation (graphql-js's getVariableValues, as the gateway);
 * - the cost is priced and checked against the client's limit (gateway/cost), and both cost
 *   metrics are observed;
 * - the fetch is the plan's, sent through the same data source (caller token, node routing,
 *   timeout, retry, breaker, metrics) with the variables it uses;
 * - the answer is shaped by @apollo/gateway's own `computeResponse` (which keeps fields the client
 *   did not ask for out of it), unless it is already its own shaped form (verify.ts), written as Apollo writes it (`{"data":...}`, its content type,
 *   `cache-control: no-store`), and counted and logged as every request (`observe`).
 * Anything else goes to the full pipeline before any fetch (declined): another body shape or
 * `extensions`, an `accept` other than none, `*` or JSON, the cost asked for, variables that do not
 * coerce, a cost over the limit, an answer of this text possibly in the response cache. And after
 * the fetch (handed over) when the answer is not a plain success: errors, no data, a thrown
 * failure, a cacheable answer, a shaping error (a null in a non-null field). The pipeline then
 * takes the answer already fetched (`replaying` in known.ts) and does all it does, so the client
 * gets exactly what it would have got; only the fetch is not repeated.
 *
 * test/gateway/fast-path.test.ts compares both paths byte for byte over real HTTP.
 */

/** What the fast path needs of the gateway around it. */
export interface FastPathDeps {
  known: KnownOperations;
  contextOf: (req: IncomingMessage) => GatewayContext | undefined;
  source: (serviceName: string) => GraphQLDataSource<GatewayContext> | undefined;
  /** Tells the fetch combiner the plan (a one-fetch plan's fetch skips it). */
  planResolved: (plan: object, context: GatewayContext) => void;
  cost: ReturnType<typeof demandControl>['fastPath'];
  /** Whether Apollo's response cache may hold an answer for this queryHash (gateway/cache.ts). */
  mayBeCached: (queryHash: string) => boolean;
  /** Counts and logs the request as the observability plugin does (gateway/server.ts). */
  observe: (context: GatewayContext, operationName: string | null, started: number) => void;
  metrics?: GatewayMetrics | undefined;
}

type Shaper = (args: { operation: unknown; variables: Record<string, unknown>; input: unknown; introspectionHandling: () => never }) => {
  data: unknown;
  errors: unknown[];
};

/** The accept headers answered here, all with Apollo's choice for them (chooseContentTypeForSingleResultResponse). */
const JSON_ACCEPT = new Set([undefined, '', '*/*', 'application/json']);
const CONTENT_TYPE = 'application/json; charset=utf-8';
const JSON_TYPE = /^application\/json\s*(;|$)/i;
const BODY_FIELDS = new Set(['query', 'operationName', 'variables']);

/** The known operation a request asks for, when it is one the fast path may answer as the pipeline would. */
function knownFor(req: IncomingMessage, body: unknown, known: KnownOperations): KnownOperation | undefined {
  if (!isRecord(body) || typeof body.query !== 'string') return undefined;
  for (const field in body) if (!BODY_FIELDS.has(field)) return undefined;
  const { operationName, variables } = body;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
  const headers = req.headers;
  // A JSON body (what Apollo's CSRF prevention lets through without a preflight header), a JSON answer, no cost asked for.
  if (!JSON_TYPE.test(headers['content-type'] ?? '') || !JSON_ACCEPT.has(headers.accept) || headers['hub-include-cost'] !== undefined) return undefined;
  return known.lookup(body.query, operationName);
}

/** How the answers the fast path served were written: as they came (verify.ts) or shaped by computeResponse. */
const shaping = { asIs: 0, shaped: 0 };

/**
 * The counts of answers served as they came and shaped, in this process.
 * @internal for tests
 */
export function fastPathShaping(): Readonly<typeof shaping> {
  return shaping;
}

export function fastPath(deps: FastPathDeps): RequestHandler {
  const computeResponse = (fromGateway('@apollo/gateway/dist/resultShaping.js') as { computeResponse: Shaper }).computeResponse;
  if (typeof computeResponse !== 'function') throw new Error('@apollo/gateway has no computeResponse: check gateway/fast/path.ts against the installed @apollo/gateway');
  const count = (outcome: 'served' | 'declined' | 'handed_over') => deps.metrics?.fastPath.inc({ outcome });
  const noIntrospection = (): never => {
    throw new Error('introspection on the fast path');
  };

  return (req, res, next) => {
    const started = performance.now();
    const body = req.body as { query: string; operationName?: string | null; variables?: Record<string, unknown> | null };
    const entry = knownFor(req, body, deps.known);
    const context = entry ? deps.contextOf(req) : undefined;
    if (!entry || !context) return next();
    const decline = () => {
      count('declined');
      next();
    };
    const variables = body.variables ?? {};
    if (deps.mayBeCached(entry.queryHash) || getVariableValues(entry.schema, entry.definition.variableDefinitions ?? [], variables).errors) return decline();
    const client = context.caller.sub;
    const priced = deps.cost.check(entry.document, entry.name, variables, client);
    const source = deps.source(entry.fetch.serviceName);
    if (!priced || !source) return decline();

    const fetch = entry.fetch;
    const sent: Record<string, unknown> = Object.create(null);
    for (const name of fetch.variableUsages) if (Object.hasOwn(variables, name) && variables[name] !== undefined) sent[name] = variables[name];
    // The most restrictive cache hint of the answer, as Apollo's overall cache policy would take it.
    let maxAge: number | undefined;
    const overallCachePolicy = {
      restrict(hint: { maxAge?: number }) {
        if (hint.maxAge !== undefined && (maxAge === undefined || hint.maxAge < maxAge)) maxAge = hint.maxAge;
      },
    };
    deps.planResolved(entry.plan, context);
    let answer: Promise<GatewayGraphQLResponse>;
    try {
      answer = source.process({
        kind: 'incoming operation' as never,
        request: { query: fetch.operation, variables: sent, operationName: fetch.operationName },
        incomingRequestContext: { context, operationName: entry.name, overallCachePolicy, schema: entry.schema, request: { query: body.query, variables } } as never,
        context,
        document: fetch.operationDocumentNode as never,
        pathInIncomingRequest: [],
      } as never);
    } catch {
      // Thrown before anything was sent (the data sources are async, so not expected): the pipeline does it all.
      return decline();
    }
    const handOver = () => {
      deps.known.handOver(context, fetch.operation, sent, answer);
      count('handed_over');
      next();
    };
    answer
      .then((response) => {
        if (response.errors?.length || !isRecord(response.data) || (maxAge !== undefined && maxAge > 0)) return handOver();
        let data: unknown = response.data;
        if (entry.answerIsShaped?.(data)) shaping.asIs++;
        else {
          let shaped: { data: unknown; errors: unknown[] };
          try {
            shaped = computeResponse({ operation: entry.executable, variables, input: response.data, introspectionHandling: noIntrospection });
          } catch {
            return handOver();
          }
          if (shaped.errors.length > 0 || !isRecord(shaped.data)) return handOver();
          shaping.shaped++;
          data = shaped.data;
        }
        // As Apollo's prettyJSONStringify writes it, newline included (platform/answer.ts).
        const bytes = answerBytes({ data });
        res.statusCode = 200;
        res.setHeader('cache-control', 'no-store');
        res.setHeader('content-type', CONTENT_TYPE);
        res.setHeader('content-length', bytes.length);
        res.end(bytes);
        count('served');
        deps.cost.answered(priced, data, variables, client);
        deps.observe(context, entry.name, started);
      }, handOver)
      // Whatever throws past this point is the error handler's (which closes the connection if the answer had started).
      .catch((error: unknown) => next(error));
  };
}
