import { z } from '@hono/zod-openapi';
import { FLAG_NAMES } from '#core/domain/candidate-flag.ts';
import { REASON_CATEGORIES, STAGES } from '#core/domain/decision.ts';
import { definedFields } from '#core/domain/optional.ts';
import { type Owner, ownerOf } from '#core/domain/owner.ts';
import type { StoredDecision } from '#core/ports/decision-repository.ts';
import type { ErasureReceipt } from '#core/ports/erasure-log.ts';
import type { ErasureResult } from '#core/use-cases/erase-candidate.ts';
import {
  type CandidateTimeline,
  DEFAULT_TIMELINE_PAGE,
  MAX_TIMELINE_PAGE,
  type TimelineEntry,
} from '#core/use-cases/get-candidate-timeline.ts';
import type { FlaggedCandidatesPage } from '#core/use-cases/list-flagged-candidates.ts';
import { ConversationTurnView, toConversationTurnView } from './conversation.ts';
import { NoticeView, OwnerView, toNoticeView } from './notice.ts';
import { FlagView, ReplyView, toFlagView, toReplyView } from './reply.ts';

export const CandidateIdParam = z.object({
  id: z
    .string()
    .regex(/^c_[0-9a-f]{24}$/, 'a candidate id such as c_…')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'c_0123456789abcdef01234567' }),
});

/** A day (`2026-11-20`, the whole day in UTC) or an instant with its offset. */
const instantOrDay = (end: 'start' | 'end') =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()])
    .transform((value) =>
      value.length === 10
        ? `${value}T${end === 'start' ? '00:00:00.000' : '23:59:59.999'}Z`
        : new Date(value).toISOString(),
    );

export const PeriodQuery = {
  from: instantOrDay('start').optional().openapi({
    description: 'Start (inclusive): a day such as 2026-11-01 or an ISO-8601 instant',
    example: '2026-11-01',
  }),
  to: instantOrDay('end')
    .optional()
    .openapi({ description: 'End (inclusive): a day (its whole day) or an ISO-8601 instant', example: '2026-11-30' }),
};

export const CandidateListQuery = z.object({
  flag: z
    .enum(FLAG_NAMES)
    .default('bridge-burned')
    .openapi({ description: 'Which list (default bridge-burned)', example: 'bridge-burned' }),
  job: z.string().trim().min(1).max(200).optional().openapi({
    description: 'Only candidates flagged on this job: its id, or words of its title as written (case counts)',
    example: 'Platform Engineer',
  }),
  ...PeriodQuery,
  cursor: z.string().max(2000).optional().openapi({ description: 'The nextCursor of the previous page, unchanged' }),
  limit: z.coerce.number().int().min(1).max(100).default(25).openapi({ description: 'Page size (1–100, default 25)' }),
  format: z
    .enum(['json', 'csv'])
    .optional()
    .openapi({ description: 'csv: the whole list as a CSV file (as `Accept: text/csv`), at most 10,000 rows' }),
});

export const TimelineQuery = z.object({
  cursor: z
    .string()
    .max(1000)
    .optional()
    .openapi({ description: 'The nextCursor of the previous page, unchanged: the next (older) page' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_TIMELINE_PAGE)
    .default(DEFAULT_TIMELINE_PAGE)
    .openapi({ description: `Entries per page (1–${MAX_TIMELINE_PAGE}, default ${DEFAULT_TIMELINE_PAGE})` }),
});

const JobView = z.object({ id: z.string(), title: z.string() });

export const FlaggedCandidateView = z
  .object({
    candidateId: z.string(),
    name: z.string().optional(),
    job: JobView.optional(),
    email: z.string().optional().describe("The address the candidate's notice went to"),
    reply: z
      .object({
        id: z.string(),
        receivedAt: z.string(),
        text: z.string().describe('What the candidate wrote (the first 600 characters); render it as text'),
        truncated: z.boolean(),
      })
      .optional()
      .describe('The latest reply that raised the flag'),
    flag: FlagView,
  })
  .openapi('FlaggedCandidate');

export const CandidateListView = z
  .object({
    flag: z.enum(FLAG_NAMES),
    items: z.array(FlaggedCandidateView),
    nextCursor: z.string().optional().describe('Present when there may be more: pass it as `cursor`'),
    counts: z
      .object(
        Object.fromEntries(FLAG_NAMES.map((f) => [f, z.number().int()])) as Record<
          (typeof FLAG_NAMES)[number],
          z.ZodNumber
        >,
      )
      .describe('Candidates per flag with the same job and date filter'),
  })
  .openapi('CandidateList');

export const DecisionView = z
  .object({
    key: z.string(),
    source: z.string(),
    applicationId: z.string(),
    decision: z.literal('rejected'),
    reason: z.object({
      category: z.enum(REASON_CATEGORIES),
      name: z.string().optional().describe("The ATS's own reason text: for colleagues, never shown to candidates"),
    }),
    stage: z.enum(STAGES),
    stageName: z.string().optional(),
    decidedAt: z.string(),
    recordedAt: z.string(),
    job: JobView,
    candidate: z.object({ name: z.string(), email: z.string(), locale: z.string().optional() }),
    recruiter: z
      .object({ name: z.string(), title: z.string().optional(), email: z.string().optional() })
      .optional()
      .describe("The recruiter the decision named; the owner now is on the candidate's latest notice"),
    personalNote: z.string().optional(),
    feedbackOffered: z.boolean(),
    keepInTouch: z.boolean(),
    canEmail: z.boolean(),
    noticeId: z.string().optional(),
    noEmailReason: z.string().optional(),
    atsStatus: z.enum(['rejected', 'cancelled']).optional(),
  })
  .openapi('Decision');

export const EmailView = z
  .object({ subject: z.string(), preheader: z.string(), html: z.string(), text: z.string() })
  .openapi('RenderedEmail', {
    description:
      "The email rendered from the notice's recorded template, locale and values, as the send renders it (candidate text escaped). Show the HTML in a sandboxed frame.",
  });

export const TimelineEntryView = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('decision'), at: z.string(), decision: DecisionView }),
    z.object({
      type: z.literal('notice'),
      at: z.string(),
      notice: NoticeView,
      sent: z.boolean().describe('True once the mail service accepted it; else the email is what will be sent'),
      email: EmailView.optional(),
      emailError: z.string().optional().describe('Why the email cannot be rendered (the send fails the same way)'),
      conversation: z
        .array(ConversationTurnView)
        .describe("The thread, oldest first: the rejection, the candidate's turns and every relay both ways"),
    }),
    z.object({ type: z.literal('reply'), at: z.string(), reply: ReplyView }),
  ])
  .openapi('TimelineEntry');

export const CandidateTimelineView = z
  .object({
    candidateId: z.string(),
    name: z.string().optional(),
    email: z.string().optional(),
    owner: OwnerView.optional().describe(
      "Who owns the candidate: the owner of their latest notice (else their latest decision's); their replies go there",
    ),
    flags: z.array(FlagView).describe('Newest change first, each with its audit trail (`history`)'),
    timeline: z
      .array(TimelineEntryView)
      .describe('One page of decisions, notices and replies (the newest first), oldest first within the page'),
    nextCursor: z.string().optional().describe('Pass as `cursor` for the next, older page; absent on the oldest'),
    erasedAt: z.string().optional().describe('Earlier data of this candidate was erased then'),
  })
  .openapi('CandidateTimeline');

const ErasedCountsView = z.object({
  decisions: z.number().int(),
  notices: z.number().int(),
  replies: z.number().int(),
  flags: z.number().int(),
  relays: z.number().int().describe('Emails relayed inside the candidate’s threads, both directions'),
  relayThreads: z.number().int().describe('Thread state items (recruiter token, hourly relay window)'),
  recruiterTokens: z.number().int().describe('Recruiter side reply addresses of the candidate’s threads'),
  rawMessages: z.number().int().describe('Raw inbound messages: the candidate’s replies and recruiters’ answers'),
});

export const ErasureView = z
  .object({
    candidateId: z.string(),
    erased: ErasedCountsView.describe('What this request deleted'),
    receipt: z
      .object({
        status: z.enum(['in-progress', 'complete']),
        requestedAt: z.string(),
        requestedBy: z.string(),
        completedAt: z.string().optional(),
        retryAfter: z
          .string()
          .optional()
          .describe('While `in-progress` because a notice was being sent: repeat the request after this instant'),
        erased: ErasedCountsView.describe('Totals over every request for this candidate'),
        suppressedAddresses: z.number().int().describe('Addresses that will never be emailed again'),
        runs: z.number().int(),
      })
      .describe('Kept without personal data as the record that the erasure was carried out'),
  })
  .openapi('Erasure');

export function toCandidateListView(page: FlaggedCandidatesPage): z.infer<typeof CandidateListView> {
  return {
    flag: page.flag,
    items: page.items.map((item) => ({
      candidateId: item.candidateId,
      ...definedFields({ name: item.name, email: item.email }),
      ...(item.job === undefined ? {} : { job: { id: item.job.id, title: item.job.title } }),
      ...(item.reply === undefined ? {} : { reply: { ...item.reply } }),
      flag: toFlagView(item.flag),
    })),
    ...definedFields({ nextCursor: page.nextCursor }),
    counts: { ...page.counts },
  };
}

function toDecisionView(d: StoredDecision): z.infer<typeof DecisionView> {
  return {
    key: d.key,
    source: d.source,
    applicationId: d.applicationId,
    decision: d.decision,
    reason: { category: d.reason.category, ...definedFields({ name: d.reason.name }) },
    stage: d.stage,
    ...definedFields({ stageName: d.stageName }),
    decidedAt: d.decidedAt,
    recordedAt: d.recordedAt,
    job: { id: d.job.id, title: d.job.title },
    candidate: {
      name: d.candidate.name,
      email: d.candidate.email,
      ...definedFields({ locale: d.candidate.locale }),
    },
    ...(d.recruiter === undefined ? {} : { recruiter: { ...d.recruiter } }),
    ...definedFields({ personalNote: d.personalNote }),
    feedbackOffered: d.feedbackOffered,
    keepInTouch: d.keepInTouch,
    canEmail: d.canEmail,
    ...definedFields({ noticeId: d.noticeId, noEmailReason: d.noEmailReason, atsStatus: d.atsStatus }),
  };
}

function toEntryView(entry: TimelineEntry, defaultInbox: string): z.infer<typeof TimelineEntryView> {
  if (entry.type === 'decision') return { type: 'decision', at: entry.at, decision: toDecisionView(entry.decision) };
  if (entry.type === 'reply') return { type: 'reply', at: entry.at, reply: toReplyView(entry.reply) };
  const { notice, email, sent, emailError, conversation } = entry.notice;
  return {
    type: 'notice',
    at: entry.at,
    notice: toNoticeView(notice, defaultInbox),
    sent,
    conversation: conversation.map(toConversationTurnView),
    ...(email === undefined ? {} : { email: { ...email } }),
    ...definedFields({ emailError }),
  };
}

/** The candidate's owner: a notice's owner can be changed, so the latest notice wins over the latest decision. */
function ownerEntry(timeline: CandidateTimeline, defaultInbox: string): { owner?: Owner } {
  if (timeline.latestNotice !== undefined) return { owner: ownerOf(timeline.latestNotice, defaultInbox) };
  return timeline.latestDecision === undefined ? {} : { owner: ownerOf(timeline.latestDecision, defaultInbox) };
}

export function toCandidateTimelineView(
  timeline: CandidateTimeline,
  defaultInbox: string,
): z.infer<typeof CandidateTimelineView> {
  return {
    candidateId: timeline.candidateId,
    ...definedFields({ name: timeline.name, email: timeline.email }),
    flags: timeline.flags.map(toFlagView),
    ...ownerEntry(timeline, defaultInbox),
    timeline: timeline.timeline.map((entry) => toEntryView(entry, defaultInbox)),
    ...definedFields({ nextCursor: timeline.nextCursor, erasedAt: timeline.erasedAt }),
  };
}

function toReceiptView(receipt: ErasureReceipt): z.infer<typeof ErasureView>['receipt'] {
  return {
    status: receipt.status,
    requestedAt: receipt.requestedAt,
    requestedBy: receipt.requestedBy,
    ...definedFields({ completedAt: receipt.completedAt, retryAfter: receipt.retryAfter }),
    erased: { ...receipt.erased },
    suppressedAddresses: receipt.suppressedAddresses,
    runs: receipt.runs,
  };
}

export function toErasureView(result: ErasureResult): z.infer<typeof ErasureView> {
  return { candidateId: result.candidateId, erased: { ...result.erased }, receipt: toReceiptView(result.receipt) };
}
