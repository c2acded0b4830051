import type { DocumentNode } from 'graphql';
import { namespaceOf } from '../model.ts';
import { indexOwners, type OwnedType, type ParsedSubgraph } from './graph.ts';
import { federationNames } from './sdl.ts';

/** What every policy rule may look at: the candidate partner and the rest of the graph. */
export interface PolicyContext {
  /** The candidate partner's name (also its namespace). */
  name: string;
  /** The candidate partner's SDL. */
  doc: DocumentNode;
  /** Its namespace: `Hainan...` types, `hainan...` fields. */
  typePrefix: string;
  fieldPrefix: string;
  /** Maps a directive as written in the candidate to its federation name. */
  canonical: (local: string) => string;
  /** Whether the candidate links Federation 2. */
  federation2: boolean;
  /** Prefixes of the spec types the candidate's SDL may carry (`link__`, `federation__`). */
  namespaces: ReadonlySet<string>;
  /** The core subgraphs and the other partners, parsed. */
  others: readonly ParsedSubgraph[];
  /** Names of the other partners (the rest of `others` is the core). */
  partnerNames: ReadonlySet<string>;
  /** Types as the rest of the graph defines them (core and other partners). */
  owned: ReadonlyMap<string, OwnedType>;
  /** `Type.field` entries the hub operators allow partners to reference besides key fields. */
  allowedFields: ReadonlySet<string>;
}

/** Builds the context the rules run in, for `candidate` against `others` (core and other partners). */
export function policyContext(
  candidate: ParsedSubgraph,
  others: readonly ParsedSubgraph[],
  options: { otherPartnerNames?: readonly string[]; allowedFields?: readonly string[] } = {},
): PolicyContext {
  const { typePrefix, fieldPrefix } = namespaceOf(candidate.name);
  const { canonical, federation2, namespaces } = federationNames(candidate.doc);
  return {
    name: candidate.name,
    doc: candidate.doc,
    typePrefix,
    fieldPrefix,
    canonical,
    federation2,
    namespaces,
    others,
    partnerNames: new Set(options.otherPartnerNames ?? []),
    owned: indexOwners(others),
    allowedFields: new Set(options.allowedFields ?? []),
  };
}

/** A rule on the candidate as a whole; each message is one violation. */
export type GraphRule = (context: PolicyContext) => string[];
