/*
 * How many fetches a query plan sends, for the fetch combiner (batcher.ts): a plan with one fetch
 * has nothing to combine, and its fetch is sent at once.
 */

/** A query plan's nodes as far as counting its fetches needs (@apollo/query-planner's PlanNode). */
type PlanNodeShape =
  | { kind: 'Fetch' }
  | { kind: 'Sequence' | 'Parallel'; nodes: readonly PlanNodeShape[] }
  | { kind: 'Flatten'; node: PlanNodeShape }
  | { kind: 'Defer'; primary: { node?: PlanNodeShape | undefined }; deferred: readonly { node?: PlanNodeShape | undefined }[] }
  | { kind: 'Condition'; ifClause?: PlanNodeShape | undefined; elseClause?: PlanNodeShape | undefined }
  | { kind: 'Subscription'; primary: PlanNodeShape; rest?: PlanNodeShape | undefined };

/** How many fetches a plan node holds, counted up to 2 (more cannot matter); a kind unknown here counts as 2. */
function fetchesIn(node: PlanNodeShape | undefined): number {
  if (node === undefined) return 0;
  const sum = (nodes: readonly (PlanNodeShape | undefined)[]) => {
    let n = 0;
    for (const child of nodes) if ((n += fetchesIn(child)) >= 2) return 2;
    return n;
  };
  switch (node.kind) {
    case 'Fetch':
      return 1;
    case 'Sequence':
    case 'Parallel':
      return sum(node.nodes);
    case 'Flatten':
      return fetchesIn(node.node);
    case 'Defer':
      return sum([node.primary.node, ...node.deferred.map((d) => d.node)]);
    case 'Condition':
      return sum([node.ifClause, node.elseClause]);
    case 'Subscription':
      return sum([node.primary, node.rest]);
    default:
      return 2;
  }
}

/** Each plan's fetch count (fetchesIn), kept as long as the gateway keeps the plan. */
const planFetches = new WeakMap<object, number>();

/** A query plan as far as planFetchCount reads it. */
export interface QueryPlanShape {
  node?: PlanNodeShape | undefined;
}

/** How many fetches `plan` sends, counted up to 2 (a plan with at most one has nothing to combine), once per plan object. */
export function planFetchCount(plan: QueryPlanShape): number {
  let fetches = planFetches.get(plan);
  if (fetches === undefined) planFetches.set(plan, (fetches = fetchesIn(plan.node)));
  return fetches;
}
