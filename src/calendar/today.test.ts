import { describe, expect, it } from 'vitest';
import { fixedClock, systemClock, tehranDate } from './today.ts';

describe('tehranDate', () => {
  it('is already the next day in Tehran at 21:00 UTC', () => {
    expect(tehranDate(new Date('2026-11-28T21:00:00Z'))).toBe('2026-11-29');
  });

  it('turns over at 20:30 UTC (UTC+3:30, no daylight saving since 2022)', () => {
    expect(tehranDate(new Date('2026-11-28T20:29:59Z'))).toBe('2026-11-28');
    expect(tehranDate(new Date('2026-11-28T20:30:00Z'))).toBe('2026-11-29');
    expect(tehranDate(new Date('2026-06-28T20:30:00Z'))).toBe('2026-06-29');
  });

  it('rejects an invalid Date', () => {
    expect(() => tehranDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('clocks', () => {
  it('fixedClock on a date gives that date as today', () => {
    const clock = fixedClock('2026-11-28');
    expect(clock.today()).toBe('2026-11-28');
    expect(tehranDate(clock.now())).toBe('2026-11-28');
  });

  it('fixedClock on an instant uses the Tehran date of that instant', () => {
    expect(fixedClock('2026-11-28T21:00:00Z').today()).toBe('2026-11-29');
    expect(fixedClock(new Date('2026-11-28T21:00:00Z')).now().toISOString()).toBe('2026-11-28T21:00:00.000Z');
  });

  it('fixedClock hands out copies, so callers cannot move it', () => {
    const clock = fixedClock('2026-11-28T10:00:00Z');
    clock.now().setUTCFullYear(2000);
    expect(clock.now().toISOString()).toBe('2026-11-28T10:00:00.000Z');
  });

  it('fixedClock refuses nonsense', () => {
    expect(() => fixedClock('2023-02-30x')).toThrow(RangeError);
  });

  it('systemClock reads the real time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(systemClock.today()).toBe(tehranDate(new Date(now)));
  });
});
