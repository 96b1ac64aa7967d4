import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isHolidayRegion } from '#adapters/holidays/date-holidays-calendar.ts';
import { TemplateSelectionSchema } from '#config/app-config.ts';
import { DelayRulesSchema, SendDaysSchema, SendWindowSchema } from '#config/send-policy-env.ts';
import { selectionRules } from '#config/template-selection.ts';
import { WEBHOOK_SOURCES } from '#config/webhook-config.ts';
import { AtsMappingOverrideSchema } from '#core/domain/ats-mapping.ts';
import { errorMessage } from '#core/domain/error-message.ts';
import { HOSTILE_RELAY_POLICIES } from '#core/domain/relay.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { exampleValueFields } from './example-values.ts';

const domain = z
  .string()
  .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a lowercase domain name such as mail.acme.example');

/** A value the functions parse again at cold start; validated here too, so a typo fails `cdk synth`. */
const parsedBy = (schema: { safeParse(value: unknown): { success: boolean } }, message: string) =>
  z.string().refine((value) => schema.safeParse(value).success, message);

const fromContext = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }, schema);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `-c templateSelection='{…}'` arrives as a string, the stage file's value as an object. */
function parseJsonContext(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * A stage's configuration, validated before anything is synthesized: a typo fails `cdk synth` with the
 * field's name, not a broken deployment. Samples live in `infra/stages/<stage>.json`; any field can be
 * overridden with `-c <field>=<value>`.
 */
export const StageConfigSchema = z
  .object({
    stage: z
      .string()
      .regex(
        /^[a-z](?:[a-z0-9-]{0,14}[a-z0-9])?$/,
        'a lowercase name of at most 16 letters, digits and inner hyphens, such as acme-prod (it names every resource)',
      ),
    account: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/)
      .optional(),
    senderDomain: domain.describe('Verified SES identity the emails come from'),
    senderAddress: z.string().min(3).describe('From header, e.g. "Acme Talent <talent@mail.acme.example>"'),
    inboundDomain: domain.describe('Domain whose MX points at SES inbound; replies arrive here'),
    replyDomain: domain.optional().describe('Domain of the Reply-To addresses; defaults to inboundDomain'),
    mailFromDomain: domain
      .optional()
      .describe('Custom MAIL FROM (bounce) domain, a subdomain of senderDomain such as bounce.mail.acme.example'),
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin'),
    classifier: z.enum(['local', 'comprehend']),
    companyName: z.string().min(1),
    postalAddress: z.string().min(5),
    logoUrl: z.url({ protocol: /^https$/ }).optional(),
    brandColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    backgroundColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .optional()
      .describe('The page around the email'),
    careersUrl: z
      .url({ protocol: /^https$/ })
      .optional()
      .describe('Open roles, offered to candidates'),
    privacyUrl: z
      .url({ protocol: /^https$/ })
      .optional()
      .describe("Applicants' privacy notice, linked in the footer"),
    defaultRecruiterName: z
      .string()
      .min(1)
      .optional()
      .describe("Signs notices naming no recruiter; unset, each template signs as its language's recruiting team"),
    defaultRecruiterTitle: z.string().min(1).optional(),
    defaultRecruiterInbox: z
      .email()
      .describe(
        "Owns every candidate whose decision names no recruiter's inbox: their replies are relayed here. Not on the reply domain",
      ),
    templateSelection: z
      .preprocess(parseJsonContext, TemplateSelectionSchema)
      .optional()
      .describe('Template selection rules tried before the defaults (see README, Templates)'),
    sendDelayMinutes: z.coerce.number().int().min(0),
    retentionDays: z.coerce.number().int().min(30).max(3650),
    sesMaxSendRate: z.coerce.number().positive().describe("The account's SES maximum send rate (emails/s)"),
    alarmEmail: z.email().optional(),
    decisionSilenceHours: z.coerce
      .number()
      .int()
      .min(0)
      .max(24)
      .default(24)
      .describe('Hours without any decision received before an alarm fires (1-24); 0 turns it off'),
    decisionSilenceSources: fromContext(z.array(z.enum([...WEBHOOK_SOURCES, 'api'])))
      .optional()
      .describe('Sources that also get a silence alarm of their own (a webhook source, or api for POST /decisions)'),
    holidayCountry: z
      .string()
      .refine(
        (region) => region === 'none' || isHolidayRegion(region),
        'a country (and region) date-holidays knows, such as DE or US-NY, or none',
      )
      .describe('Public holidays of this country (and region) are not sending days'),
    sendWindow: parsedBy(SendWindowSchema, 'a window such as 09:00-17:00').describe(
      "Sending hours in the candidate's time zone",
    ),
    sendDays: parsedBy(SendDaysSchema, 'days such as mon-fri').describe('Sending days'),
    sendDelays: fromContext(
      z
        .array(z.record(z.string(), z.unknown()))
        .refine((rules) => DelayRulesSchema.safeParse(JSON.stringify(rules)).success, {
          message: 'rules such as [{"stage":"interview","minutes":1440}] (stage and reason names as in decisions)',
        }),
    ).describe('Delay rules by stage and reason; the first match wins, else sendDelayMinutes'),
    trackOpensAndClicks: fromContext(z.boolean()).default(false),
    pauseBounceRate: z.coerce.number().gt(0).lt(1).default(0.04),
    pauseComplaintRate: z.coerce.number().gt(0).lt(1).default(0.0008),
    pauseMinSends: z.coerce.number().int().positive().default(200),
    webhooks: z
      .object({
        atsMapping: AtsMappingOverrideSchema.optional().describe('Reason and stage names → categories'),
        answer200: z.array(z.enum(WEBHOOK_SOURCES)).optional().describe('Sources answered 200 instead of 202/204'),
        leverApiUrl: z.url({ protocol: /^https$/ }).optional(),
        workableApiUrl: z
          .url({ protocol: /^https$/ })
          .optional()
          .describe(
            'https://<subdomain>.workable.com/spi/v3: read who recruits for a job (the owner); unset, the default inbox',
          ),
        leverMaxAgeSeconds: z.number().int().min(30).max(300).optional(),
        ashbyRejectionReasonTypes: z.array(z.string().min(1)).min(1).optional(),
      })
      .strict()
      .optional()
      .describe('Webhook settings (docs/webhooks.md); every one has a default'),
    flagNotificationEmail: z.email().optional().describe('Subscribed to the flags topic: recruiters hear of new flags'),
    relayFromAddress: z
      .email()
      .optional()
      .describe(
        "From address of candidates' turns relayed to recruiters, on senderDomain; default relay@<senderDomain>",
      ),
    hostileRelay: z
      .enum(HOSTILE_RELAY_POLICIES)
      .default('summary')
      .describe('How a bridge-burned reply reaches the recruiter: full, summary (where to read it) or none'),
    relayHourlyCap: z.coerce
      .number()
      .int()
      .positive()
      .default(10)
      .describe('Relayed messages per conversation per hour before it pauses'),
    authDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and hyphens')
      .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'Cognito refuses prefixes with aws, amazon or cognito')
      .optional()
      .describe(
        "The hosted sign-in's domain prefix (<prefix>.auth.<region>.amazoncognito.com); default closeloop-<stage>-<account>",
      ),
    dashboardDomain: z
      .preprocess(
        parseJsonContext,
        z
          .object({
            domainName: domain.describe(
              'Your name for the dashboard, e.g. closeloop.acme.example (a CNAME to CloudFront)',
            ),
            certificateArn: z
              .string()
              .regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/, 'an ACM certificate ARN in us-east-1')
              .describe('Covers domainName; CloudFront takes certificates from us-east-1 only'),
          })
          .strict(),
      )
      .optional()
      .describe('Serve the dashboard on your own domain, with TLS 1.2 or newer only'),
  })
  .strict();
export type StageConfig = z.infer<typeof StageConfigSchema>;

const stagesDir = fileURLToPath(new URL('./stages/', import.meta.url));

/** The one stage that may hold the shipped example values (and that deletes its data with its stacks). */
export const DEV_STAGE = 'dev';

/** A stage other than dev keeps its data when its stacks are deleted and its logs for six months. */
export const isProductionStage = (stage: string) => stage !== DEV_STAGE;

/**
 * Which stage and which file: `-c stage=<name>` reads `infra/stages/<name>.json`; `-c stageFile=<path>` reads that
 * file (relative to the working directory), its stage named by `-c stage`, else by its `"stage"` key, else by the
 * file's name. Neither given: `dev`.
 */
function stageSource(context: (key: string) => unknown): {
  stage: string;
  file: string;
  base: Record<string, unknown>;
} {
  const givenFile = context('stageFile');
  const file =
    typeof givenFile === 'string' && givenFile !== ''
      ? resolve(givenFile)
      : `${stagesDir}${String(context('stage') ?? DEV_STAGE)}.json`;
  if (!existsSync(file)) {
    throw new Error(
      `No stage file ${file}: copy infra/stages/prod.json to infra/stages/<name>.json and fill in your values, or pass -c stageFile=<path>`,
    );
  }
  const base = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const named = context('stage') ?? base.stage ?? basename(file, '.json');
  return { stage: String(named), file, base };
}

export interface LoadStageOptions {
  /**
   * Lets a stage other than dev keep the shipped example values. Only the in-process infra tests set it, to assert
   * the sample prod stage's resources; `infra/app.ts` never does, so `cdk synth` and `cdk deploy` refuse them.
   */
  readonly allowExampleValues?: boolean;
}

/** Reads the stage (`-c stage=…`, `-c stageFile=…`), its file and any `-c field=value` overrides, and validates them. */
export function loadStageConfig(context: (key: string) => unknown, options: LoadStageOptions = {}): StageConfig {
  const { stage, file, base } = stageSource(context);
  const overrides = Object.fromEntries(
    Object.keys(StageConfigSchema.shape)
      .map((key) => [key, context(key)] as const)
      .filter(([key, value]) => value !== undefined && key !== 'stage'),
  );
  const parsed = StageConfigSchema.safeParse({ ...base, ...overrides, stage });
  if (!parsed.success) {
    throw new Error(
      `Invalid ${stage} configuration (${file}): ${parsed.error.issues.map((i) => `${i.path.join('.') || 'stage'}: ${i.message}`).join('; ')}`,
    );
  }
  // We never send from an address we do not own: the relay address is on the verified sending domain.
  const relayFrom = parsed.data.relayFromAddress;
  if (
    relayFrom !== undefined &&
    relayFrom.slice(relayFrom.lastIndexOf('@') + 1).toLowerCase() !== parsed.data.senderDomain
  ) {
    throw new Error(
      `Invalid ${stage} configuration: relayFromAddress: must be on senderDomain (${parsed.data.senderDomain})`,
    );
  }
  if (isProductionStage(stage) && options.allowExampleValues !== true) refuseExampleValues(stage, file, parsed.data);
  const { mailFromDomain, senderDomain } = parsed.data;
  if (mailFromDomain !== undefined && !mailFromDomain.endsWith(`.${senderDomain}`)) {
    throw new Error(
      `Invalid ${stage} configuration: mailFromDomain: must be a subdomain of senderDomain (${senderDomain})`,
    );
  }
  // A rule naming a template the build did not produce fails here, not at the first decision in AWS.
  try {
    selectionRules(catalog.locales, parsed.data.templateSelection);
  } catch (e: unknown) {
    throw new Error(`Invalid ${stage} configuration: templateSelection: ${errorMessage(e)}`);
  }
  return parsed.data;
}

function refuseExampleValues(stage: string, file: string, config: StageConfig): void {
  const fields = exampleValueFields(config);
  if (fields.length === 0) return;
  throw new Error(
    `The ${stage} stage (${file}) still holds the shipped example values, which only the dev stage may deploy. Replace, in the stage file or with -c <field>=<value>:\n  - ${fields.join('\n  - ')}`,
  );
}
