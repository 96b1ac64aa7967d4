import { z } from 'zod';
import { REASON_CATEGORIES, STAGES } from './decision.ts';
import { NOTICE_STATUSES } from './notice.ts';

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

export const DomainEventSchema = z.discriminatedUnion('type', [
  DecisionRecordedV1Schema,
  NoticeStatusChangedV1Schema,
  SendingPausedV1Schema,
  SendingResumedV1Schema,
]);
export type DomainEvent = z.infer<typeof DomainEventSchema>;
