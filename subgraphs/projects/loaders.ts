import DataLoader from 'dataloader';
import type { PageRequest } from '../../platform/connection.ts';
import { byKeyLoader, groupLoader } from '../../platform/loaders.ts';
import type { AwardDoc } from './model.ts';
import type { AwardStats, ProjectsStore } from './store.ts';

const NO_AWARDS: AwardStats = { total: 0, byCategory: new Map() };

/** One DataLoader per hop, created per request (caches must not outlive a request). */
export function createLoaders(store: ProjectsStore) {
  return {
    programById: byKeyLoader((ids) => store.programsByIds(ids), (p) => p._id),
    awardById: byKeyLoader((ids) => store.awardsByIds(ids), (a) => a._id),
    challengeById: byKeyLoader((ids) => store.challengesByIds(ids), (c) => c._id),
    /** Awards of a talent, most recent year first (one `$in` query on talentId per batch). */
    awardsByTalentId: groupLoader((ids) => store.awardsByTalentIds(ids), (a) => a.talentId),
    /** Award counts per category of a programme: targets' `achieved` and awards' `totalCount`. */
    awardStatsByProgramId: new DataLoader<string, AwardStats>(async (programIds) => {
      const stats = await store.awardStats(programIds);
      return programIds.map((id) => stats.get(id) ?? NO_AWARDS);
    }),
    /** Award pages keyed by programme; the page (first/after) is part of the key and batches group by it. */
    awardPageByProgram: new DataLoader<{ programId: string; page: PageRequest }, AwardDoc[], string>(
      async (keys) => {
        const byPage = new Map<string, { page: PageRequest; programIds: string[] }>();
        for (const { programId, page } of keys) {
          const k = `${page.first}|${page.afterKey ?? ''}`;
          const entry = byPage.get(k) ?? { page, programIds: [] };
          entry.programIds.push(programId);
          byPage.set(k, entry);
        }
        const results = new Map<string, Map<string, AwardDoc[]>>();
        await Promise.all(
          [...byPage].map(async ([k, { page, programIds }]) => results.set(k, await store.awardPages(programIds, page))),
        );
        return keys.map(({ programId, page }) => results.get(`${page.first}|${page.afterKey ?? ''}`)?.get(programId) ?? []);
      },
      { cacheKeyFn: ({ programId, page }) => `${programId}|${page.first}|${page.afterKey ?? ''}` },
    ),
  };
}

export type ProjectsLoaders = ReturnType<typeof createLoaders>;
