import { byKeyLoader, groupLoader } from '../../../platform/loaders.ts';
import type { AcmeStore } from './store.ts';

/** One DataLoader per hop, created per request. */
export function createLoaders(store: AcmeStore) {
  return {
    recordById: byKeyLoader(
      (ids) => store.recordsByIds(ids),
      (r) => r._id,
    ),
    recordsByTalentId: groupLoader(
      (ids) => store.recordsByTalentIds(ids),
      (r) => r.talentId,
    ),
  };
}

export type AcmeLoaders = ReturnType<typeof createLoaders>;
