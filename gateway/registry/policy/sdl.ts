import {
  type ASTNode,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  isTypeDefinitionNode,
  isTypeExtensionNode,
  Kind,
  parse,
  type SelectionSetNode,
  type TypeDefinitionNode,
  type TypeNode as TypeReferenceNode,
  type TypeExtensionNode,
} from 'graphql';

/** Reading a subgraph's SDL the way federation does: what the policy rules look at. */

export type TypeKind = 'object' | 'interface' | 'input' | 'enum' | 'union' | 'scalar';

export const KIND_OF: Partial<Record<Kind, TypeKind>> = {
  [Kind.OBJECT_TYPE_DEFINITION]: 'object',
  [Kind.OBJECT_TYPE_EXTENSION]: 'object',
  [Kind.INTERFACE_TYPE_DEFINITION]: 'interface',
  [Kind.INTERFACE_TYPE_EXTENSION]: 'interface',
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: 'input',
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: 'input',
  [Kind.ENUM_TYPE_DEFINITION]: 'enum',
  [Kind.ENUM_TYPE_EXTENSION]: 'enum',
  [Kind.UNION_TYPE_DEFINITION]: 'union',
  [Kind.UNION_TYPE_EXTENSION]: 'union',
  [Kind.SCALAR_TYPE_DEFINITION]: 'scalar',
  [Kind.SCALAR_TYPE_EXTENSION]: 'scalar',
};

export const ROOT_TYPES: ReadonlySet<string> = new Set(['Query', 'Mutation']);

/**
 * What a subgraph's `_service { sdl }` adds of its own (@apollo/subgraph prints the full schema):
 * federation's types and root fields, and the types of linked specs (`link__*`, `federation__*`).
 */
const FEDERATION_TYPES = new Set(['_Any', '_Service', '_Entity', '_FieldSet']);
export const FEDERATION_ROOT_FIELDS: ReadonlySet<string> = new Set(['_entities', '_service']);

/** True for a type federation or a linked spec adds (not the partner's own). */
export function isSpecType(name: string, namespaces: ReadonlySet<string>): boolean {
  return FEDERATION_TYPES.has(name) || [...namespaces].some((ns) => name.startsWith(`${ns}__`));
}

/** How a subgraph links federation: whether it is Federation 2, and each directive's federation name. */
export interface FederationNames {
  /** Maps a directive as written in the subgraph to its federation name. */
  canonical: (local: string) => string;
  federation2: boolean;
  /** Prefixes of the linked specs' own types (`link`, `federation`, or the `as:` name). */
  namespaces: ReadonlySet<string>;
}

/**
 * Maps a directive as written in a subgraph to its federation name, following the subgraph's
 * `@link(url: ".../federation/v2.x", import: [...], as: ...)`: an imported directive may be
 * renamed (`{ name: "@key", as: "@primaryKey" }`), the others are written `@federation__name`.
 */
export function federationNames(doc: DocumentNode): FederationNames {
  const renamed = new Map<string, string>();
  let namespace = 'federation';
  let federation2 = false;
  for (const def of doc.definitions) {
    if (def.kind !== Kind.SCHEMA_EXTENSION && def.kind !== Kind.SCHEMA_DEFINITION) continue;
    for (const directive of def.directives ?? []) {
      if (directive.name.value !== 'link') continue;
      const url = directive.arguments?.find((a) => a.name.value === 'url')?.value;
      if (url?.kind !== Kind.STRING || !/specs\.apollo\.dev\/federation\/v2\.\d+/.test(url.value)) continue;
      federation2 = true;
      const as = directive.arguments?.find((a) => a.name.value === 'as')?.value;
      if (as?.kind === Kind.STRING) namespace = as.value.replace(/^@/, '');
      const imports = directive.arguments?.find((a) => a.name.value === 'import')?.value;
      if (imports?.kind !== Kind.LIST) continue;
      for (const item of imports.values) {
        if (item.kind === Kind.STRING) renamed.set(item.value.replace(/^@/, ''), item.value.replace(/^@/, ''));
        if (item.kind === Kind.OBJECT) {
          const name = item.fields.find((f) => f.name.value === 'name')?.value;
          const alias = item.fields.find((f) => f.name.value === 'as')?.value;
          if (name?.kind === Kind.STRING) {
            const canonical = name.value.replace(/^@/, '');
            renamed.set(alias?.kind === Kind.STRING ? alias.value.replace(/^@/, '') : canonical, canonical);
          }
        }
      }
    }
  }
  const prefix = `${namespace}__`;
  return {
    federation2,
    namespaces: new Set(['link', 'federation', namespace]),
    canonical: (local) => renamed.get(local) ?? (local.startsWith(prefix) ? local.slice(prefix.length) : local),
  };
}

/** The value of a directive's string argument, if it is a string. */
export function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/** `"id  region { code }"` -> `"id region{code}"`, so equal selections compare equal. */
export function normaliseFieldSet(fields: string): string {
  return fields
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}])\s*/g, '$1')
    .trim();
}

/** Top-level field names of a `@key(fields:)` selection. */
export function topLevelFields(fields: string): string[] {
  try {
    const doc = parse(`{ ${fields} }`);
    const op = doc.definitions[0];
    const set: SelectionSetNode | undefined = op?.kind === Kind.OPERATION_DEFINITION ? op.selectionSet : undefined;
    return (set?.selections ?? []).flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
  } catch {
    return [];
  }
}

export type TypeNode = TypeDefinitionNode | TypeExtensionNode;

/** True for a type definition or extension (not a schema, directive or operation). */
export function isTypeNode(node: ASTNode): node is TypeNode {
  return isTypeDefinitionNode(node) || isTypeExtensionNode(node);
}

/** The output fields of an object or interface type (input fields are not owned the same way). */
export function outputFields(node: TypeNode): readonly FieldDefinitionNode[] {
  return node.kind === Kind.OBJECT_TYPE_DEFINITION ||
    node.kind === Kind.OBJECT_TYPE_EXTENSION ||
    node.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    node.kind === Kind.INTERFACE_TYPE_EXTENSION
    ? (node.fields ?? [])
    : [];
}

/** The values an enum definition or extension declares (none for other kinds). */
export function enumValues(node: TypeNode): string[] {
  return node.kind === Kind.ENUM_TYPE_DEFINITION || node.kind === Kind.ENUM_TYPE_EXTENSION ? (node.values ?? []).map((v) => v.name.value) : [];
}

/** The name of a field's type, lists and non-null unwrapped. */
export function namedType(type: TypeReferenceNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** Owners for a message: sorted, comma-separated. */
export const list = (owners: Iterable<string>): string => [...owners].sort().join(', ');

/** `name` -> `Name`, to suggest a namespaced name. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
