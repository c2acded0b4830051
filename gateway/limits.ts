import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLFormattedError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** Per-operation limits; an operation exactly at a limit passes, one past it is rejected (400). */
export interface OperationLimits {
  /** Deepest field nesting. */
  depth: number;
  aliases: number;
  /** Top-level fields of one operation. */
  rootFields: number;
  directives: number;
  /** Lexical tokens of the document (enforced by the parser, before anything else). */
  tokens: number;
}

export const DEFAULT_LIMITS: OperationLimits = { depth: 12, aliases: 30, rootFields: 20, directives: 30, tokens: 4000 };

function countRootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  let n = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) n += 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) n += countRootFields(selection.selectionSet, fragments, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) n += countRootFields(fragment.selectionSet, fragments, seen);
    }
  }
  return n;
}

/** Rejects operations with more than `max` top-level fields (fragments at the root included). */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map(
      context
        .getDocument()
        .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    return {
      OperationDefinition(node) {
        const n = countRootFields(node.selectionSet, fragments, new Set());
        if (n > max)
          context.reportError(
            new GraphQLError(`Operation has ${n} root fields; at most ${max} are allowed. Split it into several requests.`, {
              nodes: [node],
              extensions: { reason: 'TOO_MANY_ROOT_FIELDS', limit: max, found: n },
            }),
          );
      },
    };
  };
}

/** The limits GraphQL Armor enforces, with the reason code and the advice a client gets. */
const ARMOR_LIMITS = {
  depth: {
    reason: 'QUERY_TOO_DEEP',
    pattern: /Query depth limit of (\d+) exceeded, found (\d+)/,
    what: 'Query depth',
    advice: 'nest fewer levels, or fetch the inner objects in a second query by id',
  },
  aliases: { reason: 'TOO_MANY_ALIASES', pattern: /Aliases limit of (\d+) exceeded, found (\d+)/, what: 'Number of aliases', advice: 'use fewer aliases, or split the query' },
  directives: {
    reason: 'TOO_MANY_DIRECTIVES',
    pattern: /Directives limit of (\d+) exceeded, found (\d+)/,
    what: 'Number of directives',
    advice: 'use fewer directives, or split the query',
  },
} as const;

/** The codes of the operation limits (Armor's and the root-field rule). */
const LIMIT_CODES: ReadonlySet<string> = new Set([...Object.values(ARMOR_LIMITS).map((l) => l.reason), 'TOO_MANY_ROOT_FIELDS']);

/**
 * Gives a rejection by an operation limit its own `extensions.code` (QUERY_TOO_DEEP,
 * TOO_MANY_ALIASES, TOO_MANY_DIRECTIVES, TOO_MANY_ROOT_FIELDS) instead of the generic GRAPHQL_VALIDATION_FAILED that Apollo Server stamps on every validation error, so a
 * client can tell "this query is too big" from "this query is wrong". `reason` keeps the same
 * value. Every other error passes unchanged. Used in the gateway's formatError.
 */
export function limitErrorCode(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const reason = formatted.extensions?.reason;
  if (typeof reason !== 'string' || !LIMIT_CODES.has(reason) || formatted.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED') return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: reason } };
}

/**
 * An Armor rejection as the client should see it. Armor words every rejection "Syntax Error: ...",
 * which is wrong (the query parsed) and hides which limit was hit; this reports the limit, the
 * value found and what to change, with `extensions.reason` naming the limit (which
 * `limitErrorCode` makes the error's code).
 */
function limitRejection(kind: keyof typeof ARMOR_LIMITS) {
  const limit = ARMOR_LIMITS[kind];
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const match = limit.pattern.exec(error.message);
    const max = Number(match?.[1]);
    const found = Number(match?.[2]);
    const message = match ? `${limit.what} ${found} exceeds the limit of ${max}: ${limit.advice}.` : `The query exceeds the hub's ${kind} limit: ${limit.advice}.`;
    context?.reportError(new GraphQLError(message, { extensions: { reason: limit.reason, ...(match ? { limit: max, found } : {}) } }));
  };
}

/**
 * The operation limits as Apollo Server options: GraphQL Armor's validation rules for depth,
 * aliases and directives (they fail validation, so the client gets 400 and no subgraph is
 * called; each rejection names its limit, see `limitRejection`), our root-field rule, and
 * Apollo's own `parseOptions.maxTokens` (Armor's token plugin answers 500). Field suggestions
 * ("Did you mean ...?") are blocked when `hideSchemaDetails`.
 */
export function operationProtection(limits: OperationLimits, options: { hideSchemaDetails: boolean }) {
  // propagateOnRejection: false, so Armor reports through our handler instead of throwing its own error.
  const armor = new ApolloArmor({
    maxDepth: { n: limits.depth, ignoreIntrospection: true, exposeLimits: true, propagateOnRejection: false, onReject: [limitRejection('depth')] },
    maxAliases: { n: limits.aliases, exposeLimits: true, propagateOnRejection: false, onReject: [limitRejection('aliases')] },
    maxDirectives: { n: limits.directives, exposeLimits: true, propagateOnRejection: false, onReject: [limitRejection('directives')] },
    // The cost is priced by the schema's @cost/@listSize per client (gateway/cost), not by Armor's heuristic.
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: options.hideSchemaDetails },
  });
  const { plugins, validationRules } = armor.protect();
  return {
    plugins,
    validationRules: [...validationRules, maxRootFieldsRule(limits.rootFields)],
    parseOptions: { maxTokens: limits.tokens },
  };
}
