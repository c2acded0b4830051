import DataLoader from 'dataloader';
import type { AuditLog } from '../../platform/audit/chain.ts';
import { byKeyLoader, groupLoader, pagedGroupLoader } from '../../platform/loaders.ts';
import type { RequestInfo } from '../../platform/request.ts';
import type { TalentDoc } from './model.ts';
import type { ExpertsStore } from './store.ts';
import { visibilityFilter } from './visibility.ts';

/**
 * One DataLoader per hop, created per request (caches must not outlive a request, and member
 * pages and counts are scoped to what this caller may see).
 */
export function createLoaders(store: ExpertsStore, audit: AuditLog, request: RequestInfo, now: () => Date) {
  const scope = visibilityFilter(request.caller);
  return {
    /** Any talent by id, whoever may see it: for writes and owner lookups, which decide themselves what the caller may name. */
    talentById: byKeyLoader(
      (ids) => store.talentsByIds(ids),
      (t) => t._id,
    ),
    /**
     * A talent by id only when this caller may see it, filtered by the store's query: what reads
     * use, so looking up a hidden talent reads nothing more than looking up an id that does not
     * exist (THREAT-MODEL.md: a province must not learn that a hidden talent exists, timing included).
     */
    visibleTalentById: byKeyLoader(
      (ids) => store.talentsByIds(ids, scope),
      (t) => t._id,
    ),
    poolById: byKeyLoader(
      (ids) => store.poolsByIds(ids),
      (p) => p._id,
    ),
    disciplineByCode: byKeyLoader(
      (codes) => store.disciplinesByCodes(codes),
      (d) => d._id,
    ),
    /** Pools registered at each region (exactly there), in id order: pool coverage of many areas in one `$in`. */
    poolsByRegionCode: groupLoader(
      (codes) => store.poolsAtRegions(codes),
      (p) => p.regionCode,
    ),
    /** Member pages keyed by pool; the page (first/after) is part of the key and batches group by it. */
    memberPageByPool: pagedGroupLoader('poolId', (poolIds, page) => store.memberPages(poolIds, page, scope)),
    memberCountByPool: new DataLoader<string, number>(async (poolIds) => {
      const counts = await store.memberCounts(poolIds, scope);
      return poolIds.map((id) => counts.get(id) ?? 0);
    }),
    /**
     * Records that personal fields of another region's talents were given to this caller: one
     * audit event per talent per request, appended (and acknowledged) before the fields are
     * returned.
     */
    personalRead: new DataLoader<{ talent: TalentDoc; field: string }, true, string>(
      async (keys) => {
        const byTalent = new Map<string, { talent: TalentDoc; fields: string[] }>();
        for (const { talent, field } of keys) {
          const entry = byTalent.get(talent._id) ?? { talent, fields: [] };
          if (!entry.fields.includes(field)) entry.fields.push(field);
          byTalent.set(talent._id, entry);
        }
        if (!request.caller) throw new Error('personal data read without a caller');
        await audit.append(
          request.caller,
          request.operation,
          [...byTalent.values()].map(({ talent, fields }) => ({
            action: 'READ_PERSONAL' as const,
            entityType: 'Talent',
            entityId: talent._id,
            talentId: talent._id,
            talentHome: talent.homeRegion,
            fields: fields.sort(),
          })),
          now(),
        );
        return keys.map(() => true as const);
      },
      { cacheKeyFn: ({ talent, field }) => `${talent._id}|${field}` },
    ),
  };
}

export type ExpertsLoaders = ReturnType<typeof createLoaders>;
