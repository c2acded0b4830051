import { generateDataset } from '../../../data/generate.ts';
import type { AcmeRecordDoc } from './model.ts';

/**
 * Example records (synthetic): one for every seventh talent of the hub's seed data (serials
 * 000007, 000014, ...), so a development hub has something to join. Talent ids name their home
 * province (`T-510000-000007`), so the records are made for the ids of a generated dataset: by
 * default the hub's default seed (HUB_SEED_TALENTS=3000, HUB_SEED=20260101).
 */
export function exampleRecords(talentIds: readonly string[] = seedTalentIds()): AcmeRecordDoc[] {
  const records: AcmeRecordDoc[] = [];
  for (let n = 7; n <= talentIds.length; n += 7) {
    const talentId = talentIds[n - 1]!;
    records.push({ _id: `acme-${String(n).padStart(6, '0')}`, talentId, title: 'Example record', recordedOn: `2026-0${String((n % 9) + 1)}-15` });
  }
  return records;
}

/** The talent ids of the hub's seed data made with these settings, in serial order. */
export function seedTalentIds(settings: { talents: number; seed: number } = { talents: 3000, seed: 20260101 }): string[] {
  return generateDataset(settings).experts.talents.map((t) => t._id);
}
