import Holidays from 'date-holidays';
import { type AppConfig, ConfigError } from '#config/app-config.ts';
import { addDays, isoDate } from '#core/domain/local-time.ts';
import type { HolidayCalendar } from '#core/domain/send-policy.ts';

/** `DE`, `US-NY`, `CH-ZH`: a country (ISO 3166-1 alpha-2), optionally with its state or region. */
export const HOLIDAY_REGION_PATTERN = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

/** Holiday types that close offices: date-holidays also lists observances (Valentine's Day) and school holidays. */
const CLOSING_TYPES = new Set(['public', 'bank']);

export class UnknownHolidayRegionError extends Error {}

/**
 * Public holidays from date-holidays, a maintained library with rules for ~200 countries and their regions, so
 * nobody keeps a hand-made list. Each year's dates are computed once and kept.
 */
export class DateHolidaysCalendar implements HolidayCalendar {
  private readonly holidays: Holidays;
  private readonly years = new Map<number, ReadonlySet<string>>();

  constructor(readonly region: string) {
    const [country = '', state] = region.split('-');
    const known = new Holidays();
    if (!HOLIDAY_REGION_PATTERN.test(region) || known.getCountries()[country] === undefined) {
      throw new UnknownHolidayRegionError(`Unknown holiday country "${region}" (use an ISO code such as DE or US-NY)`);
    }
    if (state !== undefined && known.getStates(country)?.[state] === undefined) {
      throw new UnknownHolidayRegionError(`Unknown region "${state}" of ${country} for public holidays`);
    }
    this.holidays = state === undefined ? new Holidays(country) : new Holidays(country, state);
  }

  isHoliday(date: string): boolean {
    const year = Number(date.slice(0, 4));
    let dates = this.years.get(year);
    if (dates === undefined) {
      const closed = new Set<string>();
      for (const holiday of this.holidays.getHolidays(year)) {
        if (!CLOSING_TYPES.has(holiday.type)) continue;
        // Some holidays span days (Chinese New Year); `date` is the first day's wall-clock date.
        const [y = 0, m = 0, d = 0] = holiday.date.slice(0, 10).split('-').map(Number);
        const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000));
        for (let i = 0; i < days; i++) closed.add(isoDate(addDays({ year: y, month: m, day: d }, i)));
      }
      dates = closed;
      this.years.set(year, dates);
    }
    return dates.has(date);
  }
}

/**
 * The configured region's calendar, or none when holidays are off. An unknown region fails at cold start with
 * the variable's name, as every other setting does.
 */
export function holidayCalendarFor(config: Pick<AppConfig, 'holidayRegion'>): HolidayCalendar | undefined {
  if (config.holidayRegion === undefined) return undefined;
  try {
    return new DateHolidaysCalendar(config.holidayRegion);
  } catch (e: unknown) {
    if (e instanceof UnknownHolidayRegionError) {
      throw new ConfigError(`Invalid configuration: CLOSELOOP_HOLIDAYS: ${e.message}`);
    }
    throw e;
  }
}

/** Whether date-holidays knows this region (`DE`, `US-NY`): the CDK stage configuration checks it at synth. */
export function isHolidayRegion(region: string): boolean {
  try {
    new DateHolidaysCalendar(region);
    return true;
  } catch (e: unknown) {
    if (e instanceof UnknownHolidayRegionError) return false;
    throw e;
  }
}
