import { type IsoDate, isIsoDate } from './iso.ts';

/** Where "now" and "today" come from; inject a fixed clock in tests and demos. */
export type Clock = { now(): Date; today(): IsoDate };

const tehranParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Tehran',
  calendar: 'gregory',
  numberingSystem: 'latn',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Asia/Tehran at the given instant (default: now), as an IsoDate. */
export function tehranDate(instant: Date = new Date()): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid instant');
  const parts = tehranParts.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';

  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** The real clock: the machine's time, and today's date in Tehran. */
export const systemClock: Clock = Object.freeze({
  now: () => new Date(),
  today: () => tehranDate(),
});

/**
 * A clock stopped at one moment. Given an IsoDate, it stands at noon of that day in Tehran (so
 * `today()` returns that date); given a Date or an ISO-8601 instant string, at that instant.
 */
export function fixedClock(isoDateOrInstant: IsoDate | Date): Clock {
  const ms = instantOf(isoDateOrInstant);
  if (Number.isNaN(ms)) throw new RangeError(`not a date or instant: ${String(isoDateOrInstant)}`);

  return Object.freeze({
    now: () => new Date(ms),
    today: () => tehranDate(new Date(ms)),
  });
}

function instantOf(value: IsoDate | Date): number {
  if (value instanceof Date) return value.getTime();
  if (isIsoDate(value)) return Date.parse(`${value}T12:00:00+03:30`);

  return Date.parse(value);
}
