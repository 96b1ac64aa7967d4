import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DateHolidaysCalendar } from '#adapters/holidays/date-holidays-calendar.ts';
import { type Decision, toDecision } from '#core/domain/decision.ts';
import { isoDate, toLocal } from '#core/domain/local-time.ts';
import { type BusinessHoursConfig, businessHoursPolicy } from '#core/domain/send-policy.ts';
import { aDecision } from '#test/support/builders.ts';

const nineToFive = { start: { hour: 9, minute: 0 }, end: { hour: 17, minute: 0 } };
const WEEKDAYS = [1, 2, 3, 4, 5];

function policy(overrides: Partial<BusinessHoursConfig> = {}) {
  return businessHoursPolicy({
    defaultDelayMinutes: 0,
    delayRules: [],
    defaultTimeZone: 'Europe/Berlin',
    window: nineToFive,
    days: WEEKDAYS,
    ...overrides,
  });
}

/** The earliest instant the policy allows for a decision taken at `decidedAt`, in `zone`, seen at the same moment. */
function sendAt(p: ReturnType<typeof policy>, decidedAt: string, zone?: string) {
  const decision = toDecision(aDecision({ decidedAt }));
  const { timeZone: _builderZone, ...candidate } = decision.candidate;
  const planned: Decision = {
    ...decision,
    candidate: zone === undefined ? candidate : { ...candidate, timeZone: zone },
  };
  return p.sendAt(planned, new Date(decidedAt)).toISOString();
}

describe('the send policy: delays by stage and reason', () => {
  const withRules = policy({
    defaultDelayMinutes: 120,
    delayRules: [
      { reason: 'withdrawn', minutes: 0 },
      { stage: 'interview', minutes: 24 * 60 },
      { stage: 'phone-screen', reason: 'skills-mismatch', minutes: 4 * 60 },
    ],
    window: { start: { hour: 0, minute: 0 }, end: { hour: 24, minute: 0 } },
    days: [1, 2, 3, 4, 5, 6, 7],
  });
  const decided = '2026-11-18T10:00:00Z';
  const at = (stage: string, reason: string) =>
    withRules.sendAt(toDecision(aDecision({ decidedAt: decided, stage, reason })), new Date(decided)).toISOString();

  it('waits a day after an interview, so the rejection does not read as automated', () => {
    expect(at('interview', 'position-filled')).toBe('2026-11-19T10:00:00.000Z');
  });

  it('takes the first matching rule: a candidate who withdrew hears back at once, whatever the stage', () => {
    expect(at('interview', 'withdrawn')).toBe('2026-11-18T10:00:00.000Z');
  });

  it('matches a rule naming a stage and a reason only when both match', () => {
    expect(at('phone-screen', 'skills-mismatch')).toBe('2026-11-18T14:00:00.000Z');
    expect(at('phone-screen', 'position-filled')).toBe('2026-11-18T12:00:00.000Z');
  });

  it('never schedules into the past when a decision is reported late', () => {
    const late = withRules.sendAt(
      toDecision(aDecision({ decidedAt: '2026-11-01T10:00:00Z', stage: 'interview' })),
      new Date(decided),
    );
    expect(late.toISOString()).toBe('2026-11-18T10:00:00.000Z');
  });
});

describe("the send policy: the candidate's business hours", () => {
  const p = policy();

  it('keeps a time inside the window on a weekday', () => {
    // Wednesday 11:30 in Berlin (UTC+1 in November).
    expect(sendAt(p, '2026-11-18T10:30:00Z', 'Europe/Berlin')).toBe('2026-11-18T10:30:00.000Z');
  });

  it('moves an early-morning time to 09:00 the same day, in the candidate’s zone', () => {
    // 06:00 in New York (UTC−5) → 09:00 New York.
    expect(sendAt(p, '2026-11-18T11:00:00Z', 'America/New_York')).toBe('2026-11-18T14:00:00.000Z');
  });

  it('moves a time at or after the window’s end to 09:00 the next working day', () => {
    expect(sendAt(p, '2026-11-18T16:00:00Z', 'Europe/Berlin')).toBe('2026-11-19T08:00:00.000Z');
  });

  it('moves a Friday evening to Monday morning', () => {
    expect(sendAt(p, '2026-11-20T17:30:00Z', 'Europe/Berlin')).toBe('2026-11-23T08:00:00.000Z');
  });

  it('uses the configured default zone when the decision names none', () => {
    const london = policy({ defaultTimeZone: 'Europe/London' });
    expect(sendAt(london, '2026-11-18T07:00:00Z')).toBe('2026-11-18T09:00:00.000Z');
  });

  it('reads the weekday in the candidate’s zone, not in UTC', () => {
    // Friday 23:30 UTC is already Saturday 08:30 in Tokyo: the email waits for Monday 09:00 in Tokyo.
    expect(sendAt(p, '2026-11-20T23:30:00Z', 'Asia/Tokyo')).toBe('2026-11-23T00:00:00.000Z');
  });

  it('honours another working week (Sunday to Thursday)', () => {
    const sunThu = policy({ days: [7, 1, 2, 3, 4] });
    // Thursday 18:00 in Jerusalem → Sunday 09:00 (UTC+2).
    expect(sendAt(sunThu, '2026-11-19T16:00:00Z', 'Asia/Jerusalem')).toBe('2026-11-22T07:00:00.000Z');
  });
});

describe('the send policy: public holidays (date-holidays)', () => {
  it('skips Christmas in Germany to the next working day', () => {
    const p = policy({ holidays: new DateHolidaysCalendar('DE') });
    // Wednesday 23 December 2026, 18:00 → 24 (bank holiday), 25, 26 (public) and the weekend → Monday 28th.
    expect(sendAt(p, '2026-12-23T17:00:00Z', 'Europe/Berlin')).toBe('2026-12-28T08:00:00.000Z');
  });

  it('crosses the year end: New Year’s Eve evening in New York waits until Monday 4 January', () => {
    const p = policy({ holidays: new DateHolidaysCalendar('US-NY') });
    // Thursday 31 December 2026, 17:30 EST → 1 January (holiday, Friday), weekend → Monday 09:00 EST.
    expect(sendAt(p, '2026-12-31T22:30:00Z', 'America/New_York')).toBe('2027-01-04T14:00:00.000Z');
  });

  it('crosses the year end in a zone already in the new year', () => {
    const p = policy({ holidays: new DateHolidaysCalendar('DE') });
    // 31 December 2026 23:30 UTC is 1 January 00:30 in Berlin: a holiday, then Saturday and Sunday.
    expect(sendAt(p, '2026-12-31T23:30:00Z', 'Europe/Berlin')).toBe('2027-01-04T08:00:00.000Z');
  });

  it('judges holidays of the configured country only', () => {
    const p = policy({ holidays: new DateHolidaysCalendar('DE') });
    // Thanksgiving is not a German holiday.
    expect(sendAt(p, '2026-11-26T15:00:00Z', 'America/New_York')).toBe('2026-11-26T15:00:00.000Z');
  });
});

describe('the send policy across daylight-saving changes', () => {
  const p = policy();

  it('Berlin springs forward (29 March 2026): Monday 09:00 is 07:00 UTC, one hour earlier than the Friday before', () => {
    expect(sendAt(p, '2026-03-27T07:00:00Z', 'Europe/Berlin')).toBe('2026-03-27T08:00:00.000Z');
    expect(sendAt(p, '2026-03-27T17:00:00Z', 'Europe/Berlin')).toBe('2026-03-30T07:00:00.000Z');
  });

  it('Berlin falls back (25 October 2026): Monday 09:00 is 08:00 UTC', () => {
    expect(sendAt(p, '2026-10-23T16:00:00Z', 'Europe/Berlin')).toBe('2026-10-26T08:00:00.000Z');
  });

  it('New York springs forward (8 March 2026) and falls back (1 November 2026)', () => {
    expect(sendAt(p, '2026-03-06T23:00:00Z', 'America/New_York')).toBe('2026-03-09T13:00:00.000Z');
    expect(sendAt(p, '2026-10-30T22:00:00Z', 'America/New_York')).toBe('2026-11-02T14:00:00.000Z');
  });

  it('Sydney’s seasons run the other way (clocks go forward on 4 October 2026)', () => {
    expect(sendAt(p, '2026-10-02T07:00:00Z', 'Australia/Sydney')).toBe('2026-10-04T22:00:00.000Z');
  });

  it('a window opening inside the spring-forward gap opens when the clock shows the gap’s end plus the offset', () => {
    // 02:30 does not exist in Berlin on 29 March 2026 (02:00 → 03:00): it resolves to 03:30 CEST.
    const night = policy({ window: { start: { hour: 2, minute: 30 }, end: { hour: 6, minute: 0 } }, days: [7] });
    expect(sendAt(night, '2026-03-28T12:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    // 02:00 does not exist in New York on 8 March 2026 (02:00 → 03:00): it resolves to 03:00 EDT.
    const ny = policy({ window: { start: { hour: 2, minute: 0 }, end: { hour: 6, minute: 0 } }, days: [7] });
    expect(sendAt(ny, '2026-03-07T12:00:00Z', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
  });

  it('a window opening inside the fall-back overlap opens at the first of the two times', () => {
    // 02:30 happens twice in Berlin on 25 October 2026: first at 00:30 UTC (CEST), again at 01:30 UTC (CET).
    const night = policy({ window: { start: { hour: 2, minute: 30 }, end: { hour: 6, minute: 0 } }, days: [7] });
    expect(sendAt(night, '2026-10-24T12:00:00Z', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('the send policy (properties)', () => {
  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];
  const calendar = new DateHolidaysCalendar('DE');
  const p = policy({ holidays: calendar });

  it('always answers an instant at or after the earliest, inside the window, on a working non-holiday', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (earliest, zone) => {
          const at = p.nextSendableAt(earliest, zone);
          const local = toLocal(at, zone);
          const minute = local.hour * 60 + local.minute;
          expect(at.getTime()).toBeGreaterThanOrEqual(earliest.getTime());
          expect(WEEKDAYS).toContain(local.weekday);
          expect(calendar.isHoliday(isoDate(local))).toBe(false);
          expect(minute).toBeGreaterThanOrEqual(9 * 60);
          expect(minute).toBeLessThan(17 * 60);
          // Moved only when it had to be, and then to the window's opening.
          if (at.getTime() !== earliest.getTime()) expect([local.hour, local.minute]).toEqual([9, 0]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the send policy refuses a configuration that can never send', () => {
  it('without sending days, or with a window that ends before it starts', () => {
    expect(() => policy({ days: [] })).toThrow(/at least one sending day/);
    expect(() => policy({ window: { start: { hour: 17, minute: 0 }, end: { hour: 9, minute: 0 } } })).toThrow(
      /must end after it starts/,
    );
  });
});
