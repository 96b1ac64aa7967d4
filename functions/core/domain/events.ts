import type { Decision } from './decision.ts';
import type { NoticeStatus } from './notice.ts';

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

/** Sending stopped: the reputation guard or an operator paused it. Nothing is sent until an operator resumes. */
export interface SendingPausedV1 {
  readonly type: 'SendingPaused';
  readonly version: 1;
  readonly id: string;
  readonly occurredAt: string;
  readonly detail: {
    readonly reason: string;
    /** `reputation-guard` or `admin:<subject>`. */
    readonly by: string;
  };
}

export interface SendingResumedV1 {
  readonly type: 'SendingResumed';
  readonly version: 1;
  readonly id: string;
  readonly occurredAt: string;
  readonly detail: { readonly reason: string; readonly by: string };
}

export type DomainEvent = DecisionRecordedV1 | NoticeStatusChangedV1 | SendingPausedV1 | SendingResumedV1;
