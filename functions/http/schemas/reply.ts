import { z } from '@hono/zod-openapi';
import { type CandidateFlag, FLAG_NAMES, FLAG_STATUSES, isUnanswered } from '#core/domain/candidate-flag.ts';
import { definedFields } from '#core/domain/optional.ts';
import { CORRELATION_METHODS, REPLY_STATUSES, type Reply } from '#core/domain/reply.ts';
import {
  HOSTILITY_CATEGORIES,
  LANGUAGE_SOURCES,
  REPLY_INTENTS,
  REPLY_LANGUAGE_CODES,
} from '#core/ports/reply-classifier.ts';

export const EvidenceView = z
  .object({ sentence: z.string(), categories: z.array(z.enum(HOSTILITY_CATEGORIES)), score: z.number() })
  .openapi('HostileEvidence');

export const ReplyView = z
  .object({
    id: z.string(),
    status: z.enum(REPLY_STATUSES),
    receivedAt: z.string(),
    correlation: z.object({
      method: z.enum(CORRELATION_METHODS),
      noticeId: z.string().optional(),
      candidateId: z.string().optional(),
      reason: z.string().optional(),
      senderMatchesCandidate: z.boolean().optional(),
    }),
    from: z.string().optional(),
    subject: z.string().optional(),
    text: z.string().describe('What the candidate wrote: quotes, our own email and the signature removed'),
    language: z
      .string()
      .optional()
      .describe(
        'The language the reply is written in: en, de, fr, es or other once classified (see classification.language)',
      ),
    autoReplyReason: z.string().optional(),
    rejectionReason: z.string().optional(),
    classification: z
      .object({
        sentiment: z.object({ label: z.enum(['positive', 'neutral', 'negative']), score: z.number() }),
        hostile: z.boolean(),
        borderline: z.boolean(),
        hostility: z.number(),
        categories: z.array(z.enum(HOSTILITY_CATEGORIES)),
        intents: z.array(z.enum(REPLY_INTENTS)),
        evidence: z.array(EvidenceView),
        model: z.string(),
        language: z
          .object({ code: z.enum(REPLY_LANGUAGE_CODES), source: z.enum(LANGUAGE_SOURCES) })
          .optional()
          .describe('Detected from the text, or the notice locale (fallback) when the text was too short to tell'),
      })
      .optional(),
    flags: z.array(z.enum(FLAG_NAMES)),
    notes: z.array(z.string()),
    resolution: z
      .object({
        action: z.enum(['linked', 'dismissed']),
        at: z.string(),
        by: z.string(),
        reason: z.string().optional(),
      })
      .optional()
      .describe('An unmatched reply a recruiter linked to a candidate, or dismissed'),
  })
  .openapi('Reply');

/** `GET /replies/unmatched`: the dashboard's Unmatched replies page reads this shape (test/types/web-api-types.ts). */
export const UnmatchedRepliesView = z.object({
  replies: z.array(ReplyView),
  nextCursor: z.string().optional().describe('Present when there may be more: pass it as `cursor` for the next page'),
});

export function toReplyView(reply: Reply): z.infer<typeof ReplyView> {
  return {
    id: reply.id,
    status: reply.status,
    receivedAt: reply.receivedAt,
    correlation: reply.correlation,
    ...definedFields({ from: reply.from, subject: reply.subject }),
    text: reply.text,
    ...definedFields({ language: reply.language }),
    ...definedFields({ autoReplyReason: reply.autoReplyReason, rejectionReason: reply.rejectionReason }),
    ...(reply.classification === undefined
      ? {}
      : {
          classification: {
            ...reply.classification,
            categories: [...reply.classification.categories],
            intents: [...reply.classification.intents],
            evidence: reply.classification.evidence.map((e) => ({ ...e, categories: [...e.categories] })),
          },
        }),
    flags: [...reply.flags],
    notes: [...reply.notes],
    ...definedFields({ resolution: reply.resolution }),
  };
}

export const FlagView = z
  .object({
    candidateId: z.string(),
    flag: z.enum(FLAG_NAMES),
    status: z.enum(FLAG_STATUSES),
    raisedAt: z.string(),
    updatedAt: z.string(),
    reason: z.string(),
    evidence: z.array(EvidenceView),
    replyIds: z.array(z.string()),
    noticeId: z.string().optional(),
    candidateName: z.string().optional().describe('From the notice the newest raising reply answered'),
    job: z.object({ id: z.string(), title: z.string() }).optional(),
    history: z.array(
      z.object({
        action: z.enum(['raised', 'raised-again', 'confirmed', 'dismissed', 'answered']),
        at: z.string(),
        by: z.string(),
        reason: z.string(),
        replyId: z.string().optional(),
        relayId: z.string().optional().describe('`answered` by a follow-up: the relay that carried it'),
      }),
    ),
    historyOmitted: z
      .number()
      .int()
      .optional()
      .describe('Events left out between the first 5 and the last 45 of `history` (a flag keeps at most 50)'),
    answeredAt: z.string().optional().describe('When a recruiter last answered it (a follow-up, or by hand)'),
    unanswered: z.boolean().describe('Raised or confirmed, and not answered since it was last raised'),
  })
  .openapi('CandidateFlag');

/** A flag as recruiters see it (its retention date is bookkeeping). */
export function toFlagView(flag: CandidateFlag): z.infer<typeof FlagView> {
  return {
    candidateId: flag.candidateId,
    flag: flag.flag,
    status: flag.status,
    raisedAt: flag.raisedAt,
    updatedAt: flag.updatedAt,
    reason: flag.reason,
    evidence: flag.evidence.map((e) => ({ ...e, categories: [...e.categories] })),
    replyIds: [...flag.replyIds],
    ...definedFields({ noticeId: flag.noticeId, candidateName: flag.candidateName }),
    ...(flag.job === undefined ? {} : { job: { id: flag.job.id, title: flag.job.title } }),
    history: flag.history.map((h) => ({ ...h })),
    ...definedFields({ historyOmitted: flag.historyOmitted, answeredAt: flag.answeredAt }),
    unanswered: isUnanswered(flag),
  };
}
