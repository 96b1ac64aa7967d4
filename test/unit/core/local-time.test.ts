import { describe, expect, it } from 'vitest';
import { isTimeZone, toLocal } from '#core/domain/local-time.ts';

describe('isTimeZone', () => {
  it.each(['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Pacific/Chatham'])(
    'accepts the canonical %s',
    (zone) => {
      expect(isTimeZone(zone)).toBe(true);
    },
  );

  // Not in Intl.supportedValuesOf('timeZone'), yet ICU knows them: they must stay valid.
  it.each(['UTC', 'Etc/UTC', 'US/Eastern', 'Asia/Kolkata', 'Europe/Kyiv'])('accepts the alias %s', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });

  it.each(['', 'Mars/Olympus_Mons', 'Europe/Berlin ', 'GMT+25', 'not a zone'])('refuses %j', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });

  it('answers the same for an alias as the zone it names, once used', () => {
    expect(toLocal(new Date('2026-07-01T12:00:00Z'), 'US/Eastern')).toEqual(
      toLocal(new Date('2026-07-01T12:00:00Z'), 'America/New_York'),
    );
  });
});
