import type { FlagName } from './candidate-flag.ts';
import type { Decision } from './decision.ts';
import type { NoticeStatus } from './notice.ts';
import type { CorrelationMethod, ReplyStatus } from './reply.ts';

/**
 * Events other functions and integrations rely on. Versioned: a breaking change adds a new version, and
 * consumers ignore versions they do not know.
 */
export interface DecisionRecordedV1 {
  readonly type: 'DecisionRecorded';
  readonly version: 1;
  readonly id: string;
  readonly occurredAt: string;
  readonly detail: {
    readonly decisionKey: string;
    readonly candidateId: string;
    readonly source: string;
    readonly applicationId: string;
    readonly jobId: string;
    readonly reason: Decision['reason'];
    readonly stage: Decision['stage'];
    readonly decidedAt: string;
    readonly deliveryId?: string;
    readonly noticeId?: string;
  };
}

export interface NoticeStatusChangedV1 {
  readonly type: 'NoticeStatusChanged';
  readonly version: 1;
  readonly id: string;
  readonly occurredAt: string;
  readonly detail: {
    readonly noticeId: string;
    readonly candidateId: string;
    readonly from: NoticeStatus;
    readonly to: NoticeStatus;
  };
}

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

export type DomainEvent =
  | DecisionRecordedV1
  | NoticeStatusChangedV1
  | ReplyReceivedV1
  | CandidateFlagRaisedV1
  | CandidateFlagReviewedV1;
