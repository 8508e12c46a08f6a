import { formatJalali, fromJalali, isValidJalali, tehranDate } from '../calendar/index.ts';
import { foldDigits } from '../text/index.ts';

/**
 * Instants shown and typed as Tehran wall-clock time. Iran kept daylight saving time until 2022
 * (+04:30 in summer), so the offset comes from the time-zone database, never a constant:
 * 2020-08-04T18:33:30Z is 1399/05/14 23:03:30 in Tehran.
 */
const tehranClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Tehran',
  hourCycle: 'h23',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** `HH:MM:SS` in Tehran at an instant. */
function tehranTime(instant: Date): string {
  const parts = tehranClock.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';

  return `${part('hour')}:${part('minute')}:${part('second')}`;
}

/** An ISO instant as Jalali date and Tehran time with ASCII digits: `1399/05/14 23:03` (the web converts the digits). */
export function formatTehranInstant(iso: string): string {
  const instant = new Date(iso);

  return `${formatJalali(tehranDate(instant), { digits: 'latin' })} ${tehranTime(instant).slice(0, 5)}`;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const JALALI_TIME = /^(\d{4})\/(\d{1,2})\/(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A time typed as an ISO-8601 instant with its offset (`2026-12-01T09:30:00Z`) or as a Jalali date
 * and Tehran time (`1405/09/10 09:30`, digits in any script). Returns the ISO instant, or null.
 */
export function parseInstantInput(input: string): string | null {
  const text = foldDigits(input.trim());
  if (ISO_INSTANT.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  const m = JALALI_TIME.exec(text);
  if (!m) return null;
  const [jy, jm, jd, hh, mm, ss] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as number[];
  if (
    jy === undefined ||
    jm === undefined ||
    jd === undefined ||
    hh === undefined ||
    mm === undefined ||
    ss === undefined
  )
    return null;
  if (!isValidJalali(jy, jm, jd) || hh > 23 || mm > 59 || ss > 59) return null;
  const day = fromJalali(jy, jm, jd);
  const wall = `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
  for (const offset of ['+03:30', '+04:30']) {
    const instant = new Date(`${day}T${wall}${offset}`);
    if (tehranDate(instant) === day && tehranTime(instant) === wall) return instant.toISOString();
  }

  return null;
}
