import { type FieldNode, Kind, type SelectionNode } from 'graphql';
import type { DisclosureSettings } from '../../platform/disclosure.ts';
import { type ExpertsNode, nodeAudience } from '../../platform/nodes.ts';
import type { AddedVariable } from './document.ts';
import { decodeNodeCursor, EXTRA, mergeAuditConnection, mergeIdConnection, mergeIdList, type NodeValue, type SelectionContext } from './merge.ts';
import { mergeVerifications } from './audit-report.ts';
import type { FieldRoute } from './route.ts';
import { argumentValue, fieldNode, subSelections, variable, withArgument } from './selection.ts';
import { mergeStats, STATS_PARTS_FIELD } from './stats.ts';

type Merge = Extract<FieldRoute, { kind: 'all' }>['merge'];
type Json = Record<string, unknown>;

/** The page size a connection field asked for (the schema's default when it did not say). */
function firstOf(field: FieldNode, ctx: SelectionContext): number {
  const first = argumentValue(field, 'first', ctx.variables);
  return typeof first === 'number' ? first : 20;
}

function withSelections(field: FieldNode, extra: readonly SelectionNode[]): FieldNode {
  return { ...field, selectionSet: { kind: Kind.SELECTION_SET, selections: [...(field.selectionSet?.selections ?? []), ...extra] } };
}

/**
 * What the router adds to a connection field to merge it: every edge's cursor and whether more
 * follow (a count the client asked for is summed from its own key: asking it twice would count twice).
 */
function connectionExtras(edge: readonly SelectionNode[]): SelectionNode[] {
  return [fieldNode(EXTRA.edges, 'edges', edge), fieldNode(EXTRA.page, 'pageInfo', [fieldNode('hasNextPage', 'hasNextPage')])];
}

/**
 * The copy of a root field sent to node `n` when every node holds part of its answer: with what
 * the merge needs added (aliased `hub_*` fields, removed again from the answer), an audit page's
 * `after` turned into this node's own position, statistics asked as raw counts.
 */
export function allRewrite(
  merge: Merge,
  root: { key: string; fields: FieldNode[] },
  n: number,
  nodes: readonly ExpertsNode[],
  ctx: SelectionContext,
): { fields: FieldNode[]; added: AddedVariable[] } {
  const [head, ...rest] = root.fields as [FieldNode, ...FieldNode[]];
  switch (merge) {
    case 'talents':
      return { fields: [withSelections(head, connectionExtras([fieldNode('cursor', 'cursor')])), ...rest], added: [] };
    case 'pools':
      return { fields: [withSelections(head, [fieldNode(EXTRA.id, 'id')]), ...rest], added: [] };
    case 'auditEvents': {
      const extras = connectionExtras([fieldNode('cursor', 'cursor'), fieldNode('node', 'node', [fieldNode('at', 'at'), fieldNode('seq', 'seq')])]);
      const after = argumentValue(head, 'after', ctx.variables);
      const positions = decodeNodeCursor(after);
      // A cursor this router made names each node's own position; anything else goes as given (and a node refuses it).
      if (!positions) return { fields: [withSelections(head, extras), ...rest], added: [] };
      const name = `hub_after_${root.key}`;
      const field = withArgument(withSelections(head, extras), 'after', variable(name));
      return {
        fields: [field, ...rest.map((f) => withArgument(f, 'after', variable(name)))],
        added: [{ name, type: 'String', value: positions[(nodes[n] as ExpertsNode).name] ?? null }],
      };
    }
    case 'stats':
      return {
        fields: [{ ...head, name: { kind: Kind.NAME, value: STATS_PARTS_FIELD.name }, alias: { kind: Kind.NAME, value: root.key }, selectionSet: STATS_PARTS_FIELD.selectionSet }],
        added: [],
      };
    case 'verification':
      return checkpointsForNode(root, n, nodes, ctx);
  }
}

/**
 * `verifyAuditChain { experts(checkpoints:) }` over several nodes: each chain is checked against
 * the checkpoints that name it (`experts@<node>`), since a node refuses another node's; a
 * checkpoint naming no node goes to every node, each of which refuses it (BAD_USER_INPUT).
 */
function checkpointsForNode(
  root: { key: string; fields: FieldNode[] },
  n: number,
  nodes: readonly ExpertsNode[],
  ctx: SelectionContext,
): { fields: FieldNode[]; added: AddedVariable[] } {
  const audiences = nodes.map((node) => nodeAudience('experts', node.name));
  const own = audiences[n];
  const added: AddedVariable[] = [];
  const rewrite = (selections: readonly SelectionNode[]): SelectionNode[] =>
    selections.map((selection) => {
      if (selection.kind === Kind.INLINE_FRAGMENT) return { ...selection, selectionSet: { ...selection.selectionSet, selections: rewrite(selection.selectionSet.selections) } };
      if (selection.kind !== Kind.FIELD || selection.name.value !== 'experts') return selection;
      const given = argumentValue(selection, 'checkpoints', ctx.variables);
      if (!Array.isArray(given)) return selection;
      const mine = given.filter((c) => {
        const subgraph = (c as { subgraph?: unknown } | null)?.subgraph;
        return subgraph === own || !audiences.includes(String(subgraph));
      });
      const name = `hub_checkpoints_${added.length}`;
      added.push({ name, type: '[AuditCheckpointInput!]', value: mine });
      return withArgument(selection, 'checkpoints', variable(name));
    });
  const fields = root.fields.map((f) => (f.selectionSet ? { ...f, selectionSet: { ...f.selectionSet, selections: rewrite(f.selectionSet.selections) } } : f));
  return { fields, added };
}

/** The value of a root field answered by several nodes, merged as one node holding every province would answer it. */
export function mergeAll(
  merge: Merge,
  root: { key: string; fields: FieldNode[] },
  values: readonly NodeValue[],
  ctx: SelectionContext,
  nodes: readonly ExpertsNode[],
  stats: DisclosureSettings,
): unknown {
  const set = subSelections(root.fields);
  const head = root.fields[0] as FieldNode;
  switch (merge) {
    case 'talents':
      return mergeIdConnection(values, set, ctx, firstOf(head, ctx), 'TalentConnection');
    case 'pools':
      return mergeIdList(values.map((v) => v.value as unknown as Json[]));
    case 'auditEvents': {
      const names = nodes.map((node) => node.name);
      const start = decodeNodeCursor(argumentValue(head, 'after', ctx.variables)) ?? {};
      return mergeAuditConnection(values, set, ctx, firstOf(head, ctx), names, start);
    }
    case 'stats':
      return mergeStats(values, head, set, ctx, stats);
    case 'verification':
      return mergeVerifications(values, set, ctx);
  }
}
