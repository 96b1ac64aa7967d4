import { z } from '@hono/zod-openapi';

export const SendingStatusView = z
  .object({
    paused: z.boolean(),
    reason: z.string().optional().describe('Why it was last paused or resumed'),
    changedAt: z.string().optional(),
    changedBy: z.string().optional().describe('reputation-guard or admin:<subject>'),
    resumedAt: z.string().optional(),
    window: z
      .object({
        since: z.string(),
        until: z.string(),
        sends: z.number().int(),
        bounces: z.number().int(),
        complaints: z.number().int(),
      })
      .describe('What the reputation guard judges: the rolling window since the last resume'),
    bounceRate: z.number(),
    complaintRate: z.number(),
    ceiling: z.object({
      bounceRate: z.number(),
      complaintRate: z.number(),
      minSends: z.number().int(),
      windowHours: z.number().int(),
    }),
  })
  .openapi('SendingStatus');

export const SendingChangeResult = z
  .object({
    changed: z.boolean().describe('false when it already was in the requested state'),
    status: SendingStatusView,
  })
  .openapi('SendingChangeResult');

export const PauseBody = z
  .object({ reason: z.string().trim().min(3).max(500).describe('Why, for the record and the alert') })
  .strict()
  .openapi('PauseRequest', { example: { reason: 'a bad list was uploaded' } });

export const ResumeBody = z
  .object({ reason: z.string().trim().min(3).max(500).optional().describe('What was fixed') })
  .strict()
  .openapi('ResumeRequest', { example: { reason: 'list cleaned; bounce source removed' } });
