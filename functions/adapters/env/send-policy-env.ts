import { z } from 'zod';
import { REASON_CATEGORIES, STAGES } from '#core/domain/decision.ts';
import { isTimeZone } from '#core/domain/local-time.ts';
import type { DelayRule, TimeOfDay } from '#core/domain/send-policy.ts';

/**
 * The send policy's settings as environment variables: the parsing of each one, so a typo fails at cold start
 * with the variable's name and what a valid value looks like.
 */

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const timeOfDay = (value: string): TimeOfDay | undefined => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
};

/** `09:00-17:00`: from (inclusive) to (exclusive), the candidate's wall-clock time. `24:00` ends at midnight. */
export const SendWindowSchema = z.string().transform((value, ctx) => {
  const [from = '', to = ''] = value.split('-');
  const start = timeOfDay(from);
  const end = to.trim() === '24:00' ? { hour: 24, minute: 0 } : timeOfDay(to);
  if (start === undefined || end === undefined || end.hour * 60 + end.minute <= start.hour * 60 + start.minute) {
    ctx.addIssue({ code: 'custom', message: 'a window such as 09:00-17:00 (24-hour clock, end after start)' });
    return z.NEVER;
  }
  return { start, end };
});

/** `mon-fri`, `mon,tue,thu` or `sun-thu`: ISO weekday numbers out. */
export const SendDaysSchema = z.string().transform((value, ctx) => {
  const days = new Set<number>();
  for (const part of value.toLowerCase().split(',')) {
    const [first = '', last] = part.trim().split('-');
    const from = DAY_NAMES.indexOf(first as (typeof DAY_NAMES)[number]);
    const to = last === undefined ? from : DAY_NAMES.indexOf(last as (typeof DAY_NAMES)[number]);
    if (from < 0 || to < 0) {
      ctx.addIssue({ code: 'custom', message: 'days such as mon-fri or mon,tue,wed (mon … sun)' });
      return z.NEVER;
    }
    // A range may wrap past Sunday (fri-mon).
    for (let i = from; ; i = (i + 1) % 7) {
      days.add(i + 1);
      if (i === to) break;
    }
  }
  return [...days].sort((a, b) => a - b);
});

const DelayRuleSchema = z
  .object({
    stage: z.enum(STAGES).optional(),
    reason: z.enum(REASON_CATEGORIES).optional(),
    minutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 30),
  })
  .strict()
  .refine((r) => r.stage !== undefined || r.reason !== undefined, 'a rule names a stage, a reason or both');

/** A JSON array of `{"stage"?, "reason"?, "minutes"}`; the first rule that matches a decision sets its delay. */
export const DelayRulesSchema = z.string().transform((value, ctx): DelayRule[] => {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'a JSON array such as [{"stage":"interview","minutes":1440}]' });
    return z.NEVER;
  }
  const parsed = z.array(DelayRuleSchema).max(100).safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', message: `${issue.path.join('.') || '(rules)'}: ${issue.message}` });
    }
    return z.NEVER;
  }
  return parsed.data.map((r) => ({
    ...(r.stage === undefined ? {} : { stage: r.stage }),
    ...(r.reason === undefined ? {} : { reason: r.reason }),
    minutes: r.minutes,
  }));
});

export const TimeZoneSchema = z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin');

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
