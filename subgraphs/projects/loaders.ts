import DataLoader from 'dataloader';
import { byKeyLoader, groupLoader, pagedGroupLoader } from '../../platform/loaders.ts';
import type { AwardStats, ProjectsStore } from './store.ts';

const NO_AWARDS: AwardStats = { total: 0, byCategory: new Map() };

/** One DataLoader per hop, created per request (caches must not outlive a request). */
export function createLoaders(store: ProjectsStore) {
  return {
    programById: byKeyLoader(
      (ids) => store.programsByIds(ids),
      (p) => p._id,
    ),
    awardById: byKeyLoader(
      (ids) => store.awardsByIds(ids),
      (a) => a._id,
    ),
    challengeById: byKeyLoader(
      (ids) => store.challengesByIds(ids),
      (c) => c._id,
    ),
    /** Awards of a talent, most recent year first (one `$in` query on talentId per batch). */
    awardsByTalentId: groupLoader(
      (ids) => store.awardsByTalentIds(ids),
      (a) => a.talentId,
    ),
    /** Award counts per category of a programme: targets' `achieved` and awards' `totalCount`. */
    awardStatsByProgramId: new DataLoader<string, AwardStats>(async (programIds) => {
      const stats = await store.awardStats(programIds);
      return programIds.map((id) => stats.get(id) ?? NO_AWARDS);
    }),
    /** Award pages keyed by programme; the page (first/after) is part of the key and batches group by it. */
    awardPageByProgram: pagedGroupLoader('programId', (programIds, page) => store.awardPages(programIds, page)),
  };
}

export type ProjectsLoaders = ReturnType<typeof createLoaders>;
