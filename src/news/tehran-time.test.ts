import { describe, expect, it } from 'vitest';
import { formatTehranInstant, parseInstantInput } from './tehran-time.ts';

describe('Tehran time', () => {
  it('shows the seed article as the original page did (summer time of 1399)', () => {
    expect(formatTehranInstant('2020-08-04T18:33:30Z')).toBe('1399/05/14 23:03');
    expect(formatTehranInstant('2026-11-28T08:30:00.000Z')).toBe('1405/09/07 12:00');
  });

  it('reads ISO instants and Jalali Tehran times in any digit script', () => {
    expect(parseInstantInput('2026-12-01T09:30:00Z')).toBe('2026-12-01T09:30:00.000Z');
    expect(parseInstantInput('2026-12-01T13:00+03:30')).toBe('2026-12-01T09:30:00.000Z');
    expect(parseInstantInput('۱۴۰۵/۰۹/۱۰ ۱۳:۰۰')).toBe('2026-12-01T09:30:00.000Z');
    expect(parseInstantInput('1399/05/14 23:03:30')).toBe('2020-08-04T18:33:30.000Z');
    expect(parseInstantInput('1405/13/01 10:00')).toBeNull();
    expect(parseInstantInput('tomorrow')).toBeNull();
  });
});
