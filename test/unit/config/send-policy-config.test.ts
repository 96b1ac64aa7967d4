import { describe, expect, it } from 'vitest';
import { holidayCalendarFor } from '#adapters/holidays/date-holidays-calendar.ts';
import { loadConfig } from '#config/app-config.ts';

const local = (env: Record<string, string>) => loadConfig(env, 'local');

describe('the send policy configuration', () => {
  it('has humane defaults: 09:00–17:00 on weekdays in Berlin, German holidays, delays by stage', () => {
    const config = local({});
    const { sendPolicy } = config;

    expect(sendPolicy).toMatchObject({
      defaultDelayMinutes: 120,
      defaultTimeZone: 'Europe/Berlin',
      window: { start: { hour: 9, minute: 0 }, end: { hour: 17, minute: 0 } },
      days: [1, 2, 3, 4, 5],
    });
    expect(sendPolicy.delayRules).toContainEqual({ stage: 'interview', minutes: 1440 });
    expect(config.holidayRegion).toBe('DE');
    expect(holidayCalendarFor(config)?.isHoliday('2026-10-03')).toBe(true);
  });

  it('reads a window, days (ranges wrap past Sunday) and rules', () => {
    const config = local({
      CLOSELOOP_SEND_WINDOW: '08:30-18:00',
      CLOSELOOP_SEND_DAYS: 'fri-mon,wed',
      CLOSELOOP_SEND_DELAYS: '[{"stage":"interview","reason":"position-filled","minutes":2880}]',
      CLOSELOOP_HOLIDAYS: 'none',
      CLOSELOOP_DEFAULT_TIME_ZONE: 'America/New_York',
    });

    expect(config.sendPolicy).toMatchObject({
      window: { start: { hour: 8, minute: 30 }, end: { hour: 18, minute: 0 } },
      days: [1, 3, 5, 6, 7],
      delayRules: [{ stage: 'interview', reason: 'position-filled', minutes: 2880 }],
      defaultTimeZone: 'America/New_York',
    });
    expect(config.holidayRegion).toBeUndefined();
    expect(holidayCalendarFor(config)).toBeUndefined();
  });

  it.each([
    ['CLOSELOOP_SEND_WINDOW', '17:00-09:00', /CLOSELOOP_SEND_WINDOW: a window such as 09:00-17:00/],
    ['CLOSELOOP_SEND_DAYS', 'weekdays', /CLOSELOOP_SEND_DAYS: days such as mon-fri/],
    ['CLOSELOOP_SEND_DELAYS', '{"interview":60}', /CLOSELOOP_SEND_DELAYS: .*expected array/],
    ['CLOSELOOP_SEND_DELAYS', '[{"stage":"lunch","minutes":1}]', /CLOSELOOP_SEND_DELAYS: 0.stage/],
    ['CLOSELOOP_SEND_DELAYS', '[{"minutes":1}]', /a rule names a stage, a reason or both/],
    ['CLOSELOOP_DEFAULT_TIME_ZONE', 'Mars/Olympus', /CLOSELOOP_DEFAULT_TIME_ZONE: an IANA time zone/],
    ['CLOSELOOP_HOLIDAYS', 'Germany', /CLOSELOOP_HOLIDAYS: a country code/],
    ['CLOSELOOP_PAUSE_BOUNCE_RATE', '4', /CLOSELOOP_PAUSE_BOUNCE_RATE/],
  ])('refuses %s=%s with the variable and what a valid value looks like', (name, value, message) => {
    expect(() => local({ [name]: value })).toThrow(message);
  });

  it('refuses a holiday region date-holidays does not know when the calendar is built', () => {
    expect(() => holidayCalendarFor(local({ CLOSELOOP_HOLIDAYS: 'DE-QQ' }))).toThrow(
      /CLOSELOOP_HOLIDAYS: Unknown region "QQ" of DE/,
    );
  });

  it('has no default time zone or holiday country in AWS: the stack must set them', () => {
    expect(() =>
      loadConfig(
        {
          CLOSELOOP_TABLE_NAME: 'closeloop-prod',
          CLOSELOOP_SENDER: 'Acme <talent@acme.example>',
          CLOSELOOP_REPLY_DOMAIN: 'replies.acme.example',
          CLOSELOOP_COMPANY_NAME: 'Acme',
          CLOSELOOP_POSTAL_ADDRESS: '1 Example Street',
          CLOSELOOP_DEFAULT_RECRUITER_NAME: 'Talent',
        },
        'aws',
      ),
    ).toThrow(/CLOSELOOP_DEFAULT_TIME_ZONE.*CLOSELOOP_HOLIDAYS|CLOSELOOP_HOLIDAYS.*CLOSELOOP_DEFAULT_TIME_ZONE/);
  });
});
