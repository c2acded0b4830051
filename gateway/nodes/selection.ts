import { type ArgumentNode, type FieldNode, type FragmentDefinitionNode, Kind, type SelectionNode, type SelectionSetNode, type ValueNode, valueFromASTUntyped } from 'graphql';

/** Variables of a fetch. */
export type Variables = Record<string, unknown>;

/** True unless `@skip(if: true)` or `@include(if: false)` leaves the selection out. */
function included(selection: SelectionNode, variables: Variables): boolean {
  for (const directive of selection.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const arg = directive.arguments?.find((a) => a.name.value === 'if');
    const value = arg ? valueFromASTUntyped(arg.value, variables) : undefined;
    if (name === 'skip' && value === true) return false;
    if (name === 'include' && value === false) return false;
  }
  return true;
}

/**
 * The fields a selection set asks of one object, by response key (alias or name), in order, with
 * fragments spread in. The experts types merged here are concrete, so type conditions all apply.
 */
export function responseFields(set: SelectionSetNode | undefined, fragments: ReadonlyMap<string, FragmentDefinitionNode>, variables: Variables): Map<string, FieldNode[]> {
  const out = new Map<string, FieldNode[]>();
  const visit = (s: SelectionSetNode | undefined) => {
    for (const selection of s?.selections ?? []) {
      if (!included(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const list = out.get(key);
        if (list) list.push(selection);
        else out.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(fragments.get(selection.name.value)?.selectionSet);
    }
  };
  visit(set);
  return out;
}

/** The selection sets of all the field nodes under one response key (a field asked twice is merged). */
export function subSelections(nodes: readonly FieldNode[]): SelectionSetNode {
  return { kind: Kind.SELECTION_SET, selections: nodes.flatMap((n) => n.selectionSet?.selections ?? []) };
}

/** The value of argument `name` of a field, with variables substituted; undefined when absent. */
export function argumentValue(field: FieldNode, name: string, variables: Variables): unknown {
  const arg = field.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value, variables) : undefined;
}

/** A field node of `name` under `alias`, selecting `selections` (for the fields the router adds). */
export function fieldNode(alias: string, name: string, selections?: readonly SelectionNode[], args: readonly ArgumentNode[] = []): FieldNode {
  return {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: alias },
    name: { kind: Kind.NAME, value: name },
    arguments: args,
    ...(selections ? { selectionSet: { kind: Kind.SELECTION_SET, selections } } : {}),
  };
}

/** `field` with argument `name` set to `value` (replacing or adding it). */
export function withArgument(field: FieldNode, name: string, value: ValueNode): FieldNode {
  const args = (field.arguments ?? []).filter((a) => a.name.value !== name);
  return { ...field, arguments: [...args, { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: name }, value }] };
}

/** A variable reference `$name`. */
export function variable(name: string): ValueNode {
  return { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } };
}
