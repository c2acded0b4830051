import { type FieldNode, Kind, OperationTypeNode, parse, print, type SelectionNode, visit } from 'graphql';
import type { Probe } from '../lib/load.ts';

/** The varied standard workload's operation name (reported as the `query` of its entries). */
export const VARIED_OPERATION = 'TestQueryVaried';

/** Boolean variables of the varied operation; every combination is one variant. */
const BITS = 6;

/** How many different requests the varied workload rotates through (more than the 50 connections). */
export const VARIANT_COUNT = 2 ** BITS;

/**
 * The fields that get conditional twins, one per subgraph fetch the plan makes (accounts: User.name;
 * reviews: Review.body; products: Product.name; inventory: Product.inStock and shippingEstimate),
 * so every fetch of every variant carries all the variables and differs from every other variant's.
 */
const TWINNED: Record<string, string[]> = { User: ['name'], Review: ['body'], Product: ['name', 'inStock', 'shippingEstimate'] };

/**
 * TestQuery made variable without changing its answer: each twinned field is selected as before and
 * again once per variable under `@include(if: $vK)`. A conditional twin of a field already selected
 * adds nothing to the answer (it is expected-response.json for every variant), but the query
 * planner keeps it in the subgraph fetch with its variable, so no two variants send one identical
 * fetch and sharing identical fetches in flight cannot help. Checked at start-up: plain
 * @apollo/gateway answers every variant with expected-response.json (verify.ts).
 */
export function variedQuery(query: string): string {
  const doc = visit(parse(query), {
    FragmentDefinition(fragment) {
      const fields = TWINNED[fragment.typeCondition.name.value];
      if (!fields) return undefined;
      const twins: SelectionNode[] = fragment.selectionSet.selections.flatMap((s) =>
        s.kind === Kind.FIELD && fields.includes(s.name.value) ? Array.from({ length: BITS }, (_, k) => conditional(s, k)) : [],
      );
      return { ...fragment, selectionSet: { ...fragment.selectionSet, selections: [...fragment.selectionSet.selections, ...twins] } };
    },
    OperationDefinition(operation) {
      if (operation.operation !== OperationTypeNode.QUERY) return undefined;
      return {
        ...operation,
        name: { kind: Kind.NAME, value: VARIED_OPERATION },
        variableDefinitions: Array.from({ length: BITS }, (_, k) => ({
          kind: Kind.VARIABLE_DEFINITION,
          variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: `v${k}` } },
          type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Boolean' } } },
        })),
      };
    },
  });
  return print(doc);
}

function conditional(field: FieldNode, k: number): FieldNode {
  return {
    ...field,
    directives: [
      {
        kind: Kind.DIRECTIVE,
        name: { kind: Kind.NAME, value: 'include' },
        arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'if' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: `v${k}` } } }],
      },
    ],
  };
}

/** The variables of variant `i` (its bits). */
export function variantVariables(i: number): Record<string, boolean> {
  return Object.fromEntries(Array.from({ length: BITS }, (_, k) => [`v${k}`, ((i >> k) & 1) === 1]));
}

/** The request bodies of every variant, in order. */
export function variedBodies(query: string): string[] {
  const text = variedQuery(query);
  return Array.from({ length: VARIANT_COUNT }, (_, i) => JSON.stringify({ query: text, operationName: VARIED_OPERATION, variables: variantVariables(i) }));
}

/** A new variant per request, round-robin, each checked against the one expected answer. */
export function variedProbe(bodies: readonly string[], check: (body: string) => boolean): () => Probe {
  let next = 0;
  return () => ({ body: bodies[next++ % bodies.length]!, check });
}
