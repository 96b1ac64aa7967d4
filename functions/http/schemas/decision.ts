import { z } from '@hono/zod-openapi';
import { DecisionInputSchema, MAX_DECISIONS_PER_REQUEST } from '#core/domain/decision.ts';
import { NOTICE_STATUSES } from '#core/domain/notice.ts';

/**
 * The core's schema, re-declared through @hono/zod-openapi's `z` (schemas built before it loads lack
 * `.openapi`); the fields and their rules are the core's own.
 */
export const DecisionInput = z
  .object(DecisionInputSchema.shape)
  .strict()
  .openapi('Decision', {
    example: {
      source: 'manual',
      applicationId: 'app-1',
      decision: 'rejected',
      reason: 'position-filled',
      stage: 'interview',
      decidedAt: '2026-11-20T10:00:00Z',
      job: { id: 'job-1', title: 'Analytical Engineer' },
      candidate: { name: 'Ada Lovelace', email: 'ada@example.com', timeZone: 'Europe/London', locale: 'en' },
    },
  });
export const DecisionBatch = z
  .object({ decisions: z.array(DecisionInput).min(1).max(MAX_DECISIONS_PER_REQUEST) })
  .strict()
  .openapi('DecisionBatch');

/** The body of `POST /decisions`, as the OpenAPI document shows it: one decision or a batch. */
export const DecisionRequest = z.union([DecisionInput, DecisionBatch]);

/**
 * The schema a body claims by its shape: a batch when it has a `decisions` key, else one decision. Both are
 * strict, so the union accepts exactly what the claimed schema accepts; but when it fails, zod's union can only
 * guess the branch meant, and a single decision with several bad fields was told it lacked `decisions`.
 */
export function claimedDecisionSchema(body: unknown): typeof DecisionInput | typeof DecisionBatch {
  const isBatch = typeof body === 'object' && body !== null && !Array.isArray(body) && Object.hasOwn(body, 'decisions');
  return isBatch ? DecisionBatch : DecisionInput;
}

export const DecisionResult = z
  .object({
    decisionKey: z.string(),
    candidateId: z.string(),
    duplicate: z.boolean().describe('The decision was already recorded; nothing new happened'),
    noticeId: z.string().optional(),
    status: z.enum(NOTICE_STATUSES).optional(),
    sendAt: z.string().optional(),
    noEmailReason: z.string().optional().describe('Why nothing will be sent, when nothing will'),
    erased: z.literal(true).optional().describe("The candidate's data was erased: nothing was recorded"),
    line: z.number().int().optional().describe("For a CSV file: the decision's line (1 is the header)"),
  })
  .openapi('DecisionResult');

export const DecisionBatchResult = z.object({ results: z.array(DecisionResult) }).openapi('DecisionBatchResult');

const CsvIssue = z.object({ line: z.number().int(), field: z.string(), message: z.string() });

/** `POST /decisions?dryRun=true` with a CSV file: every row as it reads, nothing recorded. */
export const DecisionCsvPreview = z
  .object({
    dryRun: z.literal(true),
    valid: z.boolean().describe('Every row is valid: posting the file without dryRun records all of them'),
    rows: z.array(
      z.object({
        line: z.number().int().describe('The line the row starts on (1 is the header)'),
        decision: DecisionInput.optional().describe('The decision the row reads as, with defaults, when valid'),
        errors: z.array(CsvIssue).describe('What is wrong with the row, by column; empty when valid'),
        erased: z.literal(true).optional().describe("The candidate's data was erased: posting records nothing"),
      }),
    ),
  })
  .openapi('DecisionCsvPreview');

/** Documents the CSV body; the route reads it itself (`readDecisionCsv`), no validator does. */
export const DecisionCsvBody = z.string().openapi({
  description:
    'A header row naming decision fields by JSON path (`candidate.email`), one decision per row. `source` defaults to `manual` and `decision` to `rejected`; an empty cell is a field left out.',
  example:
    'applicationId,decidedAt,reason,stage,candidate.name,candidate.email,candidate.locale,job.id,job.title\napp-1,2026-11-20T10:00:00Z,position-filled,interview,Ada Lovelace,ada@example.com,en,job-1,"Engineer, Data"\n',
});
