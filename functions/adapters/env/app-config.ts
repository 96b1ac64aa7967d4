import { z } from 'zod';
import type { Branding } from '#core/domain/branding.ts';
import type { RetryPolicy } from '#core/domain/retry-policy.ts';
import type { SenderIdentity } from '#core/use-cases/send-notice.ts';

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' });
const positiveInt = z.coerce.number().int().positive();

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
  };
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}
