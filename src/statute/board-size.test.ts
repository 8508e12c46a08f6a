import { describe, expect, it } from 'vitest';
import { boardAlternatesMax, boardExtraSeats, boardSizeLimits } from './board-size.ts';
import { resolveStatutorySettings } from './resolve-settings.ts';
import { DEFAULT_STATUTORY_SETTINGS } from './settings.ts';

const defaults = DEFAULT_STATUTORY_SETTINGS;

describe('boardExtraSeats', () => {
  it.each([
    [7, 0],
    [400, 0],
    [799, 0],
    [800, 1],
    [1199, 1],
    [1200, 2],
    [4000, 9],
  ])('%i members → %i extra seats', (members, extra) => {
    expect(boardExtraSeats(members, defaults)).toBe(extra);
  });

  it('rejects a negative or fractional member count', () => {
    expect(() => boardExtraSeats(-1, defaults)).toThrow(RangeError);
    expect(() => boardExtraSeats(7.5, defaults)).toThrow(RangeError);
  });
});

describe('boardAlternatesMax', () => {
  it('rounds a third of the principals up by default', () => {
    expect([3, 4, 5, 6, 7].map((p) => boardAlternatesMax(p, 50, defaults))).toEqual([1, 2, 2, 2, 3]);
  });

  it('rounds down when configured', () => {
    const floor = resolveStatutorySettings({ boardAlternatesRounding: 'floor' });
    expect([3, 4, 5, 6, 7].map((p) => boardAlternatesMax(p, 50, floor))).toEqual([1, 1, 1, 2, 2]);
  });

  it('adds the extra seats and stays within the total', () => {
    expect(boardAlternatesMax(7, 800, defaults)).toBe(4);
    expect(boardAlternatesMax(8, 800, defaults)).toBe(4); // only 7 principals earn the fraction
    expect(boardAlternatesMax(9, 1600, defaults)).toBe(6);
    expect(boardAlternatesMax(10, 1600, defaults)).toBe(5); // 15 − 10
    expect(boardAlternatesMax(15, 4000, defaults)).toBe(0);
  });
});

describe('boardSizeLimits', () => {
  it.each([
    [7, { principalsMin: 3, principalsMax: 7, alternatesMax: 3, totalMax: 10 }],
    [799, { principalsMin: 3, principalsMax: 7, alternatesMax: 3, totalMax: 10 }],
    [800, { principalsMin: 3, principalsMax: 8, alternatesMax: 4, totalMax: 12 }],
    [1200, { principalsMin: 3, principalsMax: 9, alternatesMax: 5, totalMax: 14 }],
    [1600, { principalsMin: 3, principalsMax: 10, alternatesMax: 6, totalMax: 15 }],
    // extra alternate seats do not require extra principals [I], so 3 principals + 12 alternates fit
    [100_000, { principalsMin: 3, principalsMax: 15, alternatesMax: 12, totalMax: 15 }],
  ])('%i members → %j', (members, limits) => {
    expect(boardSizeLimits(members, defaults)).toEqual(limits);
  });

  it('follows overridden settings', () => {
    const s = resolveStatutorySettings({
      boardPrincipalsMin: 5,
      boardPrincipalsMax: 5,
      boardAlternatesRounding: 'floor',
      boardTotalMax: 12,
    });
    expect(boardSizeLimits(10, s)).toEqual({
      principalsMin: 5,
      principalsMax: 5,
      alternatesMax: 1,
      totalMax: 6,
    });
    expect(boardSizeLimits(3000, s)).toEqual({
      principalsMin: 5,
      principalsMax: 11,
      alternatesMax: 7,
      totalMax: 12,
    });
  });
});
