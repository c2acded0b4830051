import type { AcmeRecordDoc } from './model.ts';

/**
 * Example records (synthetic): one for every seventh talent id of the hub's seed data
 * (T000007, T000014, ...), so a development hub has something to join.
 */
export function exampleRecords(talents = 3000): AcmeRecordDoc[] {
  const records: AcmeRecordDoc[] = [];
  for (let n = 7; n <= talents; n += 7) {
    const talentId = `T${String(n).padStart(6, '0')}`;
    records.push({ _id: `acme-${String(n).padStart(6, '0')}`, talentId, title: 'Example record', recordedOn: `2026-0${String((n % 9) + 1)}-15` });
  }
  return records;
}
