import { describe, expect, it } from 'vitest';
import { loadDisciplines } from '../../data/disciplines.ts';
import { ds } from './fixture.ts';

describe('disciplines', () => {
  it('disciplines are the 62 first-level codes of GB/T 13745-2009', () => {
    const list = loadDisciplines();
    expect(list).toHaveLength(62);
    expect(list[0]).toEqual({ _id: '110', name: '数学' });
    expect(list.at(-1)).toEqual({ _id: '910', name: '统计学' });
    expect(list.find((d) => d._id === '210')?.name).toBe('农学');
    expect(new Set(list.map((d) => d._id)).size).toBe(62);
    expect(ds.experts.disciplines).toEqual(list);
  });
});
