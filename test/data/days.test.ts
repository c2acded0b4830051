import { describe, expect, it } from 'vitest';
import { DAY_MS, dayOf, isoDay } from '../../data/days.ts';

describe('UTC day arithmetic', () => {
  it('numbers days from the epoch and formats them back as ISO dates', () => {
    expect(dayOf('1970-01-01')).toBe(0);
    expect(isoDay(0)).toBe('1970-01-01');
    expect(dayOf('2026-11-01')).toBe(Date.UTC(2026, 10, 1) / DAY_MS);
    for (const iso of ['2019-01-01', '2020-02-29', '2024-12-31', '2027-03-01']) expect(isoDay(dayOf(iso))).toBe(iso);
    expect(dayOf('2021-03-01') - dayOf('2021-02-28')).toBe(1);
    expect(dayOf('2020-03-01') - dayOf('2020-02-28')).toBe(2);
  });
});
