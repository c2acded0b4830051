import { byKeyLoader, groupLoader } from '../../platform/loaders.ts';
import type { HainanStore } from './store.ts';

/** One DataLoader per hop, created per request. */
export function createLoaders(store: HainanStore) {
  return {
    recordById: byKeyLoader(
      (ids) => store.recordsByIds(ids),
      (r) => r._id,
    ),
    recordsByTalentId: groupLoader(
      (ids) => store.recordsByTalentIds(ids),
      (r) => r.talentId,
    ),
    cardByTalentId: byKeyLoader(
      (ids) => store.cardsByTalentIds(ids),
      (c) => c.talentId,
    ),
  };
}

export type HainanLoaders = ReturnType<typeof createLoaders>;
