/**
 * Dates and times as the viewer reads them: their own time zone and locale (`Intl`), never a raw ISO string.
 * The options exist so tests (and a server-side render, should one come) can pin both; the dashboard passes none.
 */
export interface Viewer {
  readonly locale?: string | undefined;
  readonly timeZone?: string | undefined;
}

function parse(iso: string): Date | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `5 Dec 2026, 23:04` (en-GB) or `Dec 5, 2026, 11:04 PM` (en-US): a day and a time. Unparseable text is shown as is. */
export function formatDateTime(iso: string, viewer: Viewer = {}): string {
  const date = parse(iso);
  if (date === undefined) return iso;
  return new Intl.DateTimeFormat(viewer.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(viewer.timeZone === undefined ? {} : { timeZone: viewer.timeZone }),
  }).format(date);
}

/** A day only (`5 Dec 2026`). */
export function formatDate(iso: string, viewer: Viewer = {}): string {
  const date = parse(iso);
  if (date === undefined) return iso;
  return new Intl.DateTimeFormat(viewer.locale, {
    dateStyle: 'medium',
    ...(viewer.timeZone === undefined ? {} : { timeZone: viewer.timeZone }),
  }).format(date);
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** `in 3 hours`, `2 days ago`, `now`: how far `iso` is from `now`, in the largest whole unit. */
export function formatRelative(iso: string, now: Date, viewer: Viewer = {}): string {
  const date = parse(iso);
  if (date === undefined) return iso;
  const delta = date.getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat(viewer.locale, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(delta) >= ms) return format.format(Math.trunc(delta / ms), unit);
  }
  return format.format(0, 'second');
}

/** A whole number in the viewer's locale (`20,000` or `20 000`). */
export function formatCount(value: number, viewer: Viewer = {}): string {
  return new Intl.NumberFormat(viewer.locale).format(value);
}

/**
 * A `<input type="date">` day in the viewer's time zone as the instant its day starts or ends, so "decided between
 * 1 and 5 December" means the viewer's days, not UTC's.
 */
export function dayBoundary(day: string, end: 'start' | 'end'): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const local = end === 'start' ? new Date(y, m - 1, d, 0, 0, 0, 0) : new Date(y, m - 1, d, 23, 59, 59, 999);
  return Number.isNaN(local.getTime()) ? undefined : local.toISOString();
}
