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
      return withoutVariableValue({ ...formatted, extensions });
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

const NAME = '[_A-Za-z][_0-9A-Za-z]*';
/** A type reference as graphql-js prints it: `Int`, `[ID!]!`. */
const TYPE = '[\\[\\]!_0-9A-Za-z]+';
/** `Variable "$input" got invalid value <the value>[ at "input.birthYear"]; <what was wrong>` (graphql-js 16). */
const INVALID_VARIABLE = new RegExp(`^Variable "\\$(${NAME})" got invalid value `);
/** `Variable "$input" of required type "T!" was not provided.` and `... of non-null type "T!" must not be null.`: no value in them. */
const MISSING_VARIABLE = new RegExp(`^Variable "\\$(${NAME})" of (?:required|non-null) type "${TYPE}" `);
const KEPT = new RegExp(
  `^(?:Expected type "${TYPE}" to be an object|Expected non-nullable type "${TYPE}" not to be null|Exactly one key must be specified for OneOf type "${NAME}")\\.`,
);
const FIELD = new RegExp(`^Field "(${NAME})" (?:of required type "${TYPE}" was not provided|is not defined by type "${NAME}"|must be non-null)\\.`);
const SCALAR = new RegExp(`^(${NAME}) cannot represent ([a-z0-9 -]+):`);
const ENUM = new RegExp(`(?:^Value [\\s\\S]* does not exist in|^Enum) "(${NAME})" (?:enum\\.|cannot represent)`);
/** How many places a variable error's text is tried at to find where the value ends. */
const MAX_SPLITS = 16;
const CUSTOM_SCALAR = new RegExp(`^Expected type "(${TYPE})"\\.\\s*`);

/**
 * What was wrong with a variable's value, in words that hold no part of the value: graphql-js's
 * texts that carry none are kept, those that print the value are cut before it, a custom scalar's
 * own text (what to fix, e.g. "a year is a whole number") is kept after the type's name unless it
 * holds the value as printed (`value`, quotes off: e.g. graphql-scalars' "invalid date-string
 * <value>"), then only the type's name is given. `field` names the field when the text does.
 * Undefined for a text graphql-js does not write.
 */
function problemWithoutValue(problem: string, at: string, value: string): { text: string; field: string } | undefined {
  let m = FIELD.exec(problem);
  if (m) return { text: m[0], field: `${at}.${m[1]}` };
  m = KEPT.exec(problem);
  if (m) return { text: m[0], field: at };
  m = SCALAR.exec(problem);
  if (m) return { text: `${m[1]} cannot represent ${m[2]}.`, field: at };
  m = ENUM.exec(problem);
  if (m) return { text: `not a value of enum "${m[1]}".`, field: at };
  m = CUSTOM_SCALAR.exec(problem);
  if (m) {
    const own = problem.slice(m[0].length).trim();
    const printed = value.replace(/^"|"$/g, '');
    const keep = own.length > 0 && (printed.length === 0 || !own.includes(printed));
    return { text: keep ? `not a valid "${m[1]}": ${own}` : `not a valid "${m[1]}".`, field: at };
  }
  return undefined;
}

/**
 * A variable the schema cannot coerce, reported by its name, the path of the bad field and what was
 * expected, never with the value: graphql-js prints the whole value it refused (an input object
 * with a talent's name), and error texts end up in clients' logs. `extensions.field` is the path.
 */
function withoutVariableValue(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions?.code !== 'BAD_USER_INPUT' || !formatted.message.startsWith('Variable "$')) return formatted;
  const missing = MISSING_VARIABLE.exec(formatted.message);
  if (missing) return { ...formatted, extensions: { ...formatted.extensions, field: missing[1] } };
  const invalid = INVALID_VARIABLE.exec(formatted.message);
  if (!invalid) return formatted;
  const variable = invalid[1]!;
  const rest = formatted.message.slice(invalid[0].length);
  // The value (printed before the path, and again in a scalar's text) may itself hold "; ": the split
  // is the first path followed by "; " and a text graphql-js writes, else (a value refused at the
  // variable's root, with no path) the first "; " followed by such a text. A few tries at most: the
  // value is the client's and may be long.
  let reported: { text: string; field: string } | undefined;
  const paths = new RegExp(` at "(${variable}(?:\\.${NAME}|\\[\\d+\\])*)"; `, 'g');
  for (let tries = 0, m = paths.exec(rest); m && !reported && tries < MAX_SPLITS; tries++, m = paths.exec(rest)) {
    reported = problemWithoutValue(rest.slice(paths.lastIndex), m[1]!, rest.slice(0, m.index));
  }
  for (let tries = 0, i = rest.indexOf('; '); i >= 0 && !reported && tries < MAX_SPLITS; tries++, i = rest.indexOf('; ', i + 2)) {
    reported = problemWithoutValue(rest.slice(i + 2), variable, rest.slice(0, i));
  }
  const { text, field } = reported ?? { text: 'not a valid value of its type.', field: variable };
  return { ...formatted, message: `Variable "$${variable}" has an invalid value at "${field}": ${text}`, extensions: { ...formatted.extensions, field } };
}
