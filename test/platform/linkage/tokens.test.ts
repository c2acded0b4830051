import { describe, expect, it } from 'vitest';
import type { LinkageSource, LinkageTokens } from '../../../platform/linkage/contract.ts';
import { makeResidentId, mistypeResidentId } from '../../../platform/linkage/resident-id.ts';
import { tokenize } from '../../../platform/linkage/tokens.ts';

const KEY = new Uint8Array(32).fill(7);
const OTHER_KEY = new Uint8Array(32).fill(8);
const NUMBER = makeResidentId('510104', '1985-07-09', 123);
const source: LinkageSource = {
  id: 'T-510000-000001',
  province: '510000',
  residentId: NUMBER,
  name: '张伟',
  birthYear: 1985,
  gender: 'MALE',
  organisation: '四川农业大学',
  disciplines: ['210', '230'],
  sharing: 'AGREEMENT',
};
const all = (t: LinkageTokens) =>
  [t.residentId, ...(t.residentIdParts ?? []), ...t.name, t.birthYear, ...(t.birthYearNear ?? []), t.gender, ...(t.organisation ?? []), ...t.disciplines].filter(
    (x): x is string => typeof x === 'string',
  );

describe('tokenize', () => {
  it('is stable: the same record and key give the same tokens; 16 bytes base64url each', () => {
    const a = tokenize(source, KEY);
    expect(tokenize({ ...source }, KEY)).toEqual(a);
    for (const token of all(a)) expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.residentIdParts).toHaveLength(3);
    expect(a.birthYearNear).toHaveLength(2);
  });

  it('carries no raw value: no name, number, year, organisation or discipline appears in the tokens', () => {
    const text = JSON.stringify({ ...tokenize(source, KEY), id: undefined, province: undefined });
    for (const raw of [NUMBER, NUMBER.slice(0, 6), '张伟', 'zhangwei', '1985', 'MALE', '四川农业大学', '210']) expect(text).not.toContain(raw);
  });

  it('depends on the key: under another key no token is in common', () => {
    const mine = new Set(all(tokenize(source, KEY)));
    expect(all(tokenize(source, OTHER_KEY)).filter((t) => mine.has(t))).toEqual([]);
  });

  it('writings of one name share a token; pinyin-only writings share only a pinyin token', () => {
    const chars = tokenize(source, KEY);
    const traditional = tokenize({ ...source, name: '張偉' }, KEY);
    const latin = tokenize({ ...source, name: 'ZHANG Wei' }, KEY);
    expect(traditional.name).toEqual(chars.name);
    const sharedWithLatin = latin.name.filter((t) => chars.name.includes(t));
    expect(sharedWithLatin).toHaveLength(1);
    expect(chars.namePinyin).toContain(sharedWithLatin[0]);
  });

  it('a mistyped identity number shares a part, a birth year one off meets a neighbour token', () => {
    const typo = tokenize({ ...source, residentId: mistypeResidentId(NUMBER, 16, 5), birthYear: 1986 }, KEY);
    const a = tokenize(source, KEY);
    expect(typo.residentId).not.toBe(a.residentId);
    expect(typo.residentIdParts?.filter((p) => a.residentIdParts?.includes(p))).toHaveLength(1);
    expect(a.birthYearNear).toContain(typo.birthYear);
  });

  it('leaves an invalid or absent identity number out, and refuses a short key', () => {
    expect(tokenize({ ...source, residentId: '510104198507091230' }, KEY).residentId).toBeUndefined();
    expect(tokenize({ ...source, residentId: null }, KEY).residentIdParts).toBeUndefined();
    expect(() => tokenize(source, new Uint8Array(8))).toThrow(RangeError);
  });
});
