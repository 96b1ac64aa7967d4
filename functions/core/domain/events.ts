import { z } from 'zod';
import type { FlagName } from './candidate-flag.ts';
import type { Decision } from './decision.ts';
import { REASON_CATEGORIES, STAGES } from './decision.ts';
import { deterministicId, randomId } from './ids.ts';
import { NOTICE_STATUSES } from './notice.ts';
import { definedFields } from './optional.ts';
import type { CorrelationMethod, ReplyStatus } from './reply.ts';

/**
 * Events other functions and integrations rely on, as zod schemas so a consumer can validate what it reads
 * off the bus. Versioned: a breaking change adds a new version beside the old one, optional fields may be
 * added to a version, and consumers ignore versions they do not know. Events carry ids, never email
 * addresses or names.
 */
const envelope = {
  id: z.string().min(1).describe('Deterministic per decision (and re-rejection): consumers dedupe on it'),
  occurredAt: z.iso.datetime({ offset: true }),
};

export const DecisionRecordedV1Schema = z.object({
  type: z.literal('DecisionRecorded'),
  version: z.literal(1),
  ...envelope,
  detail: z.object({
    decisionKey: z.string(),
    /** The digest of the candidate's normalized address (never the address). */
    candidateId: z.string(),
    /** The ATS's own candidate id, when the source sent one. */
    candidateAtsId: z.string().optional(),
    source: z.string(),
    applicationId: z.string(),
    jobId: z.string(),
    jobTitle: z.string().optional(),
    reason: z.object({
      category: z.enum(REASON_CATEGORIES),
      name: z.string().optional(),
      id: z.string().optional(),
    }),
    stage: z.enum(STAGES),
    /** The stage as the ATS named it, when it was not a category. */
    stageName: z.string().optional(),
    decidedAt: z.iso.datetime({ offset: true }),
    deliveryId: z.string().optional(),
    /** Absent when nothing may be sent (the ATS said not to email the candidate). */
    noticeId: z.string().optional(),
  }),
});
export type DecisionRecordedV1 = z.infer<typeof DecisionRecordedV1Schema>;

export const NoticeStatusChangedV1Schema = z.object({
  type: z.literal('NoticeStatusChanged'),
  version: z.literal(1),
  ...envelope,
  detail: z.object({
    noticeId: z.string(),
    candidateId: z.string(),
    from: z.enum(NOTICE_STATUSES),
    to: z.enum(NOTICE_STATUSES),
  }),
});
export type NoticeStatusChangedV1 = z.infer<typeof NoticeStatusChangedV1Schema>;

/** An inbound message was recorded (a human reply, an auto-reply, or one we could not read). */
export interface ReplyReceivedV1 {
  readonly type: 'ReplyReceived';
  readonly version: 1;
  readonly id: string;
  readonly occurredAt: string;
  readonly detail: {
    readonly replyId: string;
    readonly status: ReplyStatus;
    readonly correlation: CorrelationMethod;
    readonly candidateId?: string;
    readonly noticeId?: string;
    readonly flags: readonly FlagName[];
  };
}

/** A reply raised a flag on a candidate (`raised-again` when the flag existed). */
export interface CandidateFlagRaisedV1 {
  readonly type: 'CandidateFlagRaised';
  readonly version: 1;
  readonly id: string;
  readonly occurredAt: string;
  readonly detail: {
    readonly candidateId: string;
    readonly flag: FlagName;
    readonly replyId: string;
    readonly noticeId?: string;
    readonly reason: string;
    readonly again: boolean;
  };
}

/** A recruiter confirmed or dismissed a flag. */
export interface CandidateFlagReviewedV1 {
  readonly type: 'CandidateFlagReviewed';
  readonly version: 1;
  readonly id: string;
  readonly occurredAt: string;
  readonly detail: {
    readonly candidateId: string;
    readonly flag: FlagName;
    readonly status: 'confirmed' | 'dismissed';
    readonly by: string;
  };
}

const sendingChange = z.object({
  reason: z.string(),
  /** `reputation-guard` or `admin:<subject>`. */
  by: z.string(),
});

/** Sending stopped: the reputation guard or an operator paused it. Nothing is sent until an operator resumes. */
export const SendingPausedV1Schema = z.object({
  type: z.literal('SendingPaused'),
  version: z.literal(1),
  ...envelope,
  detail: sendingChange,
});
export type SendingPausedV1 = z.infer<typeof SendingPausedV1Schema>;

export const SendingResumedV1Schema = z.object({
  type: z.literal('SendingResumed'),
  version: z.literal(1),
  ...envelope,
  detail: sendingChange,
});
export type SendingResumedV1 = z.infer<typeof SendingResumedV1Schema>;

/**
 * Every event the system publishes. The decision- and sending-side events are zod schemas (webhooks and the
 * track path validate what they build); the reply-side ones are plain types built by one use case each.
 */
export type DomainEvent =
  | DecisionRecordedV1
  | NoticeStatusChangedV1
  | SendingPausedV1
  | SendingResumedV1
  | ReplyReceivedV1
  | CandidateFlagRaisedV1
  | CandidateFlagReviewedV1;

/**
 * The DecisionRecorded event for a decision. `revision` tells a later event about the same decision apart (an
 * ATS rejecting the candidate again after an unreject); the first event's id stays what it always was.
 */
export function decisionRecorded(
  decision: Decision,
  now: Date,
  noticeId?: string,
  revision?: string,
): DecisionRecordedV1 {
  return {
    type: 'DecisionRecorded',
    version: 1,
    id:
      revision === undefined
        ? deterministicId('e', 'DecisionRecorded', decision.key)
        : deterministicId('e', 'DecisionRecorded', decision.key, revision),
    occurredAt: now.toISOString(),
    detail: {
      decisionKey: decision.key,
      candidateId: decision.candidateId,
      ...definedFields({ candidateAtsId: decision.candidate.id }),
      source: decision.source,
      applicationId: decision.applicationId,
      jobId: decision.job.id,
      jobTitle: decision.job.title,
      reason: decision.reason,
      stage: decision.stage,
      ...definedFields({ stageName: decision.stageName }),
      decidedAt: decision.decidedAt,
      ...definedFields({ deliveryId: decision.deliveryId, noticeId }),
    },
  };
}

/** The switch moved: by the reputation guard or an operator. */
export function sendingChanged(
  type: 'SendingPaused' | 'SendingResumed',
  reason: string,
  by: string,
  at: string,
): SendingPausedV1 | SendingResumedV1 {
  return { type, version: 1, id: randomId('e'), occurredAt: at, detail: { reason, by } };
}

/** A recruiter confirmed or dismissed a flag. */
export function candidateFlagReviewed(detail: CandidateFlagReviewedV1['detail'], at: string): CandidateFlagReviewedV1 {
  return { type: 'CandidateFlagReviewed', version: 1, id: randomId('ev'), occurredAt: at, detail };
}

/** An inbound message was recorded. */
export function replyReceived(detail: ReplyReceivedV1['detail'], at: string): ReplyReceivedV1 {
  return { type: 'ReplyReceived', version: 1, id: randomId('ev'), occurredAt: at, detail };
}

/** A reply raised a flag. */
export function candidateFlagRaised(detail: CandidateFlagRaisedV1['detail'], at: string): CandidateFlagRaisedV1 {
  return { type: 'CandidateFlagRaised', version: 1, id: randomId('ev'), occurredAt: at, detail };
}
