import { describe, expect, it } from 'vitest';
import { pad6, touches, within } from '../../data/codes.ts';

describe('pad6', () => {
  it('pads to six digits so ids sort lexically in numeric order', () => {
    expect(pad6(1)).toBe('000001');
    expect(pad6(999_999)).toBe('999999');
    expect([pad6(10), pad6(9), pad6(100)].sort()).toEqual(['000009', '000010', '000100']);
  });
});

describe('within and touches', () => {
  it('a province contains its prefectures and counties; a prefecture its counties; a county only itself', () => {
    expect(within('510100', '510000')).toBe(true);
    expect(within('510104', '510000')).toBe(true);
    expect(within('510104', '510100')).toBe(true);
    expect(within('510000', '510000')).toBe(true);
    expect(within('510000', '510100')).toBe(false);
    expect(within('500101', '510000')).toBe(false);
    expect(within('510105', '510104')).toBe(false);
    expect(within('331125', '331125')).toBe(true);
  });

  it('touches either way: a province talent and a county party of it, or the reverse', () => {
    expect(touches('330000', '331125')).toBe(true);
    expect(touches('331125', '330000')).toBe(true);
    expect(touches('350725', '350000')).toBe(true);
    expect(touches('330000', '350725')).toBe(false);
    expect(touches('510100', '500000')).toBe(false);
  });
});
