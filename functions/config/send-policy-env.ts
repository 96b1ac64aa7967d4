import * as z from 'zod/mini';
import { isTimeZone } from '#core/domain/local-time.ts';
import { definedFields } from '#core/domain/optional.ts';
import { REASON_CATEGORIES, STAGES } from '#core/domain/reason-and-stage.ts';
import type { DelayRule, TimeOfDay } from '#core/domain/send-policy.ts';

/**
 * The send policy's settings as environment variables: the parsing of each one, so a typo fails at cold start
 * with the variable's name and what a valid value looks like. zod/mini, like the rest of the configuration, to
 * keep every function's bundle small.
 */

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

type Payload = { issues: unknown[]; value: unknown };
const invalid = (ctx: Payload, input: string, message: string) => {
  ctx.issues.push({ code: 'custom', message, input });
  return z.NEVER;
};

const timeOfDay = (value: string): TimeOfDay | undefined => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
};

/** `09:00-17:00`: from (inclusive) to (exclusive), the candidate's wall-clock time. `24:00` ends at midnight. */
export const SendWindowSchema = z.pipe(
  z.string(),
  z.transform((value: string, ctx) => {
    const [from = '', to = ''] = value.split('-');
    const start = timeOfDay(from);
    const end = to.trim() === '24:00' ? { hour: 24, minute: 0 } : timeOfDay(to);
    if (start === undefined || end === undefined || end.hour * 60 + end.minute <= start.hour * 60 + start.minute) {
      return invalid(ctx, value, 'a window such as 09:00-17:00 (24-hour clock, end after start)');
    }
    return { start, end };
  }),
);

/** `mon-fri`, `mon,tue,thu` or `sun-thu`: ISO weekday numbers out. */
export const SendDaysSchema = z.pipe(
  z.string(),
  z.transform((value: string, ctx) => {
    const days = new Set<number>();
    for (const part of value.toLowerCase().split(',')) {
      const [first = '', last] = part.trim().split('-');
      const from = DAY_NAMES.indexOf(first as (typeof DAY_NAMES)[number]);
      const to = last === undefined ? from : DAY_NAMES.indexOf(last as (typeof DAY_NAMES)[number]);
      if (from < 0 || to < 0) return invalid(ctx, value, 'days such as mon-fri or mon,tue,wed (mon … sun)');
      // A range may wrap past Sunday (fri-mon).
      for (let i = from; ; i = (i + 1) % 7) {
        days.add(i + 1);
        if (i === to) break;
      }
    }
    return [...days].sort((a, b) => a - b);
  }),
);

const DelayRuleSchema = z
  .strictObject({
    stage: z.optional(z.enum(STAGES)),
    reason: z.optional(z.enum(REASON_CATEGORIES)),
    minutes: z.number().check(z.int(), z.gte(0), z.lte(60 * 24 * 30)),
  })
  .check(z.refine((r) => r.stage !== undefined || r.reason !== undefined, 'a rule names a stage, a reason or both'));

const DelayRuleListSchema = z.array(DelayRuleSchema).check(z.maxLength(100));

/** A JSON array of `{"stage"?, "reason"?, "minutes"}`; the first rule that matches a decision sets its delay. */
export const DelayRulesSchema = z.pipe(
  z.string(),
  z.transform((value: string, ctx): DelayRule[] => {
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      return invalid(ctx, value, 'a JSON array such as [{"stage":"interview","minutes":1440}]');
    }
    const parsed = DelayRuleListSchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(rules)'}: ${i.message}`);
      return invalid(ctx, value, problems.join('; '));
    }
    return parsed.data.map((r) => ({
      ...definedFields({ stage: r.stage, reason: r.reason }),
      minutes: r.minutes,
    }));
  }),
);

export const TimeZoneSchema = z.string().check(z.refine(isTimeZone, 'an IANA time zone such as Europe/Berlin'));

/**
 * What a recruiter would do by hand: a candidate who withdrew hears back at once; a screen-out soon; someone who
 * met the team, the next day, so the email does not read as automated.
 */
export const DEFAULT_DELAY_RULES: readonly DelayRule[] = [
  { reason: 'withdrawn', minutes: 0 },
  { stage: 'interview', minutes: 24 * 60 },
  { stage: 'offer', minutes: 24 * 60 },
  { stage: 'phone-screen', minutes: 4 * 60 },
];
