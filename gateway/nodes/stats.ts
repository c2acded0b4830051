import { type FieldNode, parse, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { DisclosureSettings } from '../../platform/disclosure.ts';
import { mergeTalentCounts, publishTalentStats, type TalentCounts } from '../../platform/talent-stats.ts';
import { provinceOf } from '../../platform/text.ts';
import { type NodeValue, project, type SelectionContext } from './merge.ts';
import { argumentValue } from './selection.ts';

/**
 * `talentStats` over several nodes. Suppression and rounding must see the whole group: a group of
 * 3 talents in Sichuan and 3 in Chongqing is a group of 6. So each node is asked for its raw
 * counts (`talentStatsParts`, inaccessible to clients, under the same scope checks and sharing
 * rules as `talentStats`), the gateway adds them up per group, and publishes the sums with the
 * very function a single node uses (platform/talent-stats.ts) and the same settings.
 */
const PARTS = parse('{ talentStatsParts { groups { keys { dimension value label } own others fingerprint } total { own others fingerprint } } }');

/** The field each node is asked instead of `talentStats`, and what of it. */
export const STATS_PARTS_FIELD = {
  name: 'talentStatsParts',
  selectionSet: ((PARTS.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode).selectionSet as SelectionSetNode,
};

interface PartKey {
  dimension: string;
  value: string | null;
  label: string | null;
}

interface Part {
  keys?: PartKey[];
  own: number;
  others: number;
  fingerprint: number;
}

/** A node's `talentStatsParts` as the counts `mergeTalentCounts` sums. */
function countsOf(value: unknown): TalentCounts {
  const parts = value as { groups: Part[]; total: Part };
  const cell = (p: Part) => ({ own: p.own, others: { n: p.others, fingerprint: p.fingerprint } });
  return { groups: parts.groups.map((g) => ({ values: (g.keys ?? []).map((k) => k.value), ...cell(g) })), total: cell(parts.total) };
}

/** The published TalentStats for the merged parts, shaped as the fetch asked. */
export function mergeStats(values: readonly NodeValue[], field: FieldNode, set: SelectionSetNode, ctx: SelectionContext, settings: DisclosureSettings): unknown {
  const groupBy = (argumentValue(field, 'groupBy', ctx.variables) as string[] | undefined) ?? [];
  const labels = new Map<string, string | null>();
  for (const { value } of values) {
    for (const part of (value as unknown as { groups: Part[] }).groups) for (const k of part.keys ?? []) labels.set(JSON.stringify([k.dimension, k.value]), k.label);
  }
  const merged = mergeTalentCounts(values.map((v) => countsOf(v.value)));
  const own = ctx.callerRegion ? provinceOf(ctx.callerRegion) : '';
  // Only an open search fans out (a homeRegion filter goes to one node), so there is no filter home here.
  const published = publishTalentStats({ ...merged, groupBy, homeRegion: null, own, settings });
  const full = {
    __typename: 'TalentStats',
    ...published,
    groups: published.groups.map((g) => ({
      __typename: 'TalentStatsGroup',
      ...g,
      keys: g.keys.map((k) => ({
        __typename: 'TalentStatsKey',
        ...k,
        label: labels.get(JSON.stringify([k.dimension, k.value])) ?? null,
        region: k.dimension === 'REGION' && k.value ? { __typename: 'Region', code: k.value } : null,
      })),
    })),
  };
  return project(full, set, ctx);
}
