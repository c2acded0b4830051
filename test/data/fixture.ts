import { generateDataset, type Dataset } from '../../data/generate.ts';

/**
 * The dataset the data tests read: 3000 talents of a fixed seed, generated once per test file,
 * with the lookups most of them need.
 */
export const NOW = new Date('2026-11-01T00:00:00Z');
export const SEED = 20261101;
export const ds: Dataset = generateDataset({ talents: 3000, seed: SEED });
export const talentById = new Map(ds.experts.talents.map((t) => [t._id, t]));
export const regionById = new Map(ds.coordination.regions.map((r) => [r._id, r]));
/** The six-digit province code of a region code. */
export const provinceOf = (code: string) => `${code.slice(0, 2)}0000`;
