import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { z } from 'zod';

/** Codes a client can act on; anything else is masked as INTERNAL_SERVER_ERROR. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  // The gateway's operation limits (gateway/limits.ts).
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_ROOT_FIELDS',
  // Demand control (gateway/cost): the estimated cost is over the client's limit.
  'COST_ESTIMATED_TOO_EXPENSIVE',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'SUBGRAPH_UNAVAILABLE',
  'SUBGRAPH_TIMEOUT',
  // A subgraph refused the gateway's caller token (gateway/datasource.ts): the operator must check the signing keys.
  'SUBGRAPH_REFUSED',
  'RATE_LIMITED',
]);

export interface InputIssue {
  /** Dotted path of the bad field from the argument, e.g. `input.birthYear`. */
  field: string;
  message: string;
}

/** BAD_USER_INPUT naming the bad field(s) so the client knows what to fix. */
export function badUserInput(issues: InputIssue[]): GraphQLError {
  const message = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  return new GraphQLError(`Invalid input. ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', field: issues[0]?.field, issues },
  });
}

export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} "${id}" does not exist.`, { extensions: { code: 'NOT_FOUND' } });
}

export function conflict(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CONFLICT' } });
}

/**
 * Validates `value` with a zod schema; on failure throws BAD_USER_INPUT listing each bad field
 * under `argName` (e.g. `input.birthYear`). Returns the parsed value.
 */
export function parseArgs<S extends z.ZodType>(schema: S, value: unknown, argName?: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw badUserInput(
    result.error.issues.map((issue) => ({
      field: [argName, ...issue.path.map(String)].filter(Boolean).join('.') || '(arguments)',
      message: issue.message,
    })),
  );
}

/**
 * `formatError` for every server: client-actionable errors keep their message and code (never a
 * stack); everything else becomes a generic INTERNAL_SERVER_ERROR so no stack, host, port or
 * database text reaches a client. The original is passed to `log`.
 */
export function createErrorMasker(log: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    log(error);
    return {
      message: 'Internal server error. The failure has been logged; retry later or contact the hub operators.',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
