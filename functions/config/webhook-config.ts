import { z } from 'zod';
import {
  type AtsMapping,
  AtsMappingOverrideSchema,
  DEFAULT_ATS_MAPPING,
  withOverrides,
} from '#core/domain/ats-mapping.ts';
import { ConfigError } from './app-config.ts';

export const WEBHOOK_SOURCES = ['greenhouse', 'lever', 'ashby', 'workable', 'generic'] as const;
export type WebhookSource = (typeof WEBHOOK_SOURCES)[number];

/** How the webhook endpoints read each vendor; every value has a default and an environment variable. */
export interface WebhookSettings {
  readonly mapping: AtsMapping;
  /** The generic scheme refuses a `t=` further than this from now, either way (replay protection). */
  readonly genericToleranceSeconds: number;
  /** Lever signs only `token + triggeredAt`: a delivery older than this is refused. */
  readonly leverMaxAgeSeconds: number;
  readonly leverApiUrl: string;
  /** `https://<subdomain>.workable.com/spi/v3`; unset, Workable decisions name no owner (the default inbox). */
  readonly workableApiUrl?: string;
  /** Ashby archive reason types that count as a rejection (`Other` is, for instance, a duplicate application). */
  readonly ashbyRejectionReasonTypes: readonly string[];
  /** Sources whose senders treat anything but 200 as a failure: 202 and 204 become 200 for them (body unchanged). */
  readonly answer200: ReadonlySet<WebhookSource>;
  /** How long a delivery id is remembered for dedupe. */
  readonly deliveryRetentionDays: number;
}

const list = z.string().transform((s) =>
  s
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== ''),
);

/** The longest Lever replay window allowed (`LEVER_MAX_AGE_SECONDS`). */
export const LEVER_MAX_AGE_LIMIT_SECONDS = 300;

function isLoopbackUrl(url: string): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
}

const EnvSchema = z.object({
  CLOSELOOP_ATS_MAPPING: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return undefined;
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(AtsMappingOverrideSchema.optional()),
  CLOSELOOP_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  // Lever's signature does not cover `data`: the age is the replay window, so it stays short.
  LEVER_MAX_AGE_SECONDS: z.coerce.number().int().min(30).max(LEVER_MAX_AGE_LIMIT_SECONDS).default(300),
  // The API key goes to this URL: https, except to this machine (the fake Lever the tests start).
  LEVER_API_URL: z
    .url({ protocol: /^https?$/ })
    .refine((url) => url.startsWith('https:') || isLoopbackUrl(url), 'must be https (http only to localhost)')
    .default('https://api.lever.co/v1'),
  // The API token goes to this URL: https, except to this machine (the fake Workable the tests start).
  WORKABLE_API_URL: z
    .url({ protocol: /^https?$/ })
    .refine((url) => url.startsWith('https:') || isLoopbackUrl(url), 'must be https (http only to localhost)')
    .optional(),
  ASHBY_REJECTION_REASON_TYPES: list.default(['RejectedByOrg', 'RejectedByCandidate']),
  CLOSELOOP_WEBHOOK_ANSWER_200: list.pipe(z.array(z.enum(WEBHOOK_SOURCES))).default([]),
  CLOSELOOP_WEBHOOK_DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
});

/** Read once at cold start (or by `npm start`); a bad value fails with the variable's name. */
export function loadWebhookSettings(env: NodeJS.ProcessEnv): WebhookSettings {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid webhook configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    mapping: withOverrides(DEFAULT_ATS_MAPPING, e.CLOSELOOP_ATS_MAPPING),
    genericToleranceSeconds: e.CLOSELOOP_WEBHOOK_TOLERANCE_SECONDS,
    leverMaxAgeSeconds: e.LEVER_MAX_AGE_SECONDS,
    leverApiUrl: e.LEVER_API_URL.replace(/\/+$/, ''),
    ...(e.WORKABLE_API_URL === undefined ? {} : { workableApiUrl: e.WORKABLE_API_URL.replace(/\/+$/, '') }),
    ashbyRejectionReasonTypes: e.ASHBY_REJECTION_REASON_TYPES,
    answer200: new Set(e.CLOSELOOP_WEBHOOK_ANSWER_200),
    deliveryRetentionDays: e.CLOSELOOP_WEBHOOK_DELIVERY_RETENTION_DAYS,
  };
}
