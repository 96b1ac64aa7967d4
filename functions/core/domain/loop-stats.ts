import type { DecisionFact, NoticeFact, PeriodFacts } from '../ports/loop-record-source.ts';
import { type NoticeStatus, SENT_STATUSES } from './notice.ts';

/** Replies to one group of notices (a template, a reason, a stage, a week), by sentiment. */
export interface SentimentRow {
  readonly key: string;
  readonly replies: number;
  readonly positive: number;
  readonly neutral: number;
  readonly negative: number;
  readonly hostile: number;
  /** Mean sentiment score, −1 … 1. */
  readonly averageScore: number;
}

export interface WeeklySentiment extends SentimentRow {
  /** Monday of the week the replies arrived (UTC), `YYYY-MM-DD`; `key` is the template. */
  readonly week: string;
}

export const FUNNEL_STEPS = ['rejected', 'planned', 'sent', 'delivered', 'replied'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/**
 * The loop-closing record of a period: of the candidates rejected in it, how many heard back, how fast, how
 * the emails fared, and how the candidates took them. Rates are null when there is nothing to divide by.
 */
export interface LoopStats {
  readonly from: string;
  readonly to: string;
  /** Rejections in the period, without those the ATS reversed. */
  readonly rejections: number;
  readonly reversed: number;
  /** Rejections whose notice the mail service accepted (a decision the ATS said not to email has none). */
  readonly notified: number;
  readonly notifiedShare: number | null;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly medianHoursToDelivered: number | null;
  readonly bounceRate: number | null;
  readonly complaintRate: number | null;
  /** Sent notices with at least one human reply. */
  readonly replied: number;
  readonly replyRate: number | null;
  readonly funnel: readonly { readonly step: FunnelStep; readonly count: number }[];
  readonly sentiment: {
    readonly byTemplate: readonly SentimentRow[];
    readonly byReason: readonly SentimentRow[];
    readonly byStage: readonly SentimentRow[];
    readonly byWeek: readonly WeeklySentiment[];
  };
}

/** A complaint comes only from a mailbox the email reached: a complained notice was delivered. */
const DELIVERED_STATUSES: readonly NoticeStatus[] = ['delivered', 'complained'];

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/** Monday 00:00 UTC of the week an instant falls in. */
export function weekOf(iso: string): string {
  const day = new Date(iso);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - sinceMonday))
    .toISOString()
    .slice(0, 10);
}

function sentimentRows(notices: readonly NoticeFact[], keyOf: (n: NoticeFact) => string): SentimentRow[] {
  const rows = new Map<
    string,
    { replies: number; positive: number; neutral: number; negative: number; hostile: number; sum: number }
  >();
  for (const notice of notices) {
    const reply = notice.firstReply;
    if (reply === undefined) continue;
    const key = keyOf(notice);
    const row = rows.get(key) ?? { replies: 0, positive: 0, neutral: 0, negative: 0, hostile: 0, sum: 0 };
    row.replies += 1;
    row[reply.sentiment] += 1;
    if (reply.hostile) row.hostile += 1;
    row.sum += reply.score;
    rows.set(key, row);
  }
  return [...rows.entries()]
    .map(([key, r]) => ({
      key,
      replies: r.replies,
      positive: r.positive,
      neutral: r.neutral,
      negative: r.negative,
      hostile: r.hostile,
      averageScore: Math.round((r.sum / r.replies) * 1000) / 1000,
    }))
    .sort((a, b) => b.replies - a.replies || (a.key < b.key ? -1 : 1));
}

/**
 * Computes the record from the period's decisions and notices (both by decision time, so a notice counts in
 * the period its decision belongs to). A notice's sentiment is its first human reply's: what the email itself
 * drew, before any conversation with a recruiter.
 */
export function computeLoopStats(facts: PeriodFacts, period: { from: string; to: string }): LoopStats {
  const reversedNotices = new Set<string>();
  let reversed = 0;
  const standing: DecisionFact[] = [];
  for (const decision of facts.decisions) {
    if (decision.atsStatus === 'cancelled') {
      reversed += 1;
      if (decision.noticeId !== undefined) reversedNotices.add(decision.noticeId);
    } else standing.push(decision);
  }
  const notices = facts.notices.filter((n) => !reversedNotices.has(n.id));
  const sent = notices.filter((n) => SENT_STATUSES.includes(n.status));
  const byStatus: Record<string, number> = {};
  for (const notice of notices) byStatus[notice.status] = (byStatus[notice.status] ?? 0) + 1;
  // The current state, not the history: a resent notice keeps the `deliveredAt` of its earlier attempt while it is
  // scheduled or sent again, and counting that would put more notices in "delivered" than in "sent".
  const delivered = notices.filter((n) => DELIVERED_STATUSES.includes(n.status));
  const replied = sent.filter((n) => n.firstReply !== undefined);
  const hours = notices.flatMap((n) =>
    n.deliveredAt === undefined ? [] : [(Date.parse(n.deliveredAt) - Date.parse(n.decidedAt)) / 3_600_000],
  );
  const medianHours = median(hours);
  const rejections = standing.length;
  const sentIds = new Set(sent.map((n) => n.id));
  const notified = standing.filter((d) => d.noticeId !== undefined && sentIds.has(d.noticeId)).length;

  const weekly = new Map<string, NoticeFact[]>();
  for (const notice of replied) {
    const week = weekOf(notice.firstReply?.at ?? notice.decidedAt);
    weekly.set(week, [...(weekly.get(week) ?? []), notice]);
  }
  const byWeek = [...weekly.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([week, group]) => sentimentRows(group, (n) => n.templateId).map((row) => ({ ...row, week })));

  return {
    from: period.from,
    to: period.to,
    rejections,
    reversed,
    notified,
    notifiedShare: ratio(notified, rejections),
    byStatus,
    medianHoursToDelivered: medianHours === null ? null : Math.round(medianHours * 10) / 10,
    bounceRate: ratio(byStatus.bounced ?? 0, sent.length),
    complaintRate: ratio(byStatus.complained ?? 0, sent.length),
    replied: replied.length,
    replyRate: ratio(replied.length, sent.length),
    funnel: [
      { step: 'rejected', count: rejections },
      { step: 'planned', count: notices.length },
      { step: 'sent', count: sent.length },
      { step: 'delivered', count: delivered.length },
      { step: 'replied', count: replied.length },
    ],
    sentiment: {
      byTemplate: sentimentRows(replied, (n) => n.templateId),
      byReason: sentimentRows(replied, (n) => n.reason),
      byStage: sentimentRows(replied, (n) => n.stage),
      byWeek,
    },
  };
}
