import { z } from '@hono/zod-openapi';
import { REASON_CATEGORIES, STAGES } from '#core/domain/decision.ts';
import { NOTICE_STATUSES, type Notice } from '#core/domain/notice.ts';
import { definedFields } from '#core/domain/optional.ts';
import { ownerOf } from '#core/domain/owner.ts';

export const NoticeEventView = z
  .object({
    status: z.enum(NOTICE_STATUSES),
    at: z.string(),
    detail: z.string().optional(),
    event: z.string().optional(),
  })
  .openapi('NoticeEvent');

export const OwnerView = z
  .object({
    name: z.string().optional(),
    email: z.string().describe("Where the candidate's replies go"),
    title: z.string().optional(),
    source: z
      .enum(['ats', 'default', 'changed'])
      .describe("ats: the decision named them; default: the deployment's default inbox; changed: set by a recruiter"),
  })
  .openapi('Owner');

export const NoticeView = z
  .object({
    id: z.string(),
    candidateId: z.string(),
    source: z.string(),
    applicationId: z.string(),
    job: z.object({ id: z.string(), title: z.string() }),
    candidate: z.object({
      name: z.string(),
      email: z.string(),
      timeZone: z.string().optional(),
      locale: z.string().optional(),
    }),
    owner: OwnerView,
    reason: z.enum(REASON_CATEGORIES),
    stage: z.enum(STAGES),
    templateId: z.string(),
    locale: z.string(),
    status: z.enum(NOTICE_STATUSES),
    sendAt: z.string(),
    attempts: z.number().int(),
    sesMessageId: z.string().optional(),
    nextAttemptAt: z.string().optional(),
    failureReason: z.string().optional(),
    cancelRequestedAt: z
      .string()
      .optional()
      .describe('A cancel came while it was being sent or after: it is never sent again unless resent'),
    createdAt: z.string(),
    updatedAt: z.string(),
    decidedAt: z.string().optional(),
    deliveredAt: z.string().optional().describe('When the mail service first reported it delivered'),
    history: z.array(NoticeEventView),
  })
  .openapi('Notice');
export type NoticeView = z.infer<typeof NoticeView>;

/** What a recruiter sees of a notice. The reply token stays private: it is what authenticates a reply. */
export function toNoticeView(notice: Notice, defaultInbox: string): NoticeView {
  return {
    id: notice.id,
    candidateId: notice.candidateId,
    source: notice.source,
    applicationId: notice.applicationId,
    job: { id: notice.job.id, title: notice.job.title },
    candidate: {
      name: notice.candidate.name,
      email: notice.candidate.email,
      ...definedFields({ timeZone: notice.candidate.timeZone, locale: notice.candidate.locale }),
    },
    owner: ownerOf(notice, defaultInbox),
    reason: notice.reason,
    stage: notice.stage,
    templateId: notice.templateId,
    locale: notice.locale,
    status: notice.status,
    sendAt: notice.sendAt,
    attempts: notice.attempts,
    ...definedFields({
      sesMessageId: notice.sesMessageId,
      nextAttemptAt: notice.nextAttemptAt,
      failureReason: notice.failureReason,
      cancelRequestedAt: notice.cancelRequestedAt,
    }),
    createdAt: notice.createdAt,
    updatedAt: notice.updatedAt,
    ...definedFields({ decidedAt: notice.decidedAt, deliveredAt: notice.deliveredAt }),
    history: [...notice.history],
  };
}
