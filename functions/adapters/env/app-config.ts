import { z } from 'zod';
import type { Branding } from '#core/domain/branding.ts';
import type { ReputationCeiling } from '#core/domain/reputation.ts';
import type { RetryPolicy } from '#core/domain/retry-policy.ts';
import type { BusinessHoursConfig } from '#core/domain/send-policy.ts';
import type { SenderIdentity } from '#core/use-cases/send-notice.ts';
import { DateHolidaysCalendar, UnknownHolidayRegionError } from '../holidays/date-holidays-calendar.ts';
import {
  DEFAULT_DELAY_RULES,
  DelayRulesSchema,
  SendDaysSchema,
  SendWindowSchema,
  TimeZoneSchema,
} from './send-policy-env.ts';

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' });
const positiveInt = z.coerce.number().int().positive();
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const fraction = z.coerce.number().gt(0).lt(1);

/**
 * Every setting the functions read, validated once at cold start (fail fast, never `process.env.X || ''`).
 * Local mode fills in documented development defaults; in AWS the CDK stack sets every required value.
 */
const EnvSchema = z.object({
  CLOSELOOP_TABLE_NAME: z.string().min(3),
  CLOSELOOP_SENDER: z.string().min(3).describe('From address, e.g. "Acme Talent <talent@mail.acme.example>"'),
  CLOSELOOP_REPLY_DOMAIN: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain name such as replies.acme.example'),
  CLOSELOOP_SES_CONFIGURATION_SET: z.string().min(1).optional(),
  CLOSELOOP_COMPANY_NAME: z.string().min(1),
  CLOSELOOP_COMPANY_LOGO_URL: httpsUrl.optional(),
  CLOSELOOP_BRAND_COLOR: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a hex colour such as #1f6feb')
    .default('#1f6feb'),
  CLOSELOOP_POSTAL_ADDRESS: z.string().min(5),
  CLOSELOOP_DEFAULT_RECRUITER_NAME: z.string().min(1),
  CLOSELOOP_DEFAULT_RECRUITER_TITLE: z.string().min(1).optional(),
  CLOSELOOP_SEND_DELAY_MINUTES: z.coerce.number().int().min(0).default(120),
  CLOSELOOP_RETENTION_DAYS: positiveInt.default(365),
  CLOSELOOP_MAX_SEND_ATTEMPTS: positiveInt.default(6),
  CLOSELOOP_RETRY_BASE_SECONDS: positiveInt.default(60),
  CLOSELOOP_RETRY_MAX_SECONDS: positiveInt.default(6 * 3600),
  CLOSELOOP_SEND_LEASE_SECONDS: positiveInt.default(900),
  CLOSELOOP_QUEUE_LEASE_SECONDS: positiveInt.default(900),
  CLOSELOOP_SWEEP_LIMIT: positiveInt.default(5000),
  CLOSELOOP_SEND_DELAYS: DelayRulesSchema.prefault(JSON.stringify(DEFAULT_DELAY_RULES)),
  CLOSELOOP_DEFAULT_TIME_ZONE: TimeZoneSchema,
  CLOSELOOP_SEND_WINDOW: SendWindowSchema.prefault('09:00-17:00'),
  CLOSELOOP_SEND_DAYS: SendDaysSchema.prefault('mon-fri'),
  CLOSELOOP_HOLIDAYS: z
    .string()
    .regex(/^([A-Z]{2}(-[A-Z0-9]{1,3})?|none)$/, 'a country code such as DE or US-NY, or none'),
  CLOSELOOP_TRACK_OPENS_AND_CLICKS: flag.default(false),
  CLOSELOOP_PAUSE_BOUNCE_RATE: fraction.default(0.04),
  CLOSELOOP_PAUSE_COMPLAINT_RATE: fraction.default(0.0008),
  CLOSELOOP_PAUSE_MIN_SENDS: positiveInt.default(200),
  CLOSELOOP_REPUTATION_WINDOW_HOURS: positiveInt.max(24 * 14).default(24),
});

/** Values `npm start` uses when the variable is unset. Never applied in AWS. */
export const LOCAL_DEFAULTS: Readonly<Record<string, string>> = {
  CLOSELOOP_TABLE_NAME: 'closeloop-local',
  CLOSELOOP_SENDER: 'Acme Talent <talent@acme.example>',
  CLOSELOOP_REPLY_DOMAIN: 'replies.acme.example',
  CLOSELOOP_SES_CONFIGURATION_SET: 'closeloop-local',
  CLOSELOOP_COMPANY_NAME: 'Acme',
  CLOSELOOP_POSTAL_ADDRESS: 'Acme Inc., 1 Example Street, 10115 Berlin, Germany',
  CLOSELOOP_DEFAULT_RECRUITER_NAME: 'The Acme Talent Team',
  CLOSELOOP_DEFAULT_TIME_ZONE: 'Europe/Berlin',
  CLOSELOOP_HOLIDAYS: 'DE',
};

export interface AppConfig {
  readonly tableName: string;
  readonly sender: SenderIdentity;
  readonly sesConfigurationSet?: string;
  readonly branding: Branding;
  readonly sendDelayMinutes: number;
  readonly retentionDays: number;
  readonly retry: RetryPolicy;
  readonly sendLeaseMs: number;
  readonly queueLeaseMs: number;
  /** Notices one sweep enqueues at most. */
  readonly sweepLimit: number;
  /** When notices go out: delays per stage and reason, the candidate's business hours, public holidays. */
  readonly sendPolicy: BusinessHoursConfig;
  /** Record SES Open and Click events (off by default: unreliable, and intrusive for the candidate). */
  readonly trackOpensAndClicks: boolean;
  /** Sending pauses by itself when the rolling bounce or complaint rate crosses this. */
  readonly reputationCeiling: ReputationCeiling;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv, mode: 'aws' | 'local'): AppConfig {
  const source = mode === 'local' ? { ...LOCAL_DEFAULTS, ...definedOnly(env) } : env;
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    tableName: e.CLOSELOOP_TABLE_NAME,
    sender: { from: e.CLOSELOOP_SENDER, replyDomain: e.CLOSELOOP_REPLY_DOMAIN },
    ...(e.CLOSELOOP_SES_CONFIGURATION_SET === undefined
      ? {}
      : { sesConfigurationSet: e.CLOSELOOP_SES_CONFIGURATION_SET }),
    branding: {
      companyName: e.CLOSELOOP_COMPANY_NAME,
      ...(e.CLOSELOOP_COMPANY_LOGO_URL === undefined ? {} : { logoUrl: e.CLOSELOOP_COMPANY_LOGO_URL }),
      brandColor: e.CLOSELOOP_BRAND_COLOR,
      postalAddress: e.CLOSELOOP_POSTAL_ADDRESS,
      defaultRecruiter: {
        name: e.CLOSELOOP_DEFAULT_RECRUITER_NAME,
        ...(e.CLOSELOOP_DEFAULT_RECRUITER_TITLE === undefined ? {} : { title: e.CLOSELOOP_DEFAULT_RECRUITER_TITLE }),
      },
    },
    sendDelayMinutes: e.CLOSELOOP_SEND_DELAY_MINUTES,
    retentionDays: e.CLOSELOOP_RETENTION_DAYS,
    retry: {
      maxAttempts: e.CLOSELOOP_MAX_SEND_ATTEMPTS,
      baseDelayMs: e.CLOSELOOP_RETRY_BASE_SECONDS * 1000,
      maxDelayMs: e.CLOSELOOP_RETRY_MAX_SECONDS * 1000,
    },
    sendLeaseMs: e.CLOSELOOP_SEND_LEASE_SECONDS * 1000,
    queueLeaseMs: e.CLOSELOOP_QUEUE_LEASE_SECONDS * 1000,
    sweepLimit: e.CLOSELOOP_SWEEP_LIMIT,
    sendPolicy: {
      defaultDelayMinutes: e.CLOSELOOP_SEND_DELAY_MINUTES,
      delayRules: e.CLOSELOOP_SEND_DELAYS,
      defaultTimeZone: e.CLOSELOOP_DEFAULT_TIME_ZONE,
      window: e.CLOSELOOP_SEND_WINDOW,
      days: e.CLOSELOOP_SEND_DAYS,
      ...(e.CLOSELOOP_HOLIDAYS === 'none' ? {} : { holidays: holidayCalendar(e.CLOSELOOP_HOLIDAYS) }),
    },
    trackOpensAndClicks: e.CLOSELOOP_TRACK_OPENS_AND_CLICKS,
    reputationCeiling: {
      bounceRate: e.CLOSELOOP_PAUSE_BOUNCE_RATE,
      complaintRate: e.CLOSELOOP_PAUSE_COMPLAINT_RATE,
      minSends: e.CLOSELOOP_PAUSE_MIN_SENDS,
      windowHours: e.CLOSELOOP_REPUTATION_WINDOW_HOURS,
    },
  };
}

function holidayCalendar(region: string): DateHolidaysCalendar {
  try {
    return new DateHolidaysCalendar(region);
  } catch (e: unknown) {
    if (e instanceof UnknownHolidayRegionError)
      throw new ConfigError(`Invalid configuration: CLOSELOOP_HOLIDAYS: ${e.message}`);
    throw e;
  }
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}
