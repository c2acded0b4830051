import { Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { chinaDate, daysBetween, LocalDate } from '../../platform/calendar.ts';

describe('platform/calendar', () => {
  it('today is the date in China Standard Time', () => {
    expect(chinaDate(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(chinaDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-02-27')).toBe(-2);
  });

  it('LocalDate answers YYYY-MM-DD and takes an input date as sent, for the models to check with its path', () => {
    expect(LocalDate.serialize('2026-02-28')).toBe('2026-02-28');
    expect(() => LocalDate.serialize('2026-02-30')).toThrow();
    // Impossible dates pass coercion (IsoDate in the models refuses them as BAD_USER_INPUT on their field).
    expect(LocalDate.parseValue('2026-02-30')).toBe('2026-02-30');
    expect(LocalDate.parseLiteral({ kind: Kind.STRING, value: '2027-13-01' }, {})).toBe('2027-13-01');
  });
});
