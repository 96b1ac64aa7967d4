import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import type { Branding } from '#core/domain/branding.ts';
import type { TemplateSelectionOverrides } from '#core/domain/default-template-selection.ts';
import { domainOf } from '#core/domain/email-address.ts';
import { definedFields } from '#core/domain/optional.ts';
import { REASON_CATEGORIES, STAGES } from '#core/domain/reason-and-stage.ts';
import { HOSTILE_RELAY_POLICIES, type HostileRelayPolicy } from '#core/domain/relay.ts';
import type { ReputationCeiling } from '#core/domain/reputation.ts';
import type { RetryPolicy } from '#core/domain/retry-policy.ts';
import type { BusinessHoursConfig } from '#core/domain/send-policy.ts';
import type { SenderIdentity } from '#core/use-cases/send-notice.ts';
import {
  DEFAULT_DELAY_RULES,
  DelayRulesSchema,
  SendDaysSchema,
  SendWindowSchema,
  TimeZoneSchema,
} from './send-policy-env.ts';

// zod/mini, not zod: every function validates this at cold start, and the full zod with its 40 locales
// costs the send function ~440 KB of bundle and ~25 ms of start-up. Only English messages are loaded.
// (`jitless: true` would save ~3 ms more here, but zod's config is global: it would also slow the HTTP API's
// validation of decision batches, which parses the same schema up to 500 times per request.)
z.config(en());

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' });
const hexColor = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'a hex colour such as #1f6feb'));
const positiveInt = z.coerce.number().check(z.int(), z.positive());
const nonEmpty = z.string().check(z.minLength(1));
const flag = z.pipe(
  z.enum(['true', 'false']),
  z.transform((v: 'true' | 'false') => v === 'true'),
);
const fraction = z.coerce.number().check(z.gt(0), z.lt(1));

/** `CLOSELOOP_TEMPLATE_SELECTION`: JSON such as `{"rules":[{"stage":"offer","templateId":"keep-in-touch"}]}`. */
export const TemplateSelectionSchema = z.strictObject({
  defaultTemplate: z.optional(nonEmpty),
  defaultLocale: z.optional(z.string().check(z.regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, 'a locale such as en'))),
  rules: z.optional(
    z.array(
      z.strictObject({
        reason: z.optional(z.enum(REASON_CATEGORIES)),
        stage: z.optional(z.enum(STAGES)),
        keepInTouch: z.optional(z.boolean()),
        templateId: nonEmpty,
      }),
    ),
  ),
});

const jsonText = z.string().check(
  z.refine((text) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  }, 'must be JSON'),
);

/**
 * Every setting the functions read, validated once at cold start (fail fast, never `process.env.X || ''`).
 * Local mode fills in documented development defaults; in AWS the CDK stack sets every required value.
 */
const EnvSchema = z.object({
  CLOSELOOP_TABLE_NAME: z.string().check(z.minLength(3)),
  CLOSELOOP_SENDER: z.string().check(z.minLength(3)),
  CLOSELOOP_REPLY_DOMAIN: z
    .string()
    .check(z.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain name such as replies.acme.example')),
  CLOSELOOP_SES_CONFIGURATION_SET: z.optional(nonEmpty),
  /** Set by Lambda: SES's Message-IDs name the region they were sent from. */
  AWS_REGION: z.optional(nonEmpty),
  CLOSELOOP_COMPANY_NAME: nonEmpty,
  CLOSELOOP_COMPANY_LOGO_URL: z.optional(httpsUrl),
  CLOSELOOP_BRAND_COLOR: z._default(hexColor, '#1f6feb'),
  CLOSELOOP_BACKGROUND_COLOR: z._default(hexColor, '#f3f4f6'),
  CLOSELOOP_POSTAL_ADDRESS: z.string().check(z.minLength(5)),
  CLOSELOOP_CAREERS_URL: z.optional(httpsUrl),
  CLOSELOOP_PRIVACY_URL: z.optional(httpsUrl),
  CLOSELOOP_DEFAULT_RECRUITER_NAME: z.optional(nonEmpty),
  CLOSELOOP_DEFAULT_RECRUITER_TITLE: z.optional(nonEmpty),
  CLOSELOOP_DEFAULT_RECRUITER_INBOX: z.email(),
  CLOSELOOP_TEMPLATE_SELECTION: z.optional(jsonText),
  CLOSELOOP_SEND_DELAY_MINUTES: z._default(z.coerce.number().check(z.int(), z.gte(0)), 120),
  CLOSELOOP_RETENTION_DAYS: z._default(positiveInt, 365),
  CLOSELOOP_MAX_SEND_ATTEMPTS: z._default(positiveInt, 6),
  CLOSELOOP_RETRY_BASE_SECONDS: z._default(positiveInt, 60),
  CLOSELOOP_RETRY_MAX_SECONDS: z._default(positiveInt, 6 * 3600),
  CLOSELOOP_SEND_LEASE_SECONDS: z._default(positiveInt, 900),
  CLOSELOOP_QUEUE_LEASE_SECONDS: z._default(positiveInt, 900),
  CLOSELOOP_SWEEP_LIMIT: z._default(positiveInt, 5000),
  CLOSELOOP_SEND_DELAYS: z.prefault(DelayRulesSchema, JSON.stringify(DEFAULT_DELAY_RULES)),
  CLOSELOOP_DEFAULT_TIME_ZONE: TimeZoneSchema,
  CLOSELOOP_SEND_WINDOW: z.prefault(SendWindowSchema, '09:00-17:00'),
  CLOSELOOP_SEND_DAYS: z.prefault(SendDaysSchema, 'mon-fri'),
  CLOSELOOP_HOLIDAYS: z
    .string()
    .check(z.regex(/^([A-Z]{2}(-[A-Z0-9]{1,3})?|none)$/, 'a country code such as DE or US-NY, or none')),
  CLOSELOOP_TRACK_OPENS_AND_CLICKS: z.prefault(flag, 'false'),
  CLOSELOOP_PAUSE_BOUNCE_RATE: z._default(fraction, 0.04),
  CLOSELOOP_PAUSE_COMPLAINT_RATE: z._default(fraction, 0.0008),
  CLOSELOOP_PAUSE_MIN_SENDS: z._default(positiveInt, 200),
  CLOSELOOP_REPUTATION_WINDOW_HOURS: z._default(positiveInt.check(z.lte(24 * 14)), 24),
  CLOSELOOP_RELAY_FROM: z.optional(z.email()),
  CLOSELOOP_DASHBOARD_URL: z.optional(z.url({ protocol: /^https?$/ })),
  CLOSELOOP_HOSTILE_RELAY: z._default(z.enum(HOSTILE_RELAY_POLICIES), 'summary'),
  CLOSELOOP_RELAY_HOURLY_CAP: z._default(positiveInt, 10),
});

/** Values `npm start` uses when the variable is unset. Never applied in AWS. */
export const LOCAL_DEFAULTS: Readonly<Record<string, string>> = {
  CLOSELOOP_TABLE_NAME: 'closeloop-local',
  CLOSELOOP_SENDER: 'Acme Talent <talent@acme.example>',
  CLOSELOOP_REPLY_DOMAIN: 'replies.acme.example',
  CLOSELOOP_SES_CONFIGURATION_SET: 'closeloop-local',
  CLOSELOOP_COMPANY_NAME: 'Acme',
  CLOSELOOP_POSTAL_ADDRESS: 'Acme Inc., 1 Example Street, 10115 Berlin, Germany',
  CLOSELOOP_DEFAULT_TIME_ZONE: 'Europe/Berlin',
  CLOSELOOP_HOLIDAYS: 'DE',
  // On the company's domain, never the reply domain: a relay to an inbound address would loop. Locally every
  // address lands in the SES emulator's mail viewer.
  CLOSELOOP_DEFAULT_RECRUITER_INBOX: 'recruiting@acme.example',
  // The local stack replaces it with the port it listens on.
  CLOSELOOP_DASHBOARD_URL: 'http://localhost:3000/',
};

export interface AppConfig {
  readonly tableName: string;
  readonly sender: SenderIdentity;
  readonly sesConfigurationSet?: string;
  readonly branding: Branding;
  /**
   * Owns every candidate whose decision names no recruiter's inbox (`ownerOf`): replies are relayed here.
   * Lowercase; never on the reply domain.
   */
  readonly defaultRecruiterInbox: string;
  /** The operator's template selection rules and defaults, tried before the built-in ones. */
  readonly templateSelection: TemplateSelectionOverrides;
  readonly sendDelayMinutes: number;
  readonly retentionDays: number;
  readonly retry: RetryPolicy;
  readonly sendLeaseMs: number;
  readonly queueLeaseMs: number;
  /** Notices one sweep enqueues at most. */
  readonly sweepLimit: number;
  /** When notices go out: delays per stage and reason, the candidate's business hours. */
  readonly sendPolicy: Omit<BusinessHoursConfig, 'holidays'>;
  /**
   * Whose public holidays are not sending days (`DE`, `US-NY`). The calendar is built by the composition roots
   * that plan send times (`holidayCalendarFor`), so only their bundles carry the holiday data.
   */
  readonly holidayRegion?: string;
  /** Record SES Open and Click events (off by default: unreliable, and intrusive for the candidate). */
  readonly trackOpensAndClicks: boolean;
  /** Sending pauses by itself when the rolling bounce or complaint rate crosses this. */
  readonly reputationCeiling: ReputationCeiling;
  /** Conversations (docs/conversations.md). */
  readonly relay: RelayConfig;
}

export interface RelayConfig {
  /** The address relays to the recruiter come from: on the sender's domain, never one we do not own. */
  readonly fromAddress: string;
  /** The dashboard's base URL, for links to a candidate (https in AWS). */
  readonly dashboardUrl?: string;
  /** How a bridge-burned turn reaches the recruiter. */
  readonly hostilePolicy: HostileRelayPolicy;
  /** Relays per thread per hour before the thread pauses. */
  readonly hourlyCap: number;
  /** Where SES sends from (Lambda's `AWS_REGION`): its Message-IDs, which relays thread on, name it. */
  readonly sesRegion?: string;
}

export class ConfigError extends Error {}

function problemsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix = ''): string {
  return issues.map((i) => `${prefix}${i.path.map(String).join('.')}: ${i.message}`).join('; ');
}

export function loadConfig(env: NodeJS.ProcessEnv, mode: 'aws' | 'local'): AppConfig {
  const source = mode === 'local' ? { ...LOCAL_DEFAULTS, ...definedOnly(env) } : env;
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${problemsOf(parsed.error.issues)}`);
  const e = parsed.data;
  const selection = TemplateSelectionSchema.safeParse(
    e.CLOSELOOP_TEMPLATE_SELECTION === undefined ? {} : JSON.parse(e.CLOSELOOP_TEMPLATE_SELECTION),
  );
  if (!selection.success) {
    throw new ConfigError(
      `Invalid configuration: ${problemsOf(selection.error.issues, 'CLOSELOOP_TEMPLATE_SELECTION.')}`,
    );
  }
  const defaultRecruiterInbox = e.CLOSELOOP_DEFAULT_RECRUITER_INBOX.toLowerCase();
  if (defaultRecruiterInbox.endsWith(`@${e.CLOSELOOP_REPLY_DOMAIN.toLowerCase()}`)) {
    throw new ConfigError(
      'Invalid configuration: CLOSELOOP_DEFAULT_RECRUITER_INBOX: must not be on CLOSELOOP_REPLY_DOMAIN (replies relayed there would loop)',
    );
  }
  return {
    tableName: e.CLOSELOOP_TABLE_NAME,
    sender: { from: e.CLOSELOOP_SENDER, replyDomain: e.CLOSELOOP_REPLY_DOMAIN },
    ...(e.CLOSELOOP_SES_CONFIGURATION_SET === undefined
      ? {}
      : { sesConfigurationSet: e.CLOSELOOP_SES_CONFIGURATION_SET }),
    branding: {
      companyName: e.CLOSELOOP_COMPANY_NAME,
      ...definedFields({ logoUrl: e.CLOSELOOP_COMPANY_LOGO_URL }),
      brandColor: e.CLOSELOOP_BRAND_COLOR,
      backgroundColor: e.CLOSELOOP_BACKGROUND_COLOR,
      postalAddress: e.CLOSELOOP_POSTAL_ADDRESS,
      ...definedFields({ careersUrl: e.CLOSELOOP_CAREERS_URL, privacyUrl: e.CLOSELOOP_PRIVACY_URL }),
      ...(e.CLOSELOOP_DEFAULT_RECRUITER_NAME === undefined
        ? {}
        : {
            defaultRecruiter: {
              name: e.CLOSELOOP_DEFAULT_RECRUITER_NAME,
              ...(e.CLOSELOOP_DEFAULT_RECRUITER_TITLE === undefined
                ? {}
                : { title: e.CLOSELOOP_DEFAULT_RECRUITER_TITLE }),
            },
          }),
    },
    defaultRecruiterInbox,
    templateSelection: selection.data,
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
    },
    ...(e.CLOSELOOP_HOLIDAYS === 'none' ? {} : { holidayRegion: e.CLOSELOOP_HOLIDAYS }),
    trackOpensAndClicks: e.CLOSELOOP_TRACK_OPENS_AND_CLICKS,
    relay: relayConfig(e, mode),
    reputationCeiling: {
      bounceRate: e.CLOSELOOP_PAUSE_BOUNCE_RATE,
      complaintRate: e.CLOSELOOP_PAUSE_COMPLAINT_RATE,
      minSends: e.CLOSELOOP_PAUSE_MIN_SENDS,
      windowHours: e.CLOSELOOP_REPUTATION_WINDOW_HOURS,
    },
  };
}

/** The sender's address from `Name <address>` or a bare address. */
function senderAddressOf(sender: string): string {
  return /<([^<>]+)>\s*$/.exec(sender)?.[1]?.trim() ?? sender.trim();
}

function relayConfig(e: z.infer<typeof EnvSchema>, mode: 'aws' | 'local'): RelayConfig {
  const senderDomain = domainOf(senderAddressOf(e.CLOSELOOP_SENDER));
  const fromAddress = e.CLOSELOOP_RELAY_FROM ?? `relay@${senderDomain}`;
  if (senderDomain === '' || domainOf(fromAddress) !== senderDomain) {
    throw new ConfigError(
      `Invalid configuration: CLOSELOOP_RELAY_FROM: must be on the sender's domain (${senderDomain || 'none'}): we never send from an address we do not own`,
    );
  }
  const dashboardUrl = e.CLOSELOOP_DASHBOARD_URL;
  if (mode === 'aws' && dashboardUrl !== undefined && !dashboardUrl.startsWith('https://')) {
    throw new ConfigError('Invalid configuration: CLOSELOOP_DASHBOARD_URL: must be an https URL');
  }
  return {
    fromAddress,
    ...definedFields({ dashboardUrl }),
    hostilePolicy: e.CLOSELOOP_HOSTILE_RELAY,
    hourlyCap: e.CLOSELOOP_RELAY_HOURLY_CAP,
    ...definedFields({ sesRegion: e.AWS_REGION }),
  };
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}
