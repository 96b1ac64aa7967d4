import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import type { TemplateSelectionOverrides } from '#composition/template-selection.ts';
import type { Branding } from '#core/domain/branding.ts';
import { REASON_CATEGORIES, STAGES } from '#core/domain/reason-and-stage.ts';
import type { RetryPolicy } from '#core/domain/retry-policy.ts';
import type { SenderIdentity } from '#core/use-cases/send-notice.ts';

// zod/mini, not zod: every function validates this at cold start, and the full zod with its 40 locales
// costs the send function ~440 KB of bundle and ~25 ms of start-up. Only English messages are loaded.
// (`jitless: true` would save ~3 ms more here, but zod's config is global: it would also slow the HTTP API's
// validation of decision batches, which parses the same schema up to 500 times per request.)
z.config(en());

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' });
const hexColor = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'a hex colour such as #1f6feb'));
const positiveInt = z.coerce.number().check(z.int(), z.positive());
const nonEmpty = z.string().check(z.minLength(1));

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
  CLOSELOOP_COMPANY_NAME: nonEmpty,
  CLOSELOOP_COMPANY_LOGO_URL: z.optional(httpsUrl),
  CLOSELOOP_BRAND_COLOR: z._default(hexColor, '#1f6feb'),
  CLOSELOOP_BACKGROUND_COLOR: z._default(hexColor, '#f3f4f6'),
  CLOSELOOP_POSTAL_ADDRESS: z.string().check(z.minLength(5)),
  CLOSELOOP_CAREERS_URL: z.optional(httpsUrl),
  CLOSELOOP_PRIVACY_URL: z.optional(httpsUrl),
  CLOSELOOP_DEFAULT_RECRUITER_NAME: z.optional(nonEmpty),
  CLOSELOOP_DEFAULT_RECRUITER_TITLE: z.optional(nonEmpty),
  CLOSELOOP_TEMPLATE_SELECTION: z.optional(jsonText),
  CLOSELOOP_SEND_DELAY_MINUTES: z._default(z.coerce.number().check(z.int(), z.gte(0)), 120),
  CLOSELOOP_RETENTION_DAYS: z._default(positiveInt, 365),
  CLOSELOOP_MAX_SEND_ATTEMPTS: z._default(positiveInt, 6),
  CLOSELOOP_RETRY_BASE_SECONDS: z._default(positiveInt, 60),
  CLOSELOOP_RETRY_MAX_SECONDS: z._default(positiveInt, 6 * 3600),
  CLOSELOOP_SEND_LEASE_SECONDS: z._default(positiveInt, 900),
  CLOSELOOP_QUEUE_LEASE_SECONDS: z._default(positiveInt, 900),
});

/** Values `npm start` uses when the variable is unset. Never applied in AWS. */
export const LOCAL_DEFAULTS: Readonly<Record<string, string>> = {
  CLOSELOOP_TABLE_NAME: 'closeloop-local',
  CLOSELOOP_SENDER: 'Acme Talent <talent@acme.example>',
  CLOSELOOP_REPLY_DOMAIN: 'replies.acme.example',
  CLOSELOOP_SES_CONFIGURATION_SET: 'closeloop-local',
  CLOSELOOP_COMPANY_NAME: 'Acme',
  CLOSELOOP_POSTAL_ADDRESS: 'Acme Inc., 1 Example Street, 10115 Berlin, Germany',
};

export interface AppConfig {
  readonly tableName: string;
  readonly sender: SenderIdentity;
  readonly sesConfigurationSet?: string;
  readonly branding: Branding;
  /** The operator's template selection rules and defaults, tried before the built-in ones. */
  readonly templateSelection: TemplateSelectionOverrides;
  readonly sendDelayMinutes: number;
  readonly retentionDays: number;
  readonly retry: RetryPolicy;
  readonly sendLeaseMs: number;
  readonly queueLeaseMs: number;
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
      backgroundColor: e.CLOSELOOP_BACKGROUND_COLOR,
      postalAddress: e.CLOSELOOP_POSTAL_ADDRESS,
      ...(e.CLOSELOOP_CAREERS_URL === undefined ? {} : { careersUrl: e.CLOSELOOP_CAREERS_URL }),
      ...(e.CLOSELOOP_PRIVACY_URL === undefined ? {} : { privacyUrl: e.CLOSELOOP_PRIVACY_URL }),
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
  };
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}
