import type { Decision, ReasonCategory, Stage } from './decision.ts';
import { addDays, fromLocal, isoDate, type LocalDateTime, toLocal } from './local-time.ts';

/** When a notice goes out. */
export interface SendPolicy {
  /** When a newly decided rejection should go out: after its delay, inside the candidate's business hours. */
  sendAt(decision: Decision, now: Date): Date;
  /**
   * The earliest instant at or after `earliest` inside the candidate's business hours: where a retry or a
   * recruiter's resend lands, so neither reaches a candidate at 3 a.m. or on a public holiday.
   */
  nextSendableAt(earliest: Date, candidateTimeZone: string | undefined): Date;
}

/** Public holidays of the configured country. An adapter answers from a maintained library (date-holidays). */
export interface HolidayCalendar {
  /** True when `date` (`YYYY-MM-DD`) is a public holiday. */
  isHoliday(date: string): boolean;
}

/** A delay after the decision, for decisions matching its stage and/or reason. */
export interface DelayRule {
  readonly stage?: Stage;
  readonly reason?: ReasonCategory;
  readonly minutes: number;
}

/** Minutes after midnight, wall-clock time. */
export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

export interface BusinessHoursConfig {
  /** The delay for decisions no rule matches. */
  readonly defaultDelayMinutes: number;
  /** First match wins; a rule naming both a stage and a reason matches only decisions with both. */
  readonly delayRules: readonly DelayRule[];
  /** The candidate's zone when the decision gives none. */
  readonly defaultTimeZone: string;
  /** Emails go out from `start` (inclusive) to `end` (exclusive), candidate's wall-clock time. */
  readonly window: { readonly start: TimeOfDay; readonly end: TimeOfDay };
  /** ISO weekdays on which emails go out (1 = Monday … 7 = Sunday). */
  readonly days: readonly number[];
  readonly holidays?: HolidayCalendar;
}

/** A notice never waits longer than this for a business day (a year of holidays means a broken calendar). */
const MAX_DAYS_AHEAD = 366;

const minutesOf = (t: TimeOfDay) => t.hour * 60 + t.minute;

export function delayMinutesFor(
  config: Pick<BusinessHoursConfig, 'defaultDelayMinutes' | 'delayRules'>,
  stage: Stage,
  reason: ReasonCategory,
): number {
  const rule = config.delayRules.find(
    (r) => (r.stage === undefined || r.stage === stage) && (r.reason === undefined || r.reason === reason),
  );
  return rule?.minutes ?? config.defaultDelayMinutes;
}

/**
 * The send policy: the decision time plus a delay that depends on the stage and reason (a rejection right after
 * an interview should not feel automated; a screen-out need not wait days), never in the past, then moved
 * forward into the candidate's business hours: a configured weekday, inside the window, not a public holiday.
 */
export function businessHoursPolicy(config: BusinessHoursConfig): SendPolicy {
  if (config.days.length === 0) throw new Error('The send policy needs at least one sending day');
  if (minutesOf(config.window.end) <= minutesOf(config.window.start)) {
    throw new Error('The sending window must end after it starts');
  }
  const sendingDay = (date: { year: number; month: number; day: number; weekday: number }) =>
    config.days.includes(date.weekday) && !(config.holidays?.isHoliday(isoDate(date)) ?? false);

  const nextSendableAt = (earliest: Date, candidateTimeZone: string | undefined): Date => {
    const zone = candidateTimeZone ?? config.defaultTimeZone;
    const local: LocalDateTime = toLocal(earliest, zone);
    const minute = local.hour * 60 + local.minute;
    if (sendingDay(local) && minute >= minutesOf(config.window.start) && minute < minutesOf(config.window.end)) {
      return earliest;
    }
    const firstDay = minute < minutesOf(config.window.start) ? 0 : 1;
    for (let offset = firstDay; offset <= MAX_DAYS_AHEAD; offset++) {
      const day = addDays(local, offset);
      if (!sendingDay(day)) continue;
      const opening = fromLocal(day, config.window.start, zone);
      // A window opening inside a DST gap resolves later than the wall time; it can never resolve earlier.
      if (opening.getTime() >= earliest.getTime()) return opening;
    }
    throw new Error(`No sending day within ${MAX_DAYS_AHEAD} days of ${earliest.toISOString()} in ${zone}`);
  };

  return {
    sendAt(decision, now) {
      const delay = delayMinutesFor(config, decision.stage, decision.reason.category);
      const planned = Math.max(new Date(decision.decidedAt).getTime() + delay * 60_000, now.getTime());
      return nextSendableAt(new Date(planned), decision.candidate.timeZone);
    },
    nextSendableAt,
  };
}
