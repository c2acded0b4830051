import { expect } from 'vitest';
import type { Dataset } from '../../data/generate.ts';
import { chinaDate } from '../../platform/calendar.ts';
import type { TalentDoc } from '../../subgraphs/experts/model.ts';

/**
 * The aggregate API's publishing rules, written out independently of the hub's code, for the
 * tests that check its counts: the smallest group shown and the rounding of other provinces'
 * records, which talents a province may count, and the talentStats query they read.
 */

/** The default smallest group of other provinces' records that is published (HUB_STATS_MIN_GROUP). */
export const MIN = 5;
/** Other provinces' counts are published as multiples of BASE. */
export const BASE = 5;

/** A published count of other provinces' records: a multiple of BASE within BASE - 1 of the truth. */
export function expectRounded(published: number | null, truth: number, what: string): void {
  expect(published, what).not.toBeNull();
  expect(published! % BASE, `${what}: ${published} is a multiple of ${BASE}`).toBe(0);
  expect(Math.abs(published! - truth), `${what}: ${published} for ${truth}`).toBeLessThan(BASE);
}

/** The six-digit province code of a region code. */
export const province = (code: string) => `${code.slice(0, 2)}0000`;

/** The sharing rules: which of the dataset's talents a province may count, by the agreements in force today. */
export function visibleTo(dataset: Dataset, region: string): (t: TalentDoc) => boolean {
  const today = chinaDate(new Date());
  const grants = dataset.coordination.agreements
    .filter((a) => a.signedOn <= today && (a.validUntil === null || today <= a.validUntil))
    .filter((a) => a.partyCodes.some((p) => province(p) === region))
    .flatMap((a) =>
      a.partyCodes
        .map(province)
        .filter((p) => p !== region)
        .map((p) => ({ region: p, scope: a.scope })),
    );
  return (t) =>
    t.homeRegion === region ||
    t.sharing === 'NATIONAL' ||
    (t.sharing === 'AGREEMENT' &&
      grants.some((g) => g.region === t.homeRegion && (g.scope.sectors.some((s) => t.sectors.includes(s)) || g.scope.disciplineCodes.some((d) => t.disciplineCodes.includes(d)))));
}

/** Counts items by key. */
export function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}

/** talentStats with every field the tests check. */
export const STATS_QUERY = `query Stats($groupBy: [TalentDimension!]!, $filter: TalentFilter) {
  talentStats(groupBy: $groupBy, filter: $filter) {
    groupBy total ownRegionTotal suppressedGroups minGroupSize
    groups { keys { dimension value label region { code name } } count ownRegionCount suppressed }
  } }`;

/** A talentStats group as STATS_QUERY returns it. */
export interface Group {
  keys: { dimension: string; value: string | null; label: string | null; region: { code: string; name: string } | null }[];
  count: number | null;
  ownRegionCount: number;
  suppressed: boolean;
}

/** A talent of `home` registered by the test, so that the seed's chance cannot decide the outcome. */
export function newTalent(home: string, title: string, sharing: 'PRIVATE' | 'AGREEMENT' | 'NATIONAL', i: number) {
  return {
    name: `测试${i}`,
    gender: 'FEMALE',
    birthYear: 1980,
    degree: 'DOCTORATE',
    title,
    careerStage: 'SENIOR',
    organization: '测试研究院',
    disciplineCodes: ['210'],
    sectors: ['AGRICULTURE'],
    homeRegion: home,
    sharing,
    source: 'dashboard-api.test',
  };
}
