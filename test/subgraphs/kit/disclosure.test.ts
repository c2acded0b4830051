import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../subgraphs/kit/config.ts';
import { discloseCells } from '../../../subgraphs/kit/disclosure.ts';
import { ConfigError } from '../../../subgraphs/kit/env.ts';

const cell = (values: string[], own: number, others: number) => ({ values, own, others });
const suppressed = (r: ReturnType<typeof discloseCells>) => r.cells.filter((c) => c.suppressed).map((c) => c.values.join('/'));

describe('discloseCells (small-group suppression)', () => {
  it('shows own-province cells and large groups exactly, suppresses small groups of others', () => {
    const r = discloseCells([cell(['51'], 40, 0), cell(['50'], 0, 12), cell(['11'], 0, 3), cell(['12'], 0, 4)], 19, 5);
    expect(suppressed(r)).toEqual(['11', '12']);
    expect(r.totalDisclosed).toBe(true); // 3 + 4 hidden: the total gives back only their sum, 7
  });

  it('suppresses the next smallest group when one small group alone could be derived from the total', () => {
    const r = discloseCells([cell(['50'], 0, 12), cell(['11'], 0, 3), cell(['12'], 0, 6), cell(['13'], 0, 9)], 30, 5);
    expect(suppressed(r)).toEqual(['11', '12']);
    expect(r.totalDisclosed).toBe(true);
  });

  it('withholds the total when nothing else can hide a small group', () => {
    const r = discloseCells([cell(['51'], 20, 0), cell(['11'], 0, 2)], 2, 5);
    expect(suppressed(r)).toEqual(['11']);
    expect(r.totalDisclosed).toBe(false);
  });

  it('protects every row and column of a two-dimensional table', () => {
    // Row 11 has one small cell (2): its row total (another query away) would give it back.
    const r = discloseCells(
      [cell(['11', 'A'], 0, 2), cell(['11', 'B'], 0, 7), cell(['11', 'C'], 0, 9), cell(['12', 'A'], 0, 8), cell(['12', 'B'], 0, 8)],
      34,
      5,
    );
    expect(suppressed(r)).toContain('11/A');
    expect(suppressed(r)).toContain('11/B'); // smallest other cell of row 11
    // Column A then hides 2 alone unless 12/A goes too.
    expect(suppressed(r)).toContain('12/A');
  });

  it('never suppresses cells with only the caller province records', () => {
    const r = discloseCells([cell(['51'], 1, 0), cell(['11'], 0, 1)], 1, 5);
    expect(r.cells[0]!.suppressed).toBe(false);
  });
});

describe('HUB_STATS_MIN_GROUP', () => {
  it('defaults to 5 and is parsed like every setting', () => {
    expect(loadConfig({}).statsMinGroup).toBe(5);
    expect(loadConfig({ HUB_STATS_MIN_GROUP: '10' }).statsMinGroup).toBe(10);
    expect(loadConfig({ HUB_STATS_MIN_GROUP: '' }).statsMinGroup).toBe(5);
    expect(() => loadConfig({ HUB_STATS_MIN_GROUP: '1' })).toThrow(ConfigError);
    expect(() => loadConfig({ HUB_STATS_MIN_GROUP: 'five' })).toThrow(/HUB_STATS_MIN_GROUP/);
  });
});
