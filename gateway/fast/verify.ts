import {
  type GraphQLEnumType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * A check that a subgraph's answer is already what @apollo/gateway's `computeResponse` would make
 * of it, so the fast path (path.ts) can write it as it came instead of building a copy: about
 * 8 % of the gateway's CPU per `talentById` went to that copy, the whole of which is the answer
 * itself in the usual case.
 *
 * Built only for operations whose selections are plain fields on object types: no fragments, no
 * directives, no `__typename` or other introspection field, no response name twice in one
 * selection set (anything else: undefined, and `computeResponse` shapes every answer). For such an
 * operation `computeResponse` writes, for each selected field in selection order, the input's value
 * of that response name (null when absent), an object shaped the same way, a list element by
 * element, and fails on a null in a non-null position or an invalid leaf value. So an answer whose
 * objects have exactly the selected names in the selected order, no null where the type forbids it
 * and only valid leaf values (`isValidLeafValue`'s rules, kept narrower where unsure: an Int or ID
 * number only as a safe integer) gives the same JSON text as its shaped copy; any other answer
 * (an extra or missing field, another order, a bad value) fails the check and is shaped by
 * `computeResponse` as before. test/gateway/fast-path.test.ts compares both ways byte for byte.
 */

type Check = (value: unknown) => boolean;

interface FieldCheck {
  name: string;
  check: Check;
}

/** A JSON object (not null, not an array). */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function leafCheck(type: GraphQLOutputType): Check | undefined {
  if (isEnumType(type)) {
    const values = new Set((type as GraphQLEnumType).getValues().map((v) => v.name));
    return (value) => typeof value === 'string' && values.has(value);
  }
  if (!isScalarType(type)) return undefined;
  switch (type.name) {
    case 'String':
      return (value) => typeof value === 'string';
    case 'Boolean':
      return (value) => typeof value === 'boolean';
    case 'Int':
      return (value) => Number.isSafeInteger(value);
    case 'Float':
      return (value) => typeof value === 'number' && Number.isFinite(value);
    case 'ID':
      return (value) => typeof value === 'string' || Number.isSafeInteger(value);
    default:
      // A custom scalar: computeResponse passes any value through.
      return () => true;
  }
}

function typeCheck(type: GraphQLOutputType, selectionSet: SelectionSetNode | undefined, schema: GraphQLSchema): Check | undefined {
  if (isNonNullType(type)) {
    const inner = typeCheck(type.ofType, selectionSet, schema);
    return inner && ((value) => value !== null && inner(value));
  }
  let check: Check | undefined;
  if (isListType(type)) {
    const element = typeCheck(type.ofType, selectionSet, schema);
    check = element && ((value) => Array.isArray(value) && value.every(element));
  } else if (isObjectType(type)) {
    const fields = selectionSet && objectFields(type.name, selectionSet, schema);
    check = fields && ((value) => isRecord(value) && hasExactly(value, fields));
  } else {
    check = selectionSet ? undefined : leafCheck(type);
  }
  return check && ((value) => value === null || check(value));
}

function objectFields(typeName: string, selectionSet: SelectionSetNode, schema: GraphQLSchema): FieldCheck[] | undefined {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return undefined;
  const defined = type.getFields();
  const fields: FieldCheck[] = [];
  const names = new Set<string>();
  for (const selection of selectionSet.selections) {
    if (selection.kind !== 'Field' || selection.directives?.length) return undefined;
    const name = selection.alias?.value ?? selection.name.value;
    if (selection.name.value.startsWith('__') || names.has(name)) return undefined;
    const definition = defined[selection.name.value];
    if (!definition) return undefined;
    const check = typeCheck(definition.type, selection.selectionSet, schema);
    if (!check) return undefined;
    names.add(name);
    fields.push({ name, check });
  }
  return fields;
}

/** Whether `value` has exactly `fields`' names, in their order, each passing its check. */
function hasExactly(value: Record<string, unknown>, fields: readonly FieldCheck[]): boolean {
  let i = 0;
  for (const key in value) {
    const field = fields[i++];
    if (field === undefined || field.name !== key || !field.check(value[key])) return false;
  }
  return i === fields.length;
}

/** The check for `operation`'s answers (its `data`), or undefined when its answers are always to be shaped. */
export function answerCheck(operation: OperationDefinitionNode, schema: GraphQLSchema): ((data: unknown) => boolean) | undefined {
  if (operation.operation !== 'query' || operation.directives?.length) return undefined;
  const root = schema.getQueryType();
  const fields = root ? objectFields(root.name, operation.selectionSet, schema) : undefined;
  return fields && ((data) => isRecord(data) && hasExactly(data, fields));
}
