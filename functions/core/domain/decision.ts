import { z } from 'zod';
import { candidateIdFor, emailDigest, normalizeEmail } from './email-address.ts';
import { deterministicId } from './ids.ts';
import { isTimeZone } from './local-time.ts';
import { definedFields } from './optional.ts';
import { REASON_CATEGORIES, type ReasonCategory, STAGES, type Stage } from './reason-and-stage.ts';
import { type TextShape, withoutUnsafeCharacters } from './unsafe-characters.ts';

export { REASON_CATEGORIES, type ReasonCategory, STAGES, type Stage };

/** Candidate and ATS text, cleaned of control and bidi-override characters as it enters (unsafe-characters.ts). */
const text = (max: number, shape: TextShape = 'line') =>
  z
    .string()
    .overwrite((value) => withoutUnsafeCharacters(value, shape))
    .trim()
    .min(1)
    .max(max);
const identifier = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\w.:@/#+=-]+$/, 'only letters, digits and . _ : @ / # + = - are allowed');

/**
 * The decision contract of `POST /decisions` (and what every webhook normalizes to). Extend it, never rename:
 * other tools and the docs rely on these names. Strict at every level: an unknown key (`candidate.timezone`
 * for `timeZone`) is refused by name rather than ignored, so a typo cannot quietly change what is sent.
 */
export const DecisionInputSchema = z
  .object({
    source: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes')
      .describe('Where the decision came from: manual, greenhouse, lever, ashby, workable, generic or your tool'),
    applicationId: identifier.describe('The ATS application id; with source and decision it dedupes'),
    decision: z.literal('rejected'),
    reason: text(200)
      .optional()
      .describe(`A reason category (${REASON_CATEGORIES.join(', ')}) or free text`),
    reasonId: identifier.optional().describe('The ATS id of the rejection reason, if any'),
    reasonCategory: z
      .enum(REASON_CATEGORIES)
      .optional()
      .describe('The normalized category when `reason` is the ATS reason name (webhooks set both)'),
    stage: text(100)
      .optional()
      .describe(`The stage (${STAGES.join(', ')}) or free text`),
    stageCategory: z
      .enum(STAGES)
      .optional()
      .describe('The normalized stage when `stage` is the ATS stage name (webhooks set both)'),
    decidedAt: z.iso.datetime({ offset: true }),
    job: z.strictObject({ id: identifier, title: text(200) }),
    candidate: z.strictObject({
      name: text(200),
      firstName: text(100).optional().describe('How to greet the candidate; defaults to the first word of name'),
      email: z.email().max(254),
      timeZone: z.string().max(64).refine(isTimeZone, 'not an IANA time zone').optional(),
      locale: z
        .string()
        .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'a BCP 47 language tag such as en or de-CH')
        .optional(),
      id: identifier.optional().describe('The ATS candidate id'),
    }),
    recruiter: z
      .strictObject({
        name: text(200),
        title: text(200).optional(),
        email: z
          .email()
          .max(254)
          .optional()
          .describe("The owning recruiter's own inbox: candidates' replies are relayed there"),
      })
      .optional()
      .describe('The recruiter who owns the candidate; without an email the deployment-wide default inbox owns it'),
    personalNote: text(2000, 'text').optional().describe('A note from the recruiter, shown in the email as written'),
    feedbackOffered: z.boolean().optional().describe('Offer the candidate feedback on request'),
    keepInTouch: z
      .boolean()
      .optional()
      .describe(
        'A strong candidate you would like to hear from again: sends the keep-in-touch email, which says so and asks to stay in touch about future roles (a withdrawal acknowledgement says it too)',
      ),
    canEmail: z.boolean().optional().describe('false records the decision but sends nothing (ATS opt-out)'),
    deliveryId: identifier.optional().describe('The webhook delivery id, for tracing'),
  })
  .strict();
export type DecisionInput = z.infer<typeof DecisionInputSchema>;

export const MAX_DECISIONS_PER_REQUEST = 500;

export const DecisionBatchSchema = z
  .object({ decisions: z.array(DecisionInputSchema).min(1).max(MAX_DECISIONS_PER_REQUEST) })
  .strict();

export interface Reason {
  readonly category: ReasonCategory;
  /** The reason as the ATS or recruiter named it, when it was not a category. */
  readonly name?: string;
  readonly id?: string;
}

/** The recruiter who owns a candidate: signs the email, and is who the candidate's replies reach. */
export interface Recruiter {
  readonly name: string;
  readonly title?: string;
  /** Their own inbox; absent: the deployment's default inbox (`CLOSELOOP_DEFAULT_RECRUITER_INBOX`). */
  readonly email?: string;
}

/** A recorded decision: the input, normalized, with the keys the system derives from it. */
export interface Decision {
  /** Digest of source, application and decision: the dedupe key. Never raw text. */
  readonly key: string;
  readonly candidateId: string;
  readonly emailDigest: string;
  readonly source: string;
  readonly applicationId: string;
  readonly decision: 'rejected';
  readonly reason: Reason;
  readonly stage: Stage;
  readonly stageName?: string;
  readonly decidedAt: string;
  readonly job: { readonly id: string; readonly title: string };
  readonly candidate: {
    readonly name: string;
    readonly firstName?: string;
    readonly email: string;
    readonly timeZone?: string;
    readonly locale?: string;
    readonly id?: string;
  };
  readonly recruiter?: Recruiter;
  readonly personalNote?: string;
  readonly feedbackOffered: boolean;
  /** The recruiter would like to stay in touch: picks the keep-in-touch email. */
  readonly keepInTouch: boolean;
  readonly canEmail: boolean;
  readonly deliveryId?: string;
}

function slug(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function normalizeReason(reason: string | undefined, id?: string, known?: ReasonCategory): Reason {
  const withId = id === undefined ? {} : { id };
  if (known !== undefined) {
    const named = reason === undefined || slug(reason) === known ? {} : { name: reason };
    return { category: known, ...named, ...withId };
  }
  if (reason === undefined) return { category: 'other', ...withId };
  const category = REASON_CATEGORIES.find((c) => c === slug(reason));
  return category ? { category, ...withId } : { category: 'other', name: reason, ...withId };
}

export function normalizeStage(stage: string | undefined, mapped?: Stage): { stage: Stage; stageName?: string } {
  if (mapped !== undefined) {
    return stage === undefined || slug(stage) === mapped ? { stage: mapped } : { stage: mapped, stageName: stage };
  }
  if (stage === undefined) return { stage: 'other' };
  const known = STAGES.find((s) => s === slug(stage));
  return known ? { stage: known } : { stage: 'other', stageName: stage };
}

export function decisionKeyOf(source: string, applicationId: string, decision: string): string {
  return deterministicId('d', source, applicationId, decision);
}

/** An application whatever its decision, as a digest: what erasure remembers so no webhook recreates it. */
export function applicationKeyOf(source: string, applicationId: string): string {
  return deterministicId('a', source, applicationId);
}

export function toDecision(input: DecisionInput): Decision {
  const email = normalizeEmail(input.candidate.email);
  const { stage, stageName } = normalizeStage(input.stage, input.stageCategory);
  return {
    key: decisionKeyOf(input.source, input.applicationId, input.decision),
    candidateId: candidateIdFor(email),
    emailDigest: emailDigest(email),
    source: input.source,
    applicationId: input.applicationId,
    decision: input.decision,
    reason: normalizeReason(input.reason, input.reasonId, input.reasonCategory),
    stage,
    ...definedFields({ stageName }),
    decidedAt: new Date(input.decidedAt).toISOString(),
    job: input.job,
    candidate: { ...input.candidate, email },
    ...(input.recruiter === undefined
      ? {}
      : {
          recruiter: {
            ...input.recruiter,
            ...(input.recruiter.email === undefined ? {} : { email: normalizeEmail(input.recruiter.email) }),
          },
        }),
    ...definedFields({ personalNote: input.personalNote }),
    feedbackOffered: input.feedbackOffered ?? false,
    keepInTouch: input.keepInTouch ?? false,
    canEmail: input.canEmail ?? true,
    ...definedFields({ deliveryId: input.deliveryId }),
  };
}
