import type { FieldNode } from 'graphql';
import { type ExpertsNode, nodeForProvince, nodeForRecordId } from '../../platform/nodes.ts';
import { argumentValue, type Variables } from './selection.ts';

/**
 * Which experts nodes can answer a root field of a fetch, decided from its arguments alone (ids
 * and region codes name their province; README, "Topology"), so no node is asked what it cannot
 * hold and no lookup precedes the fetch.
 */
export type FieldRoute =
  /** One node holds the answer (none: no node serves that province, the record cannot exist). */
  | { kind: 'one'; node: ExpertsNode | undefined }
  /** Reference data every node holds (disciplines, `__typename`): any one node. */
  | { kind: 'any' }
  /** Every node holds part of the answer; `merge` says how the parts become one. */
  | { kind: 'all'; merge: 'talents' | 'auditEvents' | 'pools' | 'stats' | 'verification' }
  /** A list of ids split by node and reassembled in order (`talentOwners`). */
  | { kind: 'ids'; ids: string[] }
  /** `_entities`: representations split by node and reassembled in order. */
  | { kind: 'entities'; variable: string; representations: Json[] };

type Json = Record<string, unknown>;

/** The most ids or representations one fetch may carry (as `talentOwners` allows); more are left to a node to refuse. */
const MAX_SPLIT = 1000;

function stringArg(field: FieldNode, name: string, variables: Variables): string | undefined {
  const value = argumentValue(field, name, variables);
  return typeof value === 'string' ? value : undefined;
}

function objectArg(field: FieldNode, name: string, variables: Variables): Json | undefined {
  const value = argumentValue(field, name, variables);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

/** A talent filter's node: its home province's, else its pool's; undefined when it names neither. */
function filterNode(nodes: readonly ExpertsNode[], filter: Json | undefined): FieldRoute | undefined {
  if (typeof filter?.homeRegion === 'string') return { kind: 'one', node: nodeForProvince(nodes, filter.homeRegion) };
  if (typeof filter?.pool === 'string') return { kind: 'one', node: nodeForRecordId(nodes, filter.pool) };
  return undefined;
}

/** The route of one root field of a query fetch. */
export function routeQueryField(nodes: readonly ExpertsNode[], field: FieldNode, variables: Variables): FieldRoute {
  switch (field.name.value) {
    case 'talent':
    case 'expertPool': {
      const id = stringArg(field, 'id', variables);
      return id === undefined ? { kind: 'any' } : { kind: 'one', node: nodeForRecordId(nodes, id) };
    }
    case 'talents':
      return filterNode(nodes, objectArg(field, 'filter', variables)) ?? { kind: 'all', merge: 'talents' };
    case 'talentStats':
      return filterNode(nodes, objectArg(field, 'filter', variables)) ?? { kind: 'all', merge: 'stats' };
    case 'expertPools': {
      const region = stringArg(field, 'region', variables);
      return region ? { kind: 'one', node: nodeForProvince(nodes, region) } : { kind: 'all', merge: 'pools' };
    }
    case 'auditEvents': {
      const talentId = stringArg(field, 'talentId', variables);
      return talentId ? { kind: 'one', node: nodeForRecordId(nodes, talentId) } : { kind: 'all', merge: 'auditEvents' };
    }
    case 'verifyAuditChain':
      return { kind: 'all', merge: 'verification' };
    case 'talentOwners': {
      const ids = argumentValue(field, 'ids', variables);
      // Anything but a list of strings goes whole to one node, whose validation refuses it.
      if (!Array.isArray(ids) || ids.length > MAX_SPLIT || !ids.every((id) => typeof id === 'string')) return { kind: 'any' };
      return { kind: 'ids', ids };
    }
    case '_entities': {
      const arg = field.arguments?.find((a) => a.name.value === 'representations');
      const representations = argumentValue(field, 'representations', variables);
      if (arg?.value.kind !== 'Variable' || !Array.isArray(representations) || representations.length > MAX_SPLIT) return { kind: 'any' };
      if (!representations.every((r) => r && typeof r === 'object')) return { kind: 'any' };
      return { kind: 'entities', variable: arg.value.name.value, representations: representations as Json[] };
    }
    default:
      return { kind: 'any' };
  }
}

/**
 * The nodes an entity representation belongs to: a talent or pool by its id, an award or
 * engagement by its talent, a record link by its record, pool coverage by its region; audit verification on every node (each
 * keeps its own chain); anything else (disciplines) on any node.
 */
export function routeRepresentation(nodes: readonly ExpertsNode[], rep: Json): ExpertsNode[] | 'all' | 'any' {
  const one = (node: ExpertsNode | undefined) => (node ? [node] : []);
  switch (rep.__typename) {
    case 'Talent':
    case 'ExpertPool':
      return typeof rep.id === 'string' ? one(nodeForRecordId(nodes, rep.id)) : 'any';
    case 'Award':
    case 'Engagement':
      return typeof rep.talentId === 'string' ? one(nodeForRecordId(nodes, rep.talentId)) : 'any';
    case 'PoolCoverage':
      return typeof rep.regionCode === 'string' ? one(nodeForProvince(nodes, rep.regionCode)) : 'any';
    case 'RecordLink':
      // A link's record is resolved by the node that holds it (issue 17).
      return typeof rep.recordId === 'string' ? one(nodeForRecordId(nodes, rep.recordId)) : 'any';
    case 'AuditVerification':
      return 'all';
    default:
      return 'any';
  }
}

/** The node of a mutation field: the home province's of a new talent, the pool's for a membership, the talent's otherwise. */
export function routeMutationField(nodes: readonly ExpertsNode[], field: FieldNode, variables: Variables): ExpertsNode | undefined {
  switch (field.name.value) {
    case 'registerTalent': {
      const home = objectArg(field, 'input', variables)?.homeRegion;
      return typeof home === 'string' ? nodeForProvince(nodes, home) : nodes[0];
    }
    case 'updateTalent': {
      const id = stringArg(field, 'id', variables);
      return id === undefined ? nodes[0] : nodeForRecordId(nodes, id);
    }
    case 'addTalentToPool': {
      // The pool is the record written to (its province decides), and its node keeps its members.
      const id = stringArg(field, 'poolId', variables);
      return id === undefined ? nodes[0] : nodeForRecordId(nodes, id);
    }
    default:
      return nodes[0];
  }
}
