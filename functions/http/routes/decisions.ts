import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { ValidationError } from '#core/domain/errors.ts';
import { type IntakeMeter, silentIntakeMeter } from '#core/ports/intake-meter.ts';
import type { RecordDecisions } from '#core/use-cases/record-decisions.ts';
import type { AuthEnv } from '../auth.ts';
import { type CsvRow, MAX_CSV_DECISIONS, readDecisionCsv } from '../decision-csv.ts';
import { issuesFromZod } from '../problem.ts';
import {
  claimedDecisionSchema,
  DecisionBatchResult,
  DecisionCsvBody,
  DecisionCsvPreview,
  DecisionRequest,
  DecisionResult,
} from '../schemas/decision.ts';
import { authProblems, problemResponse } from '../schemas/problem.ts';

/** Rows of a file recorded at once: its rows are distinct, and 5,000 one after another outlast the API's 30 s. */
const CSV_CONCURRENCY = 16;

const route = createRoute({
  method: 'post',
  path: '/decisions',
  tags: ['Decisions'],
  summary: 'Record one rejection decision, a batch, or a CSV file of them',
  description: `Validates the whole request before writing anything. The same decision (source, applicationId, decision) posted again changes nothing and answers 200 with the existing notice. A \`text/csv\` body (at most ${MAX_CSV_DECISIONS} rows) is taken whole or refused whole: a refusal names every bad row by its \`line\` and column (\`field\`). With \`dryRun=true\` a CSV file is only read: every row comes back as it reads, nothing is recorded. A body is required.`,
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      dryRun: z
        .enum(['true', 'false'])
        .optional()
        .describe('`true`: read a CSV file and answer each row as it reads, recording nothing'),
    }),
    // Not `required`: the JSON validator would then read a CSV body too. The media-type gate in the app refuses
    // a request without one, and an empty body is refused by the JSON or CSV reader.
    body: {
      required: false,
      content: {
        'application/json': { schema: DecisionRequest },
        'text/csv': { schema: DecisionCsvBody },
      },
    },
  },
  responses: {
    202: {
      description: 'Recorded; a notice is scheduled (one result, or `results` for a batch or a file)',
      content: { 'application/json': { schema: z.union([DecisionResult, DecisionBatchResult]) } },
    },
    200: {
      description: 'Every decision was already recorded; or, with `dryRun=true`, the file as it reads',
      content: { 'application/json': { schema: z.union([DecisionResult, DecisionBatchResult, DecisionCsvPreview]) } },
    },
    400: problemResponse('Invalid decision; `errors` names each bad field (and, for a file, its `line`)'),
    ...authProblems,
    413: problemResponse(`Body too large, or a file of more than ${MAX_CSV_DECISIONS} rows`),
    415: problemResponse('Neither application/json nor text/csv'),
  },
});

export function registerDecisionRoutes(
  app: OpenAPIHono<AuthEnv>,
  deps: { recordDecisions: RecordDecisions; meter?: IntakeMeter },
): void {
  const meter = deps.meter ?? silentIntakeMeter;
  app.openapi(
    route,
    async (c) => {
      const dryRun = c.req.valid('query').dryRun === 'true';
      if (isCsv(c.req.header('content-type'))) {
        const rows = readDecisionCsv(await c.req.text());
        if (dryRun) return c.json(await preview(rows, deps.recordDecisions), 200);
        return recordFile(c, rows, deps.recordDecisions);
      }
      if (dryRun) {
        throw new ValidationError('dryRun reads a text/csv file; a JSON body is validated when it is posted.', [
          { field: 'dryRun', message: 'Only for a text/csv body' },
        ]);
      }
      const body = c.req.valid('json');
      // The CSV body's schema documents it; a CSV body was read above, so a string never reaches here.
      if (typeof body === 'string') throw new Error('a text/csv body reached the JSON path');
      if ('decisions' in body) {
        const results = await deps.recordDecisions(body.decisions);
        meter.received('api', results.filter((r) => !r.duplicate).length);
        return c.json({ results }, results.every((r) => r.duplicate) ? 200 : 202);
      }
      const [result] = await deps.recordDecisions([body]);
      if (result === undefined) throw new Error('recordDecisions returned no result for one decision');
      meter.received('api', result.duplicate ? 0 : 1);
      return c.json(result, result.duplicate ? 200 : 202);
    },
    (result, c) => (result.success ? undefined : refuse(result.error, c.req.json())),
  );
}

export function isCsv(contentType: string | undefined): boolean {
  return (contentType ?? '').toLowerCase().split(';')[0]?.trim() === 'text/csv';
}

/** The file as it reads; a row whose candidate was erased says so (it would record nothing). */
async function preview(rows: readonly CsvRow[], recordDecisions: RecordDecisions) {
  const valid = rows.flatMap((row) => (row.decision === undefined ? [] : [row.decision]));
  const erased = await recordDecisions.erased(valid);
  let index = 0;
  const read = rows.map((row) => {
    if (row.decision === undefined) return row;
    return erased[index++] === true ? { ...row, erased: true as const } : row;
  });
  return { dryRun: true as const, valid: rows.every((r) => r.errors.length === 0), rows: read };
}

/** A file is recorded only when every row is valid; else refused whole, every bad row named by line and column. */
async function recordFile(c: Context<AuthEnv>, rows: readonly CsvRow[], recordDecisions: RecordDecisions) {
  const bad = rows.filter((row) => row.errors.length > 0);
  if (bad.length > 0) {
    const lines = bad.map((row) => row.line);
    throw new ValidationError(
      `${bad.length} of ${rows.length} rows cannot be recorded (line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}); nothing was recorded.`,
      bad.flatMap((row) => row.errors),
    );
  }
  const decisions = rows.flatMap((row) => (row.decision === undefined ? [] : [row.decision]));
  const recorded = await recordDecisions(decisions, { concurrency: CSV_CONCURRENCY });
  const results = recorded.map((result, index) => ({ ...result, line: rows[index]?.line }));
  return c.json({ results }, results.every((r) => r.duplicate) ? 200 : 202);
}

/**
 * Explains a refused body against the schema its shape claims (see `claimedDecisionSchema`), so every bad field
 * is named where it is. The body is the one the validator already read (Hono caches it).
 */
async function refuse(unionError: ZodError, body: Promise<unknown>): Promise<never> {
  const value = await body;
  const claimed = claimedDecisionSchema(value).safeParse(value);
  throw new ValidationError(
    'The request body is not a valid decision or batch; nothing was recorded.',
    issuesFromZod(claimed.success ? unionError : claimed.error),
  );
}
