import { type Clock, tehranDate } from '../../src/calendar/index.ts';

/** A clock tests can move: timeouts, code expiry and failure windows are exercised with it. */
export type MovableClock = Clock & {
  set(instant: string | Date): void;
  advanceMinutes(minutes: number): void;
  advanceSeconds(seconds: number): void;
};

/** A clock standing at `start` (an ISO instant) until moved. */
export function movableClock(start: string | Date = '2026-11-28T08:30:00.000Z'): MovableClock {
  let ms = new Date(start).getTime();

  return {
    now: () => new Date(ms),
    today: () => tehranDate(new Date(ms)),
    set: (instant) => {
      ms = new Date(instant).getTime();
    },
    advanceMinutes: (minutes) => {
      ms += minutes * 60_000;
    },
    advanceSeconds: (seconds) => {
      ms += seconds * 1000;
    },
  };
}
