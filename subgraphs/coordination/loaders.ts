import { byKeyLoader, groupLoader } from '../../platform/loaders.ts';
import type { CoordinationStore } from './store.ts';

/** One DataLoader per hop, created per request (caches must not outlive a request). */
export function createLoaders(store: CoordinationStore) {
  return {
    regionByCode: byKeyLoader(
      (codes) => store.regionsByCodes(codes),
      (r) => r._id,
    ),
    /** Regions directly under each parent, in code order. */
    childrenByRegion: groupLoader(
      (codes) => store.childrenOf(codes),
      (r) => r.parentCode ?? [],
    ),
    agreementById: byKeyLoader(
      (ids) => store.agreementsByIds(ids),
      (a) => a._id,
    ),
    /** Agreements each region is itself a party to, in signing order. */
    agreementsByRegion: groupLoader(
      (codes) => store.agreementsOfParties(codes),
      (a) => a.partyCodes,
    ),
    engagementById: byKeyLoader(
      (ids) => store.engagementsByIds(ids),
      (e) => e._id,
    ),
    /** Confirmed links naming each talent (issue 17). */
    confirmedLinksByTalentId: groupLoader(
      (ids) => store.links.candidatesOfRecords(ids, ['CONFIRMED']),
      (c) => c.recordIds,
    ),
    /** Engagements of each talent, latest start first. */
    engagementsByTalentId: groupLoader(
      (ids) => store.engagementsOfTalents(ids),
      (e) => e.talentId,
    ),
  };
}

export type CoordinationLoaders = ReturnType<typeof createLoaders>;
