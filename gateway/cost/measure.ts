import type { Condition, FieldPlan, ListSize, OperationPlan } from './model.ts';

type Variables = Record<string, unknown>;

/** Whether a field or fragment runs under its @skip/@include conditions and the request's variables. */
function included(conditions: readonly Condition[], variables: Variables): boolean {
  for (const condition of conditions) {
    const value = typeof condition.value === 'boolean' ? condition.value : variables[condition.value.variable] === true;
    if (value === condition.skip) return false;
  }
  return true;
}

function sizeOf(list: ListSize, variables: Variables): number {
  if ('fixed' in list) return list.fixed;
  const given = list.variables
    .map(({ name, otherwise }) => (typeof variables[name] === 'number' && Number.isFinite(variables[name]) ? (variables[name] as number) : otherwise))
    .filter((v): v is number => v !== undefined);
  const sizes = [...given, ...list.literals];
  return sizes.length ? Math.max(0, ...sizes) : list.fallback;
}

function estimateField(field: FieldPlan, variables: Variables): number {
  if (!included(field.conditions, variables)) return 0;
  let children = 0;
  for (const child of field.children) children += estimateField(child, variables);
  const instances = field.list ? sizeOf(field.list, variables) : 1;
  return field.argumentsCost + instances * (field.weight + children);
}

/**
 * The estimated cost of an operation (IBM GraphQL Cost Directive specification, static estimate):
 * the operation's base cost plus each field's cost, a field costing its arguments' @cost plus, per
 * instance it is estimated to hold (1, or the list size: see `ListSize`), its weight and the cost of
 * its selections. Fields skipped by @skip/@include cost nothing. Fragments on several types of an
 * abstract field all count (an upper bound). A plan whose estimate reads no variable (a lookup by
 * id) is estimated once, not on every request.
 */
export function estimateCost(plan: OperationPlan, variables: Variables = {}): number {
  const known = estimates.get(plan);
  if (typeof known === 'number') return known;
  const values = { ...plan.variableDefaults, ...variables };
  let cost = plan.base;
  for (const field of plan.fields) cost += estimateField(field, values);
  if (known === undefined) estimates.set(plan, readsVariables(plan.fields) ? VARIES : cost);
  return cost;
}

const VARIES = 'varies';
/** Each plan's estimate when no variable changes it, else VARIES (plans are kept per document by the model). */
const estimates = new WeakMap<OperationPlan, number | typeof VARIES>();

/** Whether a variable can change the estimate: a @skip/@include on one, or a list sized by one. */
function readsVariables(fields: readonly FieldPlan[]): boolean {
  return fields.some(
    (f) => f.conditions.some((c) => typeof c.value !== 'boolean') || (f.list !== null && 'variables' in f.list && f.list.variables.length > 0) || readsVariables(f.children),
  );
}

function actualValue(field: FieldPlan, value: unknown, variables: Variables): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) {
    let cost = 0;
    for (const item of value) cost += actualValue(field, item, variables);
    return cost;
  }
  let cost = field.weight;
  if (field.children.length && typeof value === 'object') {
    for (const child of field.children) cost += actualField(child, value as Record<string, unknown>, variables);
  }
  return cost;
}

function actualField(field: FieldPlan, parent: Record<string, unknown>, variables: Variables): number {
  if (!included(field.conditions, variables) || !(field.responseKey in parent)) return 0;
  return field.argumentsCost + actualValue(field, parent[field.responseKey], variables);
}

/**
 * The actual cost of an operation from its response: the same weights as the estimate, counted for
 * the objects and list items the response holds (a null or missing value costs nothing beyond its
 * arguments). With list sizes at most those estimated, it is at most the estimate.
 */
export function actualCost(plan: OperationPlan, data: Record<string, unknown> | null | undefined, variables: Variables = {}): number {
  if (!data) return 0;
  const values = { ...plan.variableDefaults, ...variables };
  let cost = plan.base;
  for (const field of plan.fields) cost += actualField(field, data, values);
  return cost;
}
