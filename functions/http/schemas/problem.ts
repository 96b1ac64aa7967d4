import { z } from '@hono/zod-openapi';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(
        z.object({
          field: z.string(),
          message: z.string(),
          line: z.number().int().optional().describe('For an uploaded file: the line the issue is on (1: header)'),
        }),
      )
      .optional(),
    requestId: z
      .string()
      .describe('The request id (also the X-Request-Id header): quote it to find the request in the logs'),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' });

export function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: ProblemSchema } } };
}

export const authProblems = {
  401: problemResponse('Missing or invalid bearer token'),
  403: problemResponse('The caller may not perform this action'),
};
