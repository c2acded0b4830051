import DataLoader from 'dataloader';
import type { PageRequest } from '../kit/connection.ts';
import { byKeyLoader } from '../kit/loaders.ts';
import type { TalentDoc } from './model.ts';
import type { ExpertsStore } from './store.ts';

/** One DataLoader per hop, created per request (caches must not outlive a request). */
export function createLoaders(store: ExpertsStore) {
  return {
    talentById: byKeyLoader((ids) => store.talentsByIds(ids), (t) => t._id),
    poolById: byKeyLoader((ids) => store.poolsByIds(ids), (p) => p._id),
    disciplineByCode: byKeyLoader((codes) => store.disciplinesByCodes(codes), (d) => d._id),
    /** Member pages keyed by pool; the page (first/after) is part of the key and batches group by it. */
    memberPageByPool: new DataLoader<{ poolId: string; page: PageRequest }, TalentDoc[], string>(
      async (keys) => {
        const byPage = new Map<string, { page: PageRequest; poolIds: string[] }>();
        for (const { poolId, page } of keys) {
          const k = `${page.first}|${page.afterKey ?? ''}`;
          const entry = byPage.get(k) ?? { page, poolIds: [] };
          entry.poolIds.push(poolId);
          byPage.set(k, entry);
        }
        const results = new Map<string, Map<string, TalentDoc[]>>();
        await Promise.all(
          [...byPage].map(async ([k, { page, poolIds }]) => results.set(k, await store.memberPages(poolIds, page))),
        );
        return keys.map(({ poolId, page }) => results.get(`${page.first}|${page.afterKey ?? ''}`)?.get(poolId) ?? []);
      },
      { cacheKeyFn: ({ poolId, page }) => `${poolId}|${page.first}|${page.afterKey ?? ''}` },
    ),
    memberCountByPool: new DataLoader<string, number>(async (poolIds) => {
      const counts = await store.memberCounts(poolIds);
      return poolIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}

export type ExpertsLoaders = ReturnType<typeof createLoaders>;
