import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parseType,
  print,
  type SelectionNode,
  type VariableDefinitionNode,
  visit,
} from 'graphql';

/** A variable the router adds to one node's copy of a fetch (a split id list, a node's cursor). */
export interface AddedVariable {
  name: string;
  /** Its GraphQL type, e.g. `[ID!]!`. */
  type: string;
  value: unknown;
}

/** The fragments and variables `selections` use, directly or through fragments they spread. */
function usedBy(selections: readonly SelectionNode[], fragments: ReadonlyMap<string, FragmentDefinitionNode>): { fragments: Set<string>; variables: Set<string> } {
  const usedFragments = new Set<string>();
  const usedVariables = new Set<string>();
  const pending: SelectionNode[][] = [[...selections]];
  while (pending.length) {
    const next = pending.pop() as SelectionNode[];
    for (const selection of next) {
      visit(selection, {
        Variable: (node) => {
          usedVariables.add(node.name.value);
        },
        FragmentSpread: (node) => {
          const name = node.name.value;
          if (usedFragments.has(name)) return;
          usedFragments.add(name);
          const fragment = fragments.get(name);
          if (fragment) pending.push([...fragment.selectionSet.selections]);
        },
      });
    }
  }
  return { fragments: usedFragments, variables: usedVariables };
}

/**
 * A fetch narrowed to `fields` (the root fields one node answers, possibly rewritten): the same
 * operation type and name, only the variables and fragments those fields use (a node would
 * refuse unused ones), plus `added` variables; with the variables to send.
 */
export function narrowedFetch(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  fields: readonly FieldNode[],
  variables: Record<string, unknown>,
  added: readonly AddedVariable[] = [],
  /** Identifies the narrowed text (the fetch, the node, how its fields were routed and rewritten): the same key, the same text, printed once. */
  cacheKey?: string,
): { query: string; variables: Record<string, unknown> } {
  const cached = cacheKey === undefined ? undefined : narrowed.get(cacheKey);
  const text = cached ?? narrow(operation, fragments, fields, added);
  if (cacheKey !== undefined && !cached) {
    // Plans repeat: a bound keeps a flood of distinct client operations from growing this without end.
    if (narrowed.size >= 2000) narrowed.clear();
    narrowed.set(cacheKey, text);
  }
  const sent: Record<string, unknown> = {};
  for (const name of text.kept) if (name in variables) sent[name] = variables[name];
  for (const v of added) sent[v.name] = v.value;
  return { query: text.query, variables: sent };
}

const narrowed = new Map<string, { query: string; kept: string[] }>();

function narrow(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  fields: readonly FieldNode[],
  added: readonly AddedVariable[],
): { query: string; kept: string[] } {
  const used = usedBy(fields, fragments);
  const kept = (operation.variableDefinitions ?? []).filter((d) => used.variables.has(d.variable.name.value));
  const definitions: VariableDefinitionNode[] = [
    ...kept,
    ...added.map(
      (v): VariableDefinitionNode => ({
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: v.name } },
        type: parseType(v.type),
      }),
    ),
  ];
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      { ...operation, variableDefinitions: definitions, selectionSet: { kind: Kind.SELECTION_SET, selections: fields } },
      ...[...used.fragments].flatMap((name) => fragments.get(name) ?? []),
    ],
  };
  return { query: print(document), kept: kept.map((d) => d.variable.name.value) };
}
