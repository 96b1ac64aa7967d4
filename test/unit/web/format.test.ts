import { describe, expect, it } from 'vitest';
import { dayBoundary, formatCount, formatDate, formatDateTime, formatRelative } from '../../../web/src/format.ts';
import { label } from '../../../web/src/labels.ts';

const SENT = '2026-12-07T08:00:00.000Z';

describe('dates as the viewer reads them', () => {
  it('shows an instant in the viewer’s time zone and locale, never as ISO text', () => {
    expect(formatDateTime(SENT, { locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe('7 Dec 2026, 09:00');
    expect(formatDateTime(SENT, { locale: 'en-US', timeZone: 'America/New_York' })).toBe('Dec 7, 2026, 3:00 AM');
    expect(formatDateTime(SENT, { locale: 'de-DE', timeZone: 'Asia/Tokyo' })).toBe('07.12.2026, 17:00');
  });

  it('moves the day across midnight with the time zone', () => {
    expect(formatDate('2026-12-07T02:00:00Z', { locale: 'en-GB', timeZone: 'UTC' })).toBe('7 Dec 2026');
    expect(formatDate('2026-12-07T02:00:00Z', { locale: 'en-GB', timeZone: 'America/Los_Angeles' })).toBe('6 Dec 2026');
  });

  it('shows text that is not a date as it came, rather than "Invalid Date"', () => {
    expect(formatDateTime('soon')).toBe('soon');
    expect(formatDate('')).toBe('');
  });

  it('says how far away a time is in the largest whole unit', () => {
    const now = new Date('2026-12-05T12:00:00Z');
    expect(formatRelative('2026-12-05T15:30:00Z', now, { locale: 'en' })).toBe('in 3 hours');
    expect(formatRelative('2026-12-03T11:00:00Z', now, { locale: 'en' })).toBe('2 days ago');
    expect(formatRelative('2026-12-05T11:59:30Z', now, { locale: 'en' })).toBe('now');
    expect(formatRelative('2026-12-05T11:45:00Z', now, { locale: 'en' })).toBe('15 minutes ago');
  });

  it('groups counts the viewer’s way', () => {
    expect(formatCount(20000, { locale: 'en-US' })).toBe('20,000');
    expect(formatCount(20000, { locale: 'de-DE' })).toBe('20.000');
  });

  it('turns a picked day into the instants its day starts and ends (in this runtime’s zone, UTC under test)', () => {
    expect(dayBoundary('2026-12-01', 'start')).toBe('2026-12-01T00:00:00.000Z');
    expect(dayBoundary('2026-12-01', 'end')).toBe('2026-12-01T23:59:59.999Z');
    expect(dayBoundary('1 Dec', 'start')).toBeUndefined();
    expect(dayBoundary('', 'end')).toBeUndefined();
  });
});

describe('enum values as words', () => {
  it('names every notice status a recruiter filters by', () => {
    expect(
      ['scheduled', 'sent', 'delivered', 'bounced', 'failed', 'suppressed', 'cancelled', 'complained', 'deferred'].map(
        (s) => label('noticeStatus', s),
      ),
    ).toEqual([
      'Scheduled',
      'Sent',
      'Delivered',
      'Bounced',
      'Failed',
      'Not sent (address suppressed)',
      'Cancelled',
      'Marked as spam',
      'Waiting to retry',
    ]);
  });

  it('words reasons, stages and suppression reasons', () => {
    expect(label('reason', 'position-filled')).toBe('Position filled');
    expect(label('stage', 'phone-screen')).toBe('Phone screen');
    expect(label('suppressionReason', 'hard-bounce')).toBe('Hard bounce');
  });

  it('shows a value it does not know as words rather than hiding it', () => {
    expect(label('noticeStatus', 'on-hold')).toBe('On hold');
    expect(label('source', 'my_ats')).toBe('My ats');
  });
});
