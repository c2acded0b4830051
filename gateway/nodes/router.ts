import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { type FieldNode, type FragmentDefinitionNode, GraphQLError, type GraphQLFormattedError, Kind, type OperationDefinitionNode } from 'graphql';
import type { DisclosureSettings } from '../../platform/disclosure.ts';
import { describeProvinces, type ExpertsNode } from '../../platform/nodes.ts';
import { parsedFetch } from '../trim.ts';
import { type AddedVariable, narrowedFetch } from './document.ts';
import { type NodeValue, type SelectionContext, withoutExtras } from './merge.ts';
import { type FieldRoute, routeMutationField, routeQueryField } from './route.ts';
import { responseFields, type Variables, variable, withArgument } from './selection.ts';
import { allRewrite, mergeAll } from './fan-out.ts';
import { entityParts, mergeEntities, type Split } from './entities.ts';

type Json = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: Apollo's RemoteGraphQLDataSource constrains its context to Record<string, any>
type Options<TContext extends Record<string, any>> = GraphQLDataSourceProcessOptions<TContext>;

/** One root field of a fetch and where it goes. */
interface RootField {
  key: string;
  fields: FieldNode[];
  route: FieldRoute;
  /** Set for `any`: the node chosen; for `ids`/`entities`: the split. */
  node?: number;
  split?: Split;
}

/** What one node is sent: root fields (possibly rewritten) and added variables. */
interface Part {
  fields: FieldNode[];
  added: AddedVariable[];
  /** `_entities`: the variable holding the representations, and this node's share of them. */
  entities?: { variable: string; representations: Json[] };
}

/** A node's answer to its part, or why there is none. */
export interface Answer {
  data: Json | null;
  errors: readonly GraphQLFormattedError[];
  failed?: GraphQLError;
}

/** The error a client sees for a node that did not answer: the provinces missing, never the node's address. */
export function nodeFailure(nodes: readonly ExpertsNode[], node: ExpertsNode, error: unknown): GraphQLError {
  const timeout = error instanceof GraphQLError && error.extensions.code === 'SUBGRAPH_TIMEOUT';
  const provinces = describeProvinces(nodes, node);
  return new GraphQLError(
    `The experts node for ${provinces} ${timeout ? 'did not answer in time' : 'is unavailable'}: talent records of ${node.provinces === '*' ? provinces : `${node.provinces.length > 1 ? 'provinces' : 'province'} ${provinces}`} are missing from this answer. Retry later.`,
    { extensions: { code: timeout ? 'SUBGRAPH_TIMEOUT' : 'SUBGRAPH_UNAVAILABLE', serviceName: 'experts', node: node.name, provinces: node.provinces } },
  );
}

function isNodeDown(error: unknown): boolean {
  return error instanceof GraphQLError && (error.extensions.code === 'SUBGRAPH_UNAVAILABLE' || error.extensions.code === 'SUBGRAPH_TIMEOUT');
}

function errorKey(e: GraphQLFormattedError): string {
  return JSON.stringify([e.message, e.path, e.extensions?.code]);
}

/**
 * The experts subgraph as the gateway sees it when it runs as provincial nodes (README,
 * "Topology"): one data source for the query planner, which sends each fetch only to the nodes
 * that can answer it (by the ids and region codes in its arguments), in parallel, and merges
 * their answers into what one node holding every province would have answered. Each node has its
 * own data source (`sources`, in node order): its own caller tokens (audience `experts@<node>`),
 * timeout, retry and circuit breaker, so a node that is down costs only its own provinces.
 */
// biome-ignore lint/suspicious/noExplicitAny: as above, Apollo's context constraint
export class NodeRouter<TContext extends Record<string, any> = Record<string, any>> implements GraphQLDataSource<TContext> {
  constructor(
    readonly nodes: readonly ExpertsNode[],
    private readonly sources: readonly GraphQLDataSource<TContext>[],
    private readonly stats: DisclosureSettings,
  ) {
    if (nodes.length !== sources.length || nodes.length === 0) throw new Error('NodeRouter needs one data source per node');
  }

  async process(options: Options<TContext>): Promise<GatewayGraphQLResponse> {
    if (this.nodes.length === 1) return this.#send(0, options);
    const doc = parsedFetch(options.request.query ?? '');
    const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation) throw new Error('a fetch without an operation');
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const variables = (options.request.variables ?? {}) as Variables;
    const ctx: SelectionContext = { fragments, variables, callerRegion: (options.context as { caller?: { region?: string } }).caller?.region };
    const roots = [...responseFields(operation.selectionSet, fragments, variables)].map(([key, fields]) => ({ key, fields }));
    if (operation.operation === 'mutation') return this.#mutate(options, operation, fragments, roots);
    return this.#query(options, operation, ctx, roots);
  }

  /** Sends `options` to node `n` as it is; a node that is down fails with the provinces it holds. */
  async #send(n: number, options: Options<TContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await (this.sources[n] as GraphQLDataSource<TContext>).process(options);
    } catch (error) {
      throw isNodeDown(error) ? nodeFailure(this.nodes, this.nodes[n] as ExpertsNode, error) : error;
    }
  }

  async #ask(n: number, options: Options<TContext>, query: string, variables: Variables): Promise<Answer> {
    try {
      const response = await (this.sources[n] as GraphQLDataSource<TContext>).process({ ...options, request: { ...options.request, query, variables } });
      return { data: (response.data as Json | null | undefined) ?? null, errors: response.errors ?? [] };
    } catch (error) {
      if (isNodeDown(error)) return { data: null, errors: [], failed: nodeFailure(this.nodes, this.nodes[n] as ExpertsNode, error) };
      const failed =
        error instanceof GraphQLError ? error : new GraphQLError('The experts node failed to answer.', { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'experts' } });
      return { data: null, errors: [], failed };
    }
  }

  async #query(
    options: Options<TContext>,
    operation: OperationDefinitionNode,
    ctx: SelectionContext,
    roots: { key: string; fields: FieldNode[] }[],
  ): Promise<GatewayGraphQLResponse> {
    const planned: RootField[] = roots.map((r) => ({ ...r, route: routeQueryField(this.nodes, r.fields[0] as FieldNode, ctx.variables) }));
    // The common case: one node answers all of it, and gets the fetch unchanged.
    const sole = this.#soleNode(planned);
    if (sole !== undefined) return this.#send(sole, options);

    const parts = new Map<number, Part>();
    const part = (n: number): Part => {
      let p = parts.get(n);
      if (!p) parts.set(n, (p = { fields: [], added: [] }));
      return p;
    };
    for (const [i, root] of planned.entries()) {
      const route = root.route;
      if (route.kind === 'one') {
        if (route.node) part(this.nodes.indexOf(route.node)).fields.push(...root.fields);
      } else if (route.kind === 'all') {
        this.nodes.forEach((_, n) => {
          const rewritten = allRewrite(route.merge, root, n, this.nodes, ctx);
          part(n).fields.push(...rewritten.fields);
          part(n).added.push(...rewritten.added);
        });
      } else if (route.kind === 'ids') {
        root.split = splitIds(this.nodes, route.ids);
        for (const [n, indexes] of root.split) {
          const name = `hub_ids_${i}`;
          const field = root.fields[0] as FieldNode;
          part(n).fields.push(withArgument(field, 'ids', variable(name)));
          part(n).added.push({ name, type: '[ID!]!', value: indexes.map((k) => route.ids[k]) });
        }
      } else if (route.kind === 'entities') {
        root.split = entityParts(this.nodes, route.representations, () => this.#anyNode(parts));
        for (const [n, indexes] of root.split) {
          part(n).fields.push(...root.fields);
          part(n).entities = { variable: route.variable, representations: indexes.map((k) => route.representations[k] as Json) };
        }
      }
    }
    for (const root of planned) {
      if (root.route.kind !== 'any') continue;
      root.node = this.#anyNode(parts);
      part(root.node).fields.push(...root.fields);
    }

    const order = [...parts.keys()];
    // How every root field was routed: with the fetch and the node, it determines the narrowed text.
    const signature = planned
      .map(
        (r) =>
          `${r.key}:${r.route.kind}:${r.route.kind === 'one' ? r.route.node?.name : r.route.kind === 'all' ? r.route.merge : (r.node ?? '')}:${[...(r.split?.keys() ?? [])].join('.')}`,
      )
      .join('|');
    const answers = new Map<number, Answer>();
    await Promise.all(
      order.map(async (n) => {
        const p = parts.get(n) as Part;
        const sent = narrowedFetch(
          operation,
          ctx.fragments,
          p.fields,
          ctx.variables,
          p.added,
          `${options.request.query}\u0000${n}\u0000${signature}\u0000${p.added.map((v) => v.name).join(',')}`,
        );
        if (p.entities) sent.variables[p.entities.variable] = p.entities.representations;
        answers.set(n, await this.#ask(n, options, sent.query, sent.variables));
      }),
    );
    return this.#merge(planned, answers, order, ctx);
  }

  /** A node every `any` field and representation may go to: one already asked, else the first. */
  #anyNode(parts: ReadonlyMap<number, Part>): number {
    for (const n of parts.keys()) return n;
    return 0;
  }

  #soleNode(planned: readonly RootField[]): number | undefined {
    let sole: number | undefined;
    for (const root of planned) {
      if (root.route.kind === 'any') continue;
      if (root.route.kind !== 'one' || !root.route.node) return undefined;
      const n = this.nodes.indexOf(root.route.node);
      if (sole !== undefined && sole !== n) return undefined;
      sole = n;
    }
    return sole ?? 0;
  }

  #merge(planned: readonly RootField[], answers: ReadonlyMap<number, Answer>, order: readonly number[], ctx: SelectionContext): GatewayGraphQLResponse {
    const data: Json = {};
    const errors: GraphQLFormattedError[] = [];
    const seen = new Set<string>();
    const addError = (e: GraphQLFormattedError) => {
      const key = errorKey(e);
      if (seen.has(key)) return;
      seen.add(key);
      errors.push(e);
    };
    const answerOf = (n: number, key: string) => (answers.get(n)?.data?.[key] as unknown) ?? null;
    for (const root of planned) {
      const route = root.route;
      if (route.kind === 'one') data[root.key] = route.node ? answerOf(this.nodes.indexOf(route.node), root.key) : null;
      else if (route.kind === 'any') data[root.key] = answerOf(root.node as number, root.key);
      else if (route.kind === 'all') {
        const values: NodeValue[] = order.flatMap((n) => {
          const value = answers.get(n)?.data?.[root.key];
          return value && typeof value === 'object' ? [{ node: n, value: value as Json }] : [];
        });
        data[root.key] = values.length === 0 ? null : mergeAll(route.merge, root, values, ctx, this.nodes, this.stats);
      } else if (route.kind === 'ids') {
        const merged: unknown[] = route.ids.map(() => null);
        for (const [n, indexes] of root.split ?? []) {
          const list = answerOf(n, root.key);
          if (Array.isArray(list)) for (const [j, k] of indexes.entries()) merged[k] = withoutExtras(list[j] ?? null);
        }
        data[root.key] = merged;
      } else {
        data[root.key] = mergeEntities(root.split ?? new Map(), route.representations.length, answers, root.key, root.fields, ctx);
      }
    }
    for (const n of order) {
      const answer = answers.get(n) as Answer;
      if (answer.failed) addError(answer.failed.toJSON());
      const split = planned.find((r) => r.route.kind === 'entities')?.split?.get(n);
      for (const e of answer.errors) {
        // An entity's error points at its place in this node's part; put it back at its place in the fetch.
        if (split && e.path?.[0] === '_entities' && typeof e.path[1] === 'number') addError({ ...e, path: ['_entities', split[e.path[1]] ?? e.path[1], ...e.path.slice(2)] });
        else addError(e);
      }
    }
    // Every node asked failed: the fetch failed, as with a subgraph that is down.
    if (order.every((n) => answers.get(n)?.failed)) throw answers.get(order[0] as number)?.failed;
    return errors.length ? { data, errors } : { data };
  }

  /**
   * A mutation goes to the home node of what it writes; a fetch with several mutation fields is
   * sent field group by field group, in order (mutations run one after the other).
   */
  async #mutate(
    options: Options<TContext>,
    operation: OperationDefinitionNode,
    fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    roots: { key: string; fields: FieldNode[] }[],
  ): Promise<GatewayGraphQLResponse> {
    const variables = (options.request.variables ?? {}) as Variables;
    const targets = roots.map((r) => routeMutationField(this.nodes, r.fields[0] as FieldNode, variables));
    const first = targets[0];
    if (first && targets.every((t) => t === first)) return this.#send(this.nodes.indexOf(first), options);
    const data: Json = {};
    const errors: GraphQLFormattedError[] = [];
    for (const [i, root] of roots.entries()) {
      const node = targets[i];
      if (!node) {
        data[root.key] = null;
        errors.push({
          message: 'No experts node holds talents of that province; nothing was written. Give a home region the hub serves.',
          path: [root.key],
          extensions: { code: 'BAD_USER_INPUT', field: 'homeRegion' },
        });
        continue;
      }
      const n = this.nodes.indexOf(node);
      const sent = narrowedFetch(operation, fragments, root.fields, variables);
      const answer = await this.#ask(n, options, sent.query, sent.variables);
      data[root.key] = answer.data?.[root.key] ?? null;
      errors.push(...answer.errors, ...(answer.failed ? [{ ...answer.failed.toJSON(), path: [root.key] }] : []));
    }
    return errors.length ? { data, errors } : { data };
  }
}

/** Splits a list of talent ids by node: node index -> the indexes of its ids. */
function splitIds(nodes: readonly ExpertsNode[], ids: readonly string[]): Split {
  return entityParts(
    nodes,
    ids.map((id) => ({ __typename: 'Talent', id })),
    () => 0,
  );
}
