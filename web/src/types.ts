/**
 * The recruiter API's shapes as the dashboard reads them. The server's zod schemas
 * (functions/http/schemas/{candidate,reply,notice,stats}.ts) are the source of truth:
 * test/types/web-api-types.ts checks at type level (`npm run typecheck`) that every server shape fits these.
 */
export const FLAGS = ['bridge-burned', 'needs-review', 'warm', 'feedback-requested', 'withdrew'] as const;
export type FlagName = (typeof FLAGS)[number];

export const FLAG_LABELS: Record<FlagName, string> = {
  'bridge-burned': 'Bridge burned',
  'needs-review': 'Needs review',
  warm: 'Warm',
  'feedback-requested': 'Feedback requested',
  withdrew: 'Withdrew',
};

export interface Job {
  readonly id: string;
  readonly title: string;
}

export interface Evidence {
  readonly sentence: string;
  readonly categories: readonly string[];
  readonly score: number;
}

export interface FlagHistoryEntry {
  readonly action: 'raised' | 'raised-again' | 'confirmed' | 'dismissed' | 'answered';
  readonly at: string;
  readonly by: string;
  readonly reason: string;
  readonly replyId?: string;
  readonly relayId?: string;
}

export interface Flag {
  readonly candidateId: string;
  readonly flag: FlagName;
  readonly status: 'raised' | 'confirmed' | 'dismissed';
  readonly raisedAt: string;
  readonly updatedAt: string;
  readonly reason: string;
  readonly evidence: readonly Evidence[];
  readonly replyIds: readonly string[];
  readonly noticeId?: string;
  readonly candidateName?: string;
  readonly job?: Job;
  readonly history: readonly FlagHistoryEntry[];
  /** Events left out between the first 5 and the last 45 kept. */
  readonly historyOmitted?: number;
  readonly answeredAt?: string;
  /** Raised or confirmed, and not answered since it was last raised. */
  readonly unanswered: boolean;
}

export interface FlaggedCandidate {
  readonly candidateId: string;
  readonly name?: string;
  readonly job?: Job;
  /** The address the candidate's notice went to. */
  readonly email?: string;
  /** The latest reply that raised the flag (its start). */
  readonly reply?: {
    readonly id: string;
    readonly receivedAt: string;
    readonly text: string;
    readonly truncated: boolean;
  };
  readonly flag: Flag;
}

export interface CandidateList {
  readonly flag: FlagName;
  readonly items: readonly FlaggedCandidate[];
  readonly nextCursor?: string;
  readonly counts: Readonly<Record<FlagName, number>>;
}

export interface NoticeEvent {
  readonly status: string;
  readonly at: string;
  readonly detail?: string;
  readonly event?: string;
}

export interface Notice {
  readonly id: string;
  readonly status: string;
  /** Who it is for: `email` is the address it goes (or went) to, a corrected one after a fix. */
  readonly candidate?: { readonly name: string; readonly email: string };
  readonly templateId: string;
  readonly locale: string;
  readonly job: Job;
  readonly sendAt: string;
  readonly failureReason?: string;
  readonly deliveredAt?: string;
  readonly history: readonly NoticeEvent[];
}

export interface RenderedEmail {
  readonly subject: string;
  readonly preheader: string;
  readonly html: string;
  readonly text: string;
}

export interface Decision {
  readonly key: string;
  readonly source: string;
  readonly applicationId: string;
  readonly reason: { readonly category: string; readonly name?: string };
  readonly stage: string;
  readonly decidedAt: string;
  readonly job: Job;
  readonly noEmailReason?: string;
  readonly atsStatus?: 'rejected' | 'cancelled';
}

export interface Correlation {
  readonly method: 'token' | 'in-reply-to' | 'references' | 'sender' | 'linked' | 'none';
  readonly noticeId?: string;
  readonly candidateId?: string;
  /** Unmatched: why nothing matched. Matched: anything doubtful (a forward from another address). */
  readonly reason?: string;
}

export interface Reply {
  readonly id: string;
  readonly status: 'classified' | 'auto-reply' | 'empty' | 'rejected';
  readonly receivedAt: string;
  readonly correlation: Correlation;
  /** The sender as written in From (personal data: shown, never put in a URL). */
  readonly from?: string;
  readonly subject?: string;
  readonly text: string;
  /** en, de, fr, es or other once classified. */
  readonly language?: string;
  readonly autoReplyReason?: string;
  readonly rejectionReason?: string;
  readonly classification?: {
    readonly sentiment: { readonly label: 'positive' | 'neutral' | 'negative'; readonly score: number };
    readonly hostile: boolean;
    readonly borderline: boolean;
    readonly hostility: number;
    readonly categories: readonly string[];
    readonly intents: readonly string[];
    readonly evidence: readonly Evidence[];
    readonly language?: { readonly code: string; readonly source: 'declared' | 'text' | 'fallback' };
  };
  readonly flags: readonly FlagName[];
}

/** `GET /replies/unmatched`: replies no notice matched, newest first. */
export interface UnmatchedReplies {
  readonly replies: readonly Reply[];
  readonly nextCursor?: string;
}

export type RelayStatus =
  | 'pending'
  | 'sending'
  | 'deferred'
  | 'sent'
  | 'delivered'
  | 'bounced'
  | 'complained'
  | 'failed'
  | 'suppressed'
  | 'skipped';

/** One turn of a thread: the rejection, a candidate's message, or a relay either way. */
export type ConversationTurn =
  | { readonly type: 'rejection'; readonly at: string; readonly status: string; readonly subject?: string }
  | {
      readonly type: 'candidate';
      readonly at: string;
      readonly replyId: string;
      readonly status: Reply['status'];
      readonly text: string;
      readonly flags: readonly FlagName[];
      readonly evidence: readonly string[];
    }
  | {
      readonly type: 'relay';
      readonly at: string;
      readonly relayId: string;
      readonly direction: 'to-recruiter' | 'to-candidate';
      readonly recipient: 'owner' | 'candidate';
      readonly to?: string;
      readonly origin: 'candidate-reply' | 'recruiter-mail' | 'dashboard' | 'thread-paused';
      readonly actor?: string;
      readonly replyId?: string;
      readonly status: RelayStatus;
      readonly subject: string;
      readonly text: string;
      readonly withheld?: boolean;
      readonly attachments?: readonly { readonly filename: string; readonly sizeBytes: number }[];
      readonly failureReason?: string;
    };

/** `POST /notices/{id}/follow-ups` answers 202 with this. */
export interface FollowUpAccepted {
  readonly relayId: string;
  readonly noticeId: string;
  readonly status: RelayStatus;
  readonly created: boolean;
  readonly answeredFeedbackRequest: boolean;
}

export type TimelineEntry =
  | { readonly type: 'decision'; readonly at: string; readonly decision: Decision }
  | {
      readonly type: 'notice';
      readonly at: string;
      readonly notice: Notice;
      readonly sent: boolean;
      readonly email?: RenderedEmail;
      readonly emailError?: string;
      readonly conversation: readonly ConversationTurn[];
    }
  | { readonly type: 'reply'; readonly at: string; readonly reply: Reply };

/** Who owns a candidate: their replies go to `email` (`default`: the deployment's default inbox). */
export interface Owner {
  readonly name?: string;
  readonly email: string;
  readonly title?: string;
  readonly source: 'ats' | 'default' | 'changed';
}

export interface CandidateTimeline {
  readonly candidateId: string;
  readonly name?: string;
  readonly email?: string;
  readonly owner?: Owner;
  readonly flags: readonly Flag[];
  readonly timeline: readonly TimelineEntry[];
  /** The next, older page of the timeline (`?cursor=`); absent on the oldest. */
  readonly nextCursor?: string;
  readonly erasedAt?: string;
}

export interface SentimentRow {
  readonly key: string;
  readonly replies: number;
  readonly positive: number;
  readonly neutral: number;
  readonly negative: number;
  readonly hostile: number;
  readonly averageScore: number;
}

export interface Stats {
  readonly from: string;
  readonly to: string;
  readonly rejections: number;
  readonly reversed: number;
  readonly notified: number;
  readonly notifiedShare: number | null;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly medianHoursToDelivered: number | null;
  readonly bounceRate: number | null;
  readonly complaintRate: number | null;
  readonly replied: number;
  readonly replyRate: number | null;
  readonly funnel: readonly { readonly step: string; readonly count: number }[];
  readonly sentiment: {
    readonly byTemplate: readonly SentimentRow[];
    readonly byReason: readonly SentimentRow[];
    readonly byStage: readonly SentimentRow[];
    readonly byWeek: readonly (SentimentRow & { readonly week: string })[];
  };
}

export interface Me {
  readonly subject: string;
  readonly roles: readonly ('viewer' | 'recruiter' | 'admin')[];
  /** The caller's inbox, from the sign-in or the user pool: what "Mine" (`recruiter=me`) means; absent, no "Mine". */
  readonly email?: string;
  /** The user pool could not be asked for the address just now: "Mine" is off until it can. */
  readonly emailUnavailable?: true;
}

/** Notice statuses a recruiter filters the Rejections table by, in the order the chips show them. */
export const NOTICE_FILTER_STATUSES = [
  'scheduled',
  'sent',
  'delivered',
  'bounced',
  'failed',
  'suppressed',
  'cancelled',
] as const;

/** One row of `GET /notices`: a rejection email, who it is for, and where it stands. */
export interface NoticeSummary {
  readonly id: string;
  readonly candidateId: string;
  readonly source: string;
  readonly applicationId: string;
  readonly candidate: { readonly name: string; readonly email: string };
  readonly job: Job;
  readonly owner: Owner;
  readonly status: string;
  readonly statusAt: string;
  readonly decidedAt?: string;
  readonly createdAt: string;
  readonly templateId: string;
  readonly locale: string;
  readonly attempts: number;
}

/** `GET /notices`: newest first, a page at a time. */
export interface NoticeList {
  readonly items: readonly NoticeSummary[];
  readonly nextCursor?: string;
}

/** `GET /notices/counts`: notices per status with the same filters (status aside). */
export interface NoticeCounts {
  readonly counts: Readonly<Record<string, number>>;
  readonly total: number;
}

/** `GET /admin/sending`: whether notices are going out. */
export interface SendingStatus {
  readonly paused: boolean;
  readonly reason?: string;
  readonly changedAt?: string;
  readonly changedBy?: string;
  readonly resumedAt?: string;
}

export type SuppressionReason = 'hard-bounce' | 'complaint' | 'recruiter-request' | 'erased';

/** One entry of `GET /suppressions`: an address Closeloop will not email, as its digest. */
export interface Suppression {
  readonly id: string;
  readonly reason: SuppressionReason;
  readonly at: string;
  readonly origin?: string;
  readonly note?: string;
}

export interface SuppressionList {
  readonly items: readonly Suppression[];
  readonly nextCursor?: string;
}
