import { z } from '@hono/zod-openapi';
import { FUNNEL_STEPS } from '#core/domain/loop-stats.ts';

const SentimentRowView = z
  .object({
    key: z.string(),
    replies: z.number().int(),
    positive: z.number().int(),
    neutral: z.number().int(),
    negative: z.number().int(),
    hostile: z.number().int(),
    averageScore: z.number().describe('Mean sentiment score, −1 … 1'),
  })
  .openapi('SentimentRow');

const rate = (description: string) => z.number().nullable().describe(`${description}; null when nothing to divide by`);

export const LoopStatsView = z
  .object({
    from: z.string(),
    to: z.string(),
    rejections: z.number().int().describe('Rejections decided in the period, without those the ATS reversed'),
    reversed: z.number().int(),
    notified: z.number().int().describe('Rejections whose notice the mail service accepted'),
    notifiedShare: rate('notified / rejections'),
    byStatus: z.record(z.string(), z.number().int()).describe("The period's notices by current status"),
    medianHoursToDelivered: z.number().nullable().describe('Median hours from decision to delivered'),
    bounceRate: rate('bounced / sent'),
    complaintRate: rate('complained / sent'),
    replied: z.number().int().describe('Sent notices with at least one human reply'),
    replyRate: rate('replied / sent'),
    funnel: z.array(z.object({ step: z.enum(FUNNEL_STEPS), count: z.number().int() })),
    sentiment: z
      .object({
        byTemplate: z.array(SentimentRowView),
        byReason: z.array(SentimentRowView),
        byStage: z.array(SentimentRowView),
        byWeek: z
          .array(SentimentRowView.extend({ week: z.string().describe('Monday of the week (UTC)') }))
          .describe('Per week the replies arrived, one row per template (`key`)'),
      })
      .describe("Each sent notice's first human reply: what the email itself drew"),
  })
  .openapi('LoopStats');
