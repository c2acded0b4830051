import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
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
  /** GraphQL Armor's estimated cost (objects 2, scalars 1, times 1.5 per level of depth). */
  cost: number;
}

export const DEFAULT_LIMITS: OperationLimits = { depth: 12, aliases: 30, rootFields: 20, directives: 30, tokens: 4000, cost: 50_000 };

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
        if (n > max) context.reportError(new GraphQLError(`Operation has ${n} root fields; at most ${max} are allowed. Split it into several requests.`, { nodes: [node] }));
      },
    };
  };
}

/**
 * The operation limits as Apollo Server options: GraphQL Armor's validation rules for depth,
 * aliases, directives and cost (they fail validation, so the client gets 400 and no subgraph is
 * called), our root-field rule, and Apollo's own `parseOptions.maxTokens` (Armor's token plugin
 * answers 500). Field suggestions ("Did you mean ...?") are blocked when `hideSchemaDetails`.
 */
export function operationProtection(limits: OperationLimits, options: { hideSchemaDetails: boolean }) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.depth, ignoreIntrospection: true, exposeLimits: true },
    maxAliases: { n: limits.aliases, exposeLimits: true },
    maxDirectives: { n: limits.directives, exposeLimits: true },
    costLimit: { maxCost: limits.cost, ignoreIntrospection: true, exposeLimits: true },
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
