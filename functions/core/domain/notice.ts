import type { Recruiter } from './decision.ts';
import type { ReasonCategory, Stage } from './reason-and-stage.ts';

/**
 * scheduled → sending → sent → delivered | bounced | complained, plus cancelled, suppressed, failed and
 * deferred (a transient failure waiting for `nextAttemptAt`). Every move is a conditional write on the
 * expected status, so a retried or concurrent function cannot send twice.
 */
export const NOTICE_STATUSES = [
  'scheduled',
  'sending',
  'sent',
  'delivered',
  'bounced',
  'complained',
  'cancelled',
  'suppressed',
  'failed',
  'deferred',
] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** Statuses from which the send function may (re)claim a notice. */
export const SENDABLE_STATUSES: readonly NoticeStatus[] = ['scheduled', 'deferred'];

/** Statuses after SES accepted the message. */
export const SENT_STATUSES: readonly NoticeStatus[] = ['sent', 'delivered', 'bounced', 'complained'];

/**
 * Statuses that do not (yet) record an accepted message. An SES event about the notice's current attempt proves
 * otherwise, so tracking moves a notice out of these (a worker that died after SES accepted; a timeout that
 * hid an acceptance).
 */
export const NOT_ACCEPTED_STATUSES: readonly NoticeStatus[] = [
  'scheduled',
  'deferred',
  'sending',
  'failed',
  'cancelled',
];

/** The first human reply to a notice, kept on it for the loop-closing record (`GET /stats`). */
export interface NoticeReplySummary {
  readonly replyId: string;
  readonly at: string;
  readonly sentiment: 'positive' | 'neutral' | 'negative';
  /** −1 … 1, as the classifier scored it. */
  readonly score: number;
  readonly hostile: boolean;
}

export interface NoticeEvent {
  /** The status after this event; events that do not change status (an open, a delay) repeat it. */
  readonly status: NoticeStatus;
  readonly at: string;
  /** What happened, for the timeline: "SES accepted the message", "cancelled by recruiter jane@…". */
  readonly detail?: string;
  /** The origin of the event: an SES event type, a recruiter action, a webhook. */
  readonly event?: string;
}

export interface Notice {
  readonly id: string;
  readonly decisionKey: string;
  readonly candidateId: string;
  readonly emailDigest: string;
  readonly source: string;
  readonly applicationId: string;
  readonly job: { readonly id: string; readonly title: string };
  readonly candidate: {
    readonly name: string;
    readonly firstName?: string;
    readonly email: string;
    readonly timeZone?: string;
    readonly locale?: string;
  };
  /** The owning recruiter (see `Recruiter`); changed through `PUT /notices/{id}/owner`. */
  readonly recruiter?: Recruiter;
  /** When a recruiter last changed the owner (absent: the decision's recruiter, or the default inbox). */
  readonly ownerChangedAt?: string;
  readonly personalNote?: string;
  readonly feedbackOffered: boolean;
  /** The recruiter asked to stay in touch (absent on notices planned before the option existed). */
  readonly keepInTouch?: boolean;
  readonly reason: ReasonCategory;
  readonly stage: Stage;
  /** The template and locale picked at planning time, recorded so a recruiter can see what was sent. */
  readonly templateId: string;
  readonly locale: string;
  readonly status: NoticeStatus;
  readonly sendAt: string;
  /**
   * Send attempts made so far (claims of the notice by the send function). Never reset: each message carries
   * its attempt number as a tag, so tracking can tell a report about an earlier attempt from the current one.
   */
  readonly attempts: number;
  /** `attempts` when a recruiter last resent the notice: the retry cap counts attempts made since. */
  readonly attemptBase?: number;
  /** Secret per notice, carried in the Reply-To address to correlate replies. */
  readonly replyToken: string;
  readonly sesMessageId?: string;
  readonly nextAttemptAt?: string;
  /** While `sending`: when another worker may assume this attempt died and retry. */
  readonly leaseUntil?: string;
  /**
   * A cancel (an ATS unreject, a recruiter) arrived while the notice was `sending` or `sent`, too late to stop it
   * outright. Nothing may send it again: a retry (a transient SES error, a soft bounce, a reclaimed lease) moves it
   * to `cancelled` instead. A recruiter's resend or a fresh rejection clears it.
   */
  readonly cancelRequestedAt?: string;
  readonly failureReason?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When the decision was taken (absent on notices planned before it was recorded here). */
  readonly decidedAt?: string;
  /** When the mail service first reported the email delivered. */
  readonly deliveredAt?: string;
  /** The candidate's first human reply, once there is one. */
  readonly firstReply?: NoticeReplySummary;
  /** Personal data is deleted after this instant (DynamoDB TTL). */
  readonly retainUntil: string;
  readonly history: readonly NoticeEvent[];
}
