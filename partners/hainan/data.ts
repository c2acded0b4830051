import { generateDataset } from '../../data/generate.ts';
import type { HainanServiceRecordDoc, HainanTalentCardDoc } from './model.ts';

/**
 * Example data (synthetic, deterministic): service records for every fifth talent of the hub's
 * seed data (serials 000005, 000010, ...), and a talent service card for a third of them. Talent
 * ids name their home province (`T-510000-000005`), so the records are made for the ids of a
 * generated dataset: by default the hub's default seed (HUB_SEED_TALENTS=3000, HUB_SEED=20260101).
 */

/** The talent ids of the hub's seed data made with these settings, in serial order. */
export function seedTalentIds(settings: { talents: number; seed: number } = { talents: 3000, seed: 20260101 }): string[] {
  return generateDataset(settings).experts.talents.map((t) => t._id);
}

const CENTRES = [
  { centre: '海南省人才服务中心', cityCode: '460100' },
  { centre: '海口市人才服务中心', cityCode: '460100' },
  { centre: '三亚市人才服务中心', cityCode: '460200' },
  { centre: '儋州市人才服务中心', cityCode: '460400' },
  { centre: '洋浦经济开发区人才服务中心', cityCode: '460400' },
] as const;
const KINDS = ['TALENT_CARD', 'WORK_PERMIT', 'VISA', 'SETTLEMENT', 'HOUSING', 'SCHOOLING'] as const;
const STATUSES = ['COMPLETED', 'COMPLETED', 'IN_PROGRESS', 'SUBMITTED', 'DECLINED'] as const;
const TIERS = ['A', 'B', 'C', 'D', 'E', 'E', 'D', 'C'] as const;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const day = (year: number, n: number) => `${year}-${pad((n % 12) + 1, 2)}-${pad((n % 27) + 1, 2)}`;

/** The example data for the talents `talentIds` (the seed's ids in serial order: the n-th is serial n). */
export function exampleData(talentIds: readonly string[] = seedTalentIds()): { records: HainanServiceRecordDoc[]; cards: HainanTalentCardDoc[] } {
  const records: HainanServiceRecordDoc[] = [];
  const cards: HainanTalentCardDoc[] = [];
  let seq = 0;
  for (let n = 5; n <= talentIds.length; n += 5) {
    const talentId = talentIds[n - 1]!;
    // One to three services per talent, of different kinds.
    const count = (n % 3) + 1;
    for (let k = 0; k < count; k++) {
      seq += 1;
      const kind = KINDS[(n / 5 + k * 2) % KINDS.length]!;
      const status = STATUSES[(n + k) % STATUSES.length]!;
      const { centre, cityCode } = CENTRES[(n + k) % CENTRES.length]!;
      const year = 2023 + ((n + k) % 3);
      records.push({
        _id: `hn-svc-${pad(seq, 6)}`,
        talentId,
        kind,
        status,
        centre,
        cityCode,
        appliedOn: day(year, n + k),
        closedOn: status === 'COMPLETED' || status === 'DECLINED' ? day(year + 1, n + k + 3) : null,
      });
    }
    if (n % 3 === 0) {
      const issued = 2022 + (n % 4);
      cards.push({ _id: `HN-${issued}-${pad(n, 6)}`, talentId, tier: TIERS[n % TIERS.length]!, issuedOn: day(issued, n), validUntil: day(issued + 5, n) });
    }
  }
  return { records, cards };
}
