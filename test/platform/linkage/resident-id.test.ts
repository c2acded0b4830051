import { describe, expect, it } from 'vitest';
import { makeResidentId, mistypeResidentId, ResidentId, validateResidentId } from '../../../platform/linkage/resident-id.ts';

/** GB 11643-1999's own example number: Beijing Chaoyang, born 1949-12-31, sequence 002 (a woman), check X. */
const EXAMPLE = '11010519491231002X';
const TODAY = new Date('2026-12-01T00:00:00Z');

describe('validateResidentId (GB 11643-1999)', () => {
  it('reads the standard example: region, province, birth date, sequence, gender', () => {
    expect(validateResidentId(EXAMPLE, TODAY)).toEqual({
      ok: true,
      parts: { value: EXAMPLE, region: '110105', province: '110000', birthDate: '1949-12-31', birthYear: 1949, sequence: '002', gender: 'FEMALE' },
    });
  });

  it('accepts a lower-case x as X and surrounding spaces', () => {
    const checked = validateResidentId(` ${EXAMPLE.toLowerCase()} `, TODAY);
    expect(checked.ok && checked.parts.value).toBe(EXAMPLE);
  });

  it('finds every single wrong digit: each position, each other digit (and no reason names the right character)', () => {
    for (let position = 0; position < 18; position++) {
      for (const replacement of '0123456789X') {
        if (replacement === EXAMPLE[position] || (position < 17 && replacement === 'X')) continue;
        const wrong = EXAMPLE.slice(0, position) + replacement + EXAMPLE.slice(position + 1);
        const checked = validateResidentId(wrong, TODAY);
        expect(checked.ok, wrong).toBe(false);
        if (!checked.ok && position === 17) expect(checked.reason).toBe('the check digit does not match');
        if (!checked.ok) expect(checked.reason).not.toContain("'X'");
      }
    }
  });

  it('refuses impossible and future birth dates, unknown provinces and wrong shapes, saying which', () => {
    const reason = (value: string) => {
      const checked = validateResidentId(value, TODAY);
      return checked.ok ? 'ok' : checked.reason;
    };
    expect(reason(makeResidentId('110105', '1990-02-30', 11))).toBe('the birth date 19900230 does not exist');
    expect(reason(makeResidentId('110105', '1990-13-01', 11))).toBe('the birth date 19901301 does not exist');
    expect(reason(makeResidentId('110105', '2027-01-01', 11))).toBe('the birth date 20270101 is in the future');
    expect(reason(makeResidentId('990105', '1990-01-01', 11))).toBe('the address code 990105 names no province');
    expect(reason('1101051949123100')).toBe('must be 18 characters: 17 digits and a digit or X');
    expect(reason('11010519491231002Y')).toBe('must be 18 characters: 17 digits and a digit or X');
    expect(reason(makeResidentId('510104', '2000-02-29', 1))).toBe('ok');
  });

  it('makeResidentId builds valid numbers whose sequence parity is the gender', () => {
    const man = validateResidentId(makeResidentId('510104', '1985-07-09', 123), TODAY);
    const woman = validateResidentId(makeResidentId('500101', '1985-07-09', 124), TODAY);
    expect(man.ok && man.parts.gender).toBe('MALE');
    expect(woman.ok && woman.parts.gender).toBe('FEMALE');
    expect(() => makeResidentId('5101', '1985-07-09', 1)).toThrow(RangeError);
  });

  it('mistypeResidentId gives a different number that the validator accepts (a typo past the check digit)', () => {
    const typo = mistypeResidentId(EXAMPLE, 15, 7);
    expect(typo).not.toBe(EXAMPLE);
    expect(typo.slice(0, 15)).toBe(EXAMPLE.slice(0, 15));
    expect(validateResidentId(typo, TODAY).ok).toBe(true);
  });

  it('the ResidentId schema normalises valid input and names the problem otherwise', () => {
    expect(ResidentId.parse(EXAMPLE.toLowerCase())).toBe(EXAMPLE);
    const bad = ResidentId.safeParse('110105194912310021');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('not a valid resident identity number: the check digit does not match');
  });
});
