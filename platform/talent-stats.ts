import { type DisclosureSettings, discloseCount, type OthersCount, type PublishedCount } from './disclosure.ts';

/**
 * The published form of `talentStats`, computed from raw counts. The experts subgraph counts in its
 * store; with provincial nodes (README, "Topology") each node counts its own provinces' talents
 * (`talentStatsParts`) and the gateway sums their groups first: disclosure control (small-group
 * suppression, consistent rounding) must see the whole group, or a group split over two nodes
 * would be suppressed on both where one node holding everything would publish it. Both call
 * `publishTalentStats`, so a merged answer is exactly the answer of one node holding every talent.
 */

/** Talent counts of one group (or the total), split into the caller's own province and the rest. */
export interface TalentCountGroup {
  /** One value per dimension grouped by, in that order; null when the talent has none. */
  values: (string | null)[];
  /** Talents of the caller's own province. */
  own: number;
  /** Other provinces' talents: how many, and the sum of their record keys (for the rounding draw). */
  others: OthersCount;
}

/** Raw counts of one store (or several summed by `mergeTalentCounts`). */
export interface TalentCounts {
  groups: readonly TalentCountGroup[];
  total: { own: number; others: OthersCount };
}

/** What `publishTalentStats` publishes from. */
export interface TalentStatsCounts<D extends string> extends TalentCounts {
  /** The dimensions grouped by, in the order asked (`REGION` is the home province). */
  groupBy: readonly D[];
  /** The filter's `homeRegion`, if any: a question about the caller's own province holds no one else's talents. */
  homeRegion: string | null | undefined;
  /** The caller's province (GB/T 2260 province code). */
  own: string;
  settings: DisclosureSettings;
}

/** `TalentStats` as the API publishes it (keys before their labels are looked up). */
export interface PublishedTalentStats<D extends string> {
  groupBy: D[];
  groups: { keys: { dimension: D; value: string | null }[]; count: number | null; ownRegionCount: number; suppressed: boolean }[];
  total: number | null;
  ownRegionTotal: number;
  suppressedGroups: number;
  minGroupSize: number;
}

interface ShownGroup extends PublishedCount {
  values: (string | null)[];
  own: number;
}

/**
 * Largest published count first (a suppressed group by its own part, after the shown ones), then in
 * key order: the order depends only on what is published, so it tells nothing the counts do not.
 */
function byPublishedCountThenKey(a: ShownGroup, b: ShownGroup): number {
  if (a.suppressed !== b.suppressed) return a.suppressed ? 1 : -1;
  const size = (g: ShownGroup) => g.count ?? g.own;
  if (size(a) !== size(b)) return size(b) - size(a);
  const ka = JSON.stringify(a.values);
  const kb = JSON.stringify(b.values);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Sums the counts of several stores (nodes holding disjoint sets of talents) group by group: the
 * counts, and the record-key fingerprints, which are exact integer sums, so the rounding draw of
 * a group is the one a single store holding every talent would make.
 */
export function mergeTalentCounts(parts: readonly TalentCounts[]): TalentCounts {
  const byKey = new Map<string, TalentCountGroup>();
  const total = { own: 0, others: { n: 0, fingerprint: 0 } };
  const add = (into: { own: number; others: OthersCount }, from: { own: number; others: OthersCount }) => {
    into.own += from.own;
    into.others = { n: into.others.n + from.others.n, fingerprint: into.others.fingerprint + from.others.fingerprint };
  };
  for (const part of parts) {
    for (const g of part.groups) {
      const key = JSON.stringify(g.values);
      let group = byKey.get(key);
      if (!group) byKey.set(key, (group = { values: [...g.values], own: 0, others: { n: 0, fingerprint: 0 } }));
      add(group, g);
    }
    add(total, part.total);
  }
  return { groups: [...byKey.values()], total };
}

/**
 * Applies disclosure control (platform/disclosure.ts) to every group and the total, and shapes the
 * answer: groups left out when they may not be shown, suppressed ones with only the caller's own
 * part, sorted by `byPublishedCountThenKey`.
 */
export function publishTalentStats<D extends string>(counts: TalentStatsCounts<D>): PublishedTalentStats<D> {
  const { groupBy, own, settings } = counts;
  // Cells that are the caller's own province by the question itself hold no one else's talents.
  const ownOnlyFilter = counts.homeRegion === own;
  const region = groupBy.indexOf('REGION' as D);
  const shown: ShownGroup[] = [];
  for (const g of counts.groups) {
    const ownOnly = ownOnlyFilter || (region >= 0 && g.values[region] === own);
    const published = discloseCount({ own: g.own, others: g.others, ownOnly }, 'talents', settings);
    // Left out: fewer than the minimum of others and none of the caller's own, like an empty group.
    if (published) shown.push({ ...published, values: g.values, own: g.own });
  }
  const publishedTotal = discloseCount({ own: counts.total.own, others: counts.total.others, ownOnly: ownOnlyFilter }, 'talents', settings);
  return {
    groupBy: [...groupBy],
    groups: shown.sort(byPublishedCountThenKey).map((g) => ({
      keys: groupBy.map((dimension, i) => ({ dimension, value: g.values[i] ?? null })),
      count: g.count,
      ownRegionCount: g.own,
      suppressed: g.suppressed,
    })),
    total: publishedTotal?.count ?? null,
    ownRegionTotal: counts.total.own,
    suppressedGroups: shown.filter((g) => g.suppressed).length,
    minGroupSize: settings.minGroup,
  };
}
