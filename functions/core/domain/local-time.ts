/**
 * Wall-clock arithmetic in IANA time zones with `Intl` alone: the runtime's time zone database (ICU) is the one
 * the rest of Node uses, so no second copy of tz data travels in the bundles and none can drift from it.
 */

/** A calendar date and a time of day as a clock on the wall shows them, in some time zone. */
export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // Formatters are slow to build and fast to use: one per zone for the life of the process.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const WEEKDAYS: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

let canonicalZones: ReadonlySet<string> | undefined;

/**
 * Checked against the runtime's list of canonical zone names first (~2 ms, once): building the first
 * `Intl.DateTimeFormat` loads ICU's date formatting (~15 ms), which a cold start that only validates its
 * configuration should not pay; the send function formats dates only to defer a retry. Aliases the list does
 * not name (`UTC`, `US/Eastern`) are decided by ICU as before, so the same zones are accepted.
 */
export function isTimeZone(zone: string): boolean {
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(zone)) return true;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

interface Parts extends LocalDateTime {
  readonly second: number;
}

function partsAt(instant: number, timeZone: string): Parts {
  const values: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) values[part.type] = part.value;
  const num = (type: string) => Number(values[type]);
  return {
    year: num('year'),
    month: num('month'),
    day: num('day'),
    hour: num('hour'),
    minute: num('minute'),
    second: num('second'),
    weekday: WEEKDAYS[values.weekday ?? ''] ?? 0,
  };
}

/** What a wall clock in `timeZone` shows at `instant`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const { second: _second, ...local } = partsAt(instant.getTime(), timeZone);
  return local;
}

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in summer: +7,200,000). */
function offsetAt(instant: number, timeZone: string): number {
  const p = partsAt(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall clock in `timeZone` shows the given date and time. Resolves the two DST cases as
 * Temporal's `compatible` disambiguation does: a time skipped by a spring-forward gap moves later by the gap
 * (02:30 on the night Berlin jumps to 03:00 becomes 03:30), and a time repeated by a fall-back overlap takes
 * its first occurrence.
 */
export function fromLocal(
  date: { readonly year: number; readonly month: number; readonly day: number },
  time: { readonly hour: number; readonly minute: number },
  timeZone: string,
): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  // No zone changes its offset twice within two days, so the offsets a day either side bound the answer.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [...new Set([wall - before, wall - after])]
    .filter((instant) => instant + offsetAt(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  // A gap: read the wall time with the offset in force before the jump, which lands after it.
  return new Date(wall - before);
}

/** The calendar date `days` after the given one (days may be negative). */
export function addDays(
  date: { readonly year: number; readonly month: number; readonly day: number },
  days: number,
): { year: number; month: number; day: number; weekday: number } {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  const weekday = shifted.getUTCDay();
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: weekday === 0 ? 7 : weekday,
  };
}

/** `YYYY-MM-DD`, the key holiday calendars are looked up by. */
export function isoDate(date: { readonly year: number; readonly month: number; readonly day: number }): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}
