import { type FieldNode, Kind, OperationTypeNode, parse, print, visit } from 'graphql';
import type { Probe } from '../lib/load.ts';

/** The varied standard workload's operation name (reported as the `query` of its entries). */
export const VARIED_OPERATION = 'TestQueryVaried';

/** How many different requests the varied workload rotates through (more than the 50 connections). */
export const VARIANT_COUNT = 64;

/**
 * The fields that get an aliased twin, one per subgraph fetch the plan makes (accounts: User.name;
 * reviews: Review.body; products: Product.name; inventory: Product.inStock and shippingEstimate),
 * with the alias prefix of each twin (`n17`, `s17`, ...).
 */
const TWINNED: Record<string, [field: string, prefix: string][]> = {
  User: [['name', 'n']],
  Review: [['body', 'b']],
  Product: [
    ['name', 'n'],
    ['inStock', 'i'],
    ['shippingEstimate', 's'],
  ],
};

/**
 * Variant `i` of TestQuery: each twinned field is selected as before and again under an alias that
 * names the variant (`n17: name`). The query planner keeps the aliased twin in the subgraph fetch,
 * so every one of the 16 fetches of a variant differs from every other variant's and sharing
 * identical fetches in flight cannot help; the answer is expected-response.json plus the twins'
 * keys, read from plain @apollo/gateway at start-up (verify.ts). Aliases rather than
 * `@include(if: $v)` twins: the hub allows 30 directives per operation, counted per use of a
 * fragment, and twins with enough variables to tell 64 variants apart in every fetch take 120;
 * these take 20 aliases (the limit is 30).
 */
export function variedQuery(query: string, i: number): string {
  const doc = visit(parse(query), {
    FragmentDefinition(fragment) {
      const fields = TWINNED[fragment.typeCondition.name.value];
      if (!fields) return undefined;
      const twins: FieldNode[] = fields.map(([field, prefix]) => ({
        kind: Kind.FIELD,
        alias: { kind: Kind.NAME, value: `${prefix}${i}` },
        name: { kind: Kind.NAME, value: field },
      }));
      return { ...fragment, selectionSet: { ...fragment.selectionSet, selections: [...fragment.selectionSet.selections, ...twins] } };
    },
    OperationDefinition(operation) {
      if (operation.operation !== OperationTypeNode.QUERY) return undefined;
      return { ...operation, name: { kind: Kind.NAME, value: VARIED_OPERATION } };
    },
  });
  return print(doc);
}

/** The request bodies of every variant, in order. */
export function variedBodies(query: string): string[] {
  return Array.from({ length: VARIANT_COUNT }, (_, i) => JSON.stringify({ query: variedQuery(query, i), operationName: VARIED_OPERATION }));
}

/** A new variant per request, round-robin, each checked against its own expected answer. */
export function variedProbe(bodies: readonly string[], checks: readonly ((body: string) => boolean)[]): () => Probe {
  let next = 0;
  return () => {
    const i = next++ % bodies.length;
    return { body: bodies[i]!, check: checks[i]! };
  };
}
