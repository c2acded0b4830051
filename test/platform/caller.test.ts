import { describe, expect, it } from 'vitest';
import { inSameProvince, requireOwnProvince } from '../../platform/caller.ts';
import { callerFor } from '../helpers/caller.ts';

/** requireOwnProvince compares provinces, whatever the levels of the two codes, and fails closed on anything else. */
describe('own-province checks of writes', () => {
  it('puts a province, its prefectures and counties together, and nothing else', () => {
    expect(inSameProvince('510104', '510000')).toBe(true); // a Chengdu district and Sichuan
    expect(inSameProvince('510000', '510100')).toBe(true); // Sichuan and Chengdu
    expect(inSameProvince('510100', '510400')).toBe(true); // two prefectures of Sichuan
    expect(inSameProvince('510000', '500000')).toBe(false); // Sichuan and Chongqing
    expect(inSameProvince('500103', '510000')).toBe(false);
  });

  it('matches nothing for a code that is not six digits, even with the right prefix', () => {
    for (const bad of ['51', '5100', '5100000', '51000a', '', '000000', '51 000']) {
      expect(inSameProvince(bad, '510000'), bad).toBe(false);
      expect(inSameProvince('510000', bad), bad).toBe(false);
    }
  });

  it('throws FORBIDDEN naming the owning province and the caller’s region', () => {
    const caller = callerFor('630100').caller!;
    expect(() => requireOwnProvince(caller, '630000', "the programme's owner region")).not.toThrow();
    try {
      requireOwnProvince(caller, '510100', "the programme's owner region");
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: { code: string } }).extensions.code).toBe('FORBIDDEN');
      expect((error as Error).message).toBe("Only systems of province 510000 (the programme's owner region 510100) may do this; your token is for region 630100.");
    }
    expect(() => requireOwnProvince(caller, '63', 'x')).toThrow(/province unknown/);
  });
});
