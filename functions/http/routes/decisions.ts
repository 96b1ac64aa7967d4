import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { ValidationError } from '#core/domain/errors.ts';
import { type IntakeMeter, silentIntakeMeter } from '#core/ports/intake-meter.ts';
import type { RecordDecisions } from '#core/use-cases/record-decisions.ts';
import type { AuthEnv } from '../auth.ts';
import { issuesFromZod } from '../problem.ts';
import { claimedDecisionSchema, DecisionBatchResult, DecisionRequest, DecisionResult } from '../schemas/decision.ts';
import { authProblems, problemResponse } from '../schemas/problem.ts';

const route = createRoute({
  method: 'post',
  path: '/decisions',
  tags: ['Decisions'],
  summary: 'Record one rejection decision or a batch',
  description:
    'Validates the whole request before writing anything. The same decision (source, applicationId, decision) posted again changes nothing and answers 200 with the existing notice.',
  security: [{ bearer: [] }],
  request: {
    body: { required: true, content: { 'application/json': { schema: DecisionRequest } } },
  },
  responses: {
    202: {
      description: 'Recorded; a notice is scheduled (one result, or `results` for a batch)',
      content: { 'application/json': { schema: z.union([DecisionResult, DecisionBatchResult]) } },
    },
    200: {
      description: 'Every decision was already recorded',
      content: { 'application/json': { schema: z.union([DecisionResult, DecisionBatchResult]) } },
    },
    400: problemResponse('Invalid decision; `errors` names each bad field'),
    ...authProblems,
    413: problemResponse('Body too large'),
    415: problemResponse('Not application/json'),
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
      const body = c.req.valid('json');
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
