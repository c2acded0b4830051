import {
  buildASTSchema,
  type ConstDirectiveNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';

/**
 * How many items a list field is taken to hold when estimating: the value of a slicing argument
 * (a literal, or a variable read at evaluation), else the schema's default of that argument (what
 * the resolver gets when the argument or its variable is left out), else `@listSize(assumedSize:)`,
 * else the default list size (HUB_COST_LIST_SIZE). Several slicing arguments: the largest.
 */
export type ListSize = { fixed: number } | { variables: { name: string; otherwise: number | undefined }[]; literals: number[]; fallback: number };

/** A skip/include condition of a field or fragment: `skip` is true for @skip, false for @include. */
export interface Condition {
  skip: boolean;
  value: boolean | { variable: string };
}

/** One field of an operation, compiled once per document: what it costs and what it holds. */
export interface FieldPlan {
  /** The field's name in the schema (what @listSize(sizedFields:) names). */
  name: string;
  responseKey: string;
  /** The cost of one instance: the field's @cost, else its type's @cost, else 1 for objects, interfaces and unions and 0 for scalars and enums. */
  weight: number;
  /** @cost of the arguments given (added once per field, not per instance). */
  argumentsCost: number;
  /** How many instances the field is estimated to hold; null when it is not a list. */
  list: ListSize | null;
  /** @listSize(sizedFields:): the children whose list size is this field's slicing argument (a connection's `edges`). */
  sizedFields: ReadonlySet<string>;
  conditions: Condition[];
  children: FieldPlan[];
}

/** An operation compiled against the cost model: evaluated per request with its variables. */
export interface OperationPlan {
  /** Mutations cost 10 before their fields (as in Apollo Router and Hive), queries 0. */
  base: number;
  fields: FieldPlan[];
  /** Default values of the operation's variables (used when a request leaves them out). */
  variableDefaults: Record<string, unknown>;
}

const COST_SPEC = 'https://specs.apollo.dev/cost/';
const MUTATION_BASE_COST = 10;

interface ListSizeDirective {
  assumedSize: number | undefined;
  slicingArguments: string[];
  sizedFields: string[];
}

/**
 * The cost model of a supergraph: the weights of `@cost` and the list sizes of `@listSize` (the IBM
 * GraphQL Cost Directive specification, as Apollo composes them into the supergraph), read from the
 * supergraph SDL (the API schema drops them). `plan` compiles an operation once per document
 * (cached by the parsed document, which Apollo Server reuses for the same query text).
 */
export class CostModel {
  readonly schema: GraphQLSchema;
  private readonly costName: Set<string>;
  private readonly listSizeName: Set<string>;
  private readonly plans = new WeakMap<DocumentNode, Map<string, OperationPlan | null>>();

  constructor(
    supergraphSdl: string,
    readonly defaultListSize: number,
  ) {
    const document = parse(supergraphSdl);
    this.schema = buildASTSchema(document, { assumeValidSDL: true });
    const names = directiveNames(document);
    this.costName = names.cost;
    this.listSizeName = names.listSize;
  }

  /** The compiled operation (`operationName`, or the only one); null when the document has no such operation. */
  plan(document: DocumentNode, operationName?: string | null): OperationPlan | null {
    let byName = this.plans.get(document);
    if (!byName) this.plans.set(document, (byName = new Map()));
    const key = operationName ?? '';
    if (!byName.has(key)) byName.set(key, this.compile(document, operationName));
    return byName.get(key) ?? null;
  }

  private compile(document: DocumentNode, operationName?: string | null): OperationPlan | null {
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
    if (!operation) return null;
    const root =
      operation.operation === 'mutation' ? this.schema.getMutationType() : operation.operation === 'subscription' ? this.schema.getSubscriptionType() : this.schema.getQueryType();
    if (!root) return null;
    const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d] as const));
    const variableDefaults: Record<string, unknown> = {};
    for (const definition of operation.variableDefinitions ?? []) {
      if (definition.defaultValue) variableDefaults[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
    }
    return {
      base: operation.operation === 'mutation' ? MUTATION_BASE_COST : 0,
      fields: this.selectionSet(root, operation.selectionSet, fragments, [], new Set()),
      variableDefaults,
    };
  }

  /** The fields of a selection set, fragments spread in place (with their conditions); fragment cycles are cut (validation refuses them anyway). */
  private selectionSet(
    parent: GraphQLNamedType,
    selectionSet: SelectionSetNode,
    fragments: Map<string, FragmentDefinitionNode>,
    inherited: Condition[],
    visiting: Set<string>,
  ): FieldPlan[] {
    const fields: FieldPlan[] = [];
    for (const selection of selectionSet.selections) {
      const conditions = [...inherited, ...conditionsOf(selection.directives)];
      if (selection.kind === Kind.FIELD) {
        const plan = this.field(parent, selection, fragments, conditions);
        if (plan) fields.push(plan);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? (this.schema.getType(selection.typeCondition.name.value) ?? parent) : parent;
        fields.push(...this.selectionSet(type, selection.selectionSet, fragments, conditions, visiting));
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || visiting.has(fragment.name.value)) continue;
        const type = this.schema.getType(fragment.typeCondition.name.value) ?? parent;
        fields.push(...this.selectionSet(type, fragment.selectionSet, fragments, conditions, new Set([...visiting, fragment.name.value])));
      }
    }
    return fields;
  }

  private field(parent: GraphQLNamedType, node: FieldNode, fragments: Map<string, FragmentDefinitionNode>, conditions: Condition[]): FieldPlan | null {
    // Introspection and __typename cost nothing (no subgraph answers them).
    if (node.name.value.startsWith('__')) return null;
    const definition = fieldOf(parent, node.name.value);
    if (!definition) return null;
    const type = getNamedType(definition.type);
    const weight = this.costOf(definition.astNode?.directives) ?? this.costOf(type.astNode?.directives) ?? (isObjectType(type) || isAbstractType(type) ? 1 : 0);
    let argumentsCost = 0;
    for (const argument of node.arguments ?? []) {
      const argumentDefinition = definition.args.find((a) => a.name === argument.name.value);
      argumentsCost += this.costOf(argumentDefinition?.astNode?.directives) ?? 0;
    }
    const listSize = this.listSizeOf(definition.astNode?.directives);
    const size = listSize ? this.sizeFrom(listSize, definition, node) : { fixed: this.defaultListSize };
    const isList = isListType(isNonNullType(definition.type) ? definition.type.ofType : definition.type);
    const sizedFields = new Set(listSize?.sizedFields ?? []);
    const children = node.selectionSet ? this.selectionSet(type, node.selectionSet, fragments, [], new Set()) : [];
    if (sizedFields.size) {
      // The slicing argument sizes the named children (a connection's edges), not the field itself.
      for (const child of children) if (sizedFields.has(child.name)) child.list = size;
    }
    return {
      name: node.name.value,
      responseKey: node.alias?.value ?? node.name.value,
      weight,
      argumentsCost,
      list: isList && !sizedFields.size ? size : null,
      sizedFields,
      conditions,
      children,
    };
  }

  /** The list size of a @listSize field given its arguments in the operation. */
  private sizeFrom(listSize: ListSizeDirective, definition: GraphQLField<unknown, unknown>, node: FieldNode): ListSize {
    const fallback = listSize.assumedSize ?? this.defaultListSize;
    const variables: { name: string; otherwise: number | undefined }[] = [];
    const literals: number[] = [];
    for (const name of listSize.slicingArguments) {
      const given = node.arguments?.find((a) => a.name.value === name)?.value;
      const schemaDefault = definition.args.find((a) => a.name === name)?.defaultValue;
      const otherwise = typeof schemaDefault === 'number' ? schemaDefault : undefined;
      if (given?.kind === Kind.VARIABLE) variables.push({ name: given.name.value, otherwise });
      else if (given?.kind === Kind.INT) literals.push(Number(given.value));
      else if (!given && otherwise !== undefined) literals.push(otherwise);
    }
    if (!variables.length && !literals.length) return { fixed: fallback };
    if (!variables.length) return { fixed: Math.max(0, ...literals) };
    return { variables, literals, fallback };
  }

  private costOf(directives: readonly ConstDirectiveNode[] | undefined): number | undefined {
    const directive = directives?.find((d) => this.costName.has(d.name.value));
    const weight = directive?.arguments?.find((a) => a.name.value === 'weight')?.value;
    // A negative weight (a partner's, say) must not make other fields cheaper: weights are at least 0.
    return weight?.kind === Kind.INT ? Math.max(0, Number(weight.value)) : undefined;
  }

  private listSizeOf(directives: readonly ConstDirectiveNode[] | undefined): ListSizeDirective | undefined {
    const directive = directives?.find((d) => this.listSizeName.has(d.name.value));
    if (!directive) return undefined;
    const argument = (name: string) => directive.arguments?.find((a) => a.name.value === name)?.value;
    const assumed = argument('assumedSize');
    return {
      assumedSize: assumed?.kind === Kind.INT ? Math.max(0, Number(assumed.value)) : undefined,
      slicingArguments: strings(argument('slicingArguments')),
      sizedFields: strings(argument('sizedFields')),
    };
  }
}

function strings(value: ValueNode | undefined): string[] {
  if (!value) return [];
  const values = value.kind === Kind.LIST ? value.values : [value];
  return values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
}

/** The field `name` of an object or interface type (a union declares none). */
function fieldOf(parent: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

function conditionsOf(directives: readonly DirectiveNode[] | undefined): Condition[] {
  const conditions: Condition[] = [];
  for (const directive of directives ?? []) {
    if (directive.name.value !== 'skip' && directive.name.value !== 'include') continue;
    const value = directive.arguments?.find((a) => a.name.value === 'if')?.value;
    if (!value) continue;
    conditions.push({
      skip: directive.name.value === 'skip',
      value: value.kind === Kind.VARIABLE ? { variable: value.name.value } : value.kind === Kind.BOOLEAN ? value.value : false,
    });
  }
  return conditions;
}

/**
 * The names `@cost` and `@listSize` have in a supergraph: composition writes `@cost` as a plain
 * directive and links the cost spec (`@link(url: ".../cost/v0.1", import: ["@listSize"])`), and a
 * link may rename an import (`{ name: "@listSize", as: "@size" }`) or leave it namespaced (`@cost__listSize`).
 */
function directiveNames(document: DocumentNode): { cost: Set<string>; listSize: Set<string> } {
  const cost = new Set(['cost', 'cost__cost', 'federation__cost']);
  const listSize = new Set(['listSize', 'cost__listSize', 'federation__listSize']);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      const url = link.arguments?.find((a) => a.name.value === 'url')?.value;
      if (link.name.value !== 'link' || url?.kind !== Kind.STRING || !url.value.startsWith(COST_SPEC)) continue;
      const imports = link.arguments?.find((a) => a.name.value === 'import')?.value;
      for (const item of imports?.kind === Kind.LIST ? imports.values : []) {
        if (item.kind !== Kind.OBJECT) continue;
        const name = valueFromASTUntyped(item.fields.find((f) => f.name.value === 'name')?.value ?? { kind: Kind.NULL });
        const as = valueFromASTUntyped(item.fields.find((f) => f.name.value === 'as')?.value ?? { kind: Kind.NULL });
        if (typeof as !== 'string') continue;
        if (name === '@cost') cost.add(as.replace(/^@/, ''));
        if (name === '@listSize') listSize.add(as.replace(/^@/, ''));
      }
    }
  }
  return { cost, listSize };
}
