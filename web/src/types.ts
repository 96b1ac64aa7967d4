/**
 * The recruiter API's shapes as the dashboard reads them. The server's zod schemas
 * (functions/http/schemas/recruiter.ts) are the source of truth; the browser tests catch a drift.
 */
export const FLAGS = ['bridge-burned', 'needs-review', 'warm', 'feedback-requested'] as const;
export type FlagName = (typeof FLAGS)[number];

export const FLAG_LABELS: Record<FlagName, string> = {
  'bridge-burned': 'Bridge burned',
  'needs-review': 'Needs review',
  warm: 'Warm',
  'feedback-requested': 'Feedback requested',
};

export interface Evidence {
  readonly sentence: string;
  readonly categories: readonly string[];
}

export interface FlagAudit {
  readonly action: 'raised' | 'confirmed' | 'dismissed';
  readonly by: string;
  readonly at: string;
  readonly reason?: string;
}

export interface Flag {
  readonly flag: FlagName;
  readonly status: 'open' | 'confirmed' | 'dismissed';
  readonly raisedAt: string;
  readonly evidence: readonly Evidence[];
  readonly replyId?: string;
  readonly audit: readonly FlagAudit[];
}

export interface CandidateSummary {
  readonly candidateId: string;
  readonly name: string;
  readonly email: string;
  readonly job?: { readonly id: string; readonly title: string };
  readonly flag: Flag;
}

export interface CandidateList {
  readonly items: readonly CandidateSummary[];
  readonly nextCursor?: string;
  readonly counts: Readonly<Record<FlagName, number>>;
}

export interface NoticeEvent {
  readonly status: string;
  readonly at: string;
  readonly detail?: string;
  readonly event?: string;
}

export interface TimelineNotice {
  readonly type: 'notice';
  readonly at: string;
  readonly id: string;
  readonly status: string;
  readonly templateId: string;
  readonly locale: string;
  readonly job: { readonly id: string; readonly title: string };
  readonly history: readonly NoticeEvent[];
  readonly failureReason?: string;
  readonly email?: { readonly subject: string; readonly html: string; readonly text: string };
}

export interface TimelineDecision {
  readonly type: 'decision';
  readonly at: string;
  readonly source: string;
  readonly applicationId: string;
  readonly job: { readonly id: string; readonly title: string };
  readonly reason: string;
  readonly stage: string;
  readonly noEmailReason?: string;
}

export interface TimelineReply {
  readonly type: 'reply';
  readonly at: string;
  readonly id: string;
  readonly text: string;
  readonly autoReply: boolean;
  readonly autoReplyReason?: string;
  readonly sentiment?: { readonly label: string; readonly score: number };
  readonly hostility?: number;
  readonly intents: readonly string[];
  readonly evidence: readonly Evidence[];
}

export type TimelineEntry = TimelineDecision | TimelineNotice | TimelineReply;

export interface CandidateDetail {
  readonly candidate: { readonly id: string; readonly name: string; readonly email: string };
  readonly flags: readonly Flag[];
  readonly timeline: readonly TimelineEntry[];
}

export interface Stats {
  readonly from: string;
  readonly to: string;
  readonly decisions: number;
  readonly notified: number;
  readonly notifiedShare: number;
  readonly medianDecisionToDeliveredHours?: number;
  readonly bounceRate: number;
  readonly complaintRate: number;
  readonly replyRate: number;
  readonly funnel: readonly { readonly stage: string; readonly count: number }[];
  readonly sentimentByTemplate: readonly SentimentRow[];
  readonly sentimentByReason: readonly SentimentRow[];
  readonly sentimentByStage: readonly SentimentRow[];
  readonly sentimentOverTime: readonly {
    readonly week: string;
    readonly key: string;
    readonly average: number;
    readonly replies: number;
  }[];
}

export interface SentimentRow {
  readonly key: string;
  readonly replies: number;
  readonly positive: number;
  readonly neutral: number;
  readonly negative: number;
  readonly average: number;
}
