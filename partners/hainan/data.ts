import type { HainanServiceRecordDoc, HainanTalentCardDoc } from './model.ts';

/**
 * Example data (synthetic, deterministic): service records for every fifth talent id of the hub's
 * seed data (T000005, T000010, ...), and a talent service card for a third of them.
 */

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

export function exampleData(talents = 3000): { records: HainanServiceRecordDoc[]; cards: HainanTalentCardDoc[] } {
  const records: HainanServiceRecordDoc[] = [];
  const cards: HainanTalentCardDoc[] = [];
  let seq = 0;
  for (let n = 5; n <= talents; n += 5) {
    const talentId = `T${pad(n, 6)}`;
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
