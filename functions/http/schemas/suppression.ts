import { z } from '@hono/zod-openapi';
import { definedFields } from '#core/domain/optional.ts';
import { SUPPRESSION_REASONS, type Suppression } from '#core/ports/suppression-repository.ts';

export const SuppressionIdParam = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a suppression id: the 64 hex digits of the address digest')
    .openapi({
      param: { name: 'id', in: 'path' },
      example: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
    }),
});

export const SuppressBody = z
  .object({
    email: z.email().max(254).describe('The address to stop emailing; only its SHA-256 digest is kept'),
    note: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('Why, for colleagues; kept as long as the suppression, so it may not hold an email address'),
  })
  .strict()
  .openapi('SuppressRequest', {
    example: { email: 'ada@example.com', note: 'Asked by phone not to be contacted again' },
  });

export const SuppressionListQuery = z.object({
  reason: z
    .enum(SUPPRESSION_REASONS)
    .optional()
    .openapi({ description: 'Only suppressions of this reason (default: all)', example: 'recruiter-request' }),
  cursor: z.string().max(2000).optional().openapi({ description: 'The nextCursor of the previous page, unchanged' }),
  limit: z.coerce.number().int().min(1).max(100).default(25).openapi({ description: 'Page size (1–100, default 25)' }),
});

export const SuppressionView = z
  .object({
    id: z.string().describe("The address's SHA-256 digest: the suppression's id (`DELETE /suppressions/{id}`)"),
    reason: z
      .enum(SUPPRESSION_REASONS)
      .describe(
        'hard-bounce and complaint: SES reported it (lifted by admins only); recruiter-request: a recruiter added it; erased: the candidate was erased (never lifted)',
      ),
    at: z.string().describe('When the address was suppressed'),
    origin: z
      .string()
      .optional()
      .describe('What caused it: notice:<id>, erasure:<candidateId>, recruiter:<subject> or admin:<subject>'),
    note: z.string().optional().describe("The recruiter's note (recruiter-request only)"),
  })
  .openapi('Suppression');

export const SuppressResult = z
  .object({
    created: z.boolean().describe('False when the address was already suppressed: `suppression` is the one in force'),
    suppression: SuppressionView,
  })
  .openapi('SuppressResult');

export const SuppressionListView = z
  .object({
    items: z.array(SuppressionView).describe('Newest first'),
    nextCursor: z.string().optional().describe('Present when there may be more: pass it as `cursor`'),
  })
  .openapi('SuppressionList');

export const LiftResult = z.object({ lifted: SuppressionView }).openapi('LiftedSuppression');

export function toSuppressionView(s: Suppression): z.infer<typeof SuppressionView> {
  return {
    id: s.emailDigest,
    reason: s.reason,
    at: s.at,
    ...definedFields({ origin: s.origin, note: s.note }),
  };
}
