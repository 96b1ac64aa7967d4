import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { GetNotice } from '#core/use-cases/get-notice.ts';
import type { AuthEnv } from '../auth.ts';
import { NoticeView, toNoticeView } from '../schemas/notice.ts';
import { authProblems, problemResponse } from '../schemas/problem.ts';

const route = createRoute({
  method: 'get',
  path: '/notices/{id}',
  tags: ['Notices'],
  summary: 'A notice with its status history',
  security: [{ bearer: [] }],
  request: { params: z.object({ id: z.string().regex(/^n_[a-z2-7]{26}$/, 'a notice id such as n_…') }) },
  responses: {
    200: { description: 'The notice', content: { 'application/json': { schema: NoticeView } } },
    400: problemResponse('Malformed id'),
    ...authProblems,
    404: problemResponse('No such notice'),
  },
});

export function registerNoticeRoutes(
  app: OpenAPIHono<AuthEnv>,
  deps: { getNotice: GetNotice; defaultRecruiterInbox: string },
): void {
  app.openapi(route, async (c) =>
    c.json(toNoticeView(await deps.getNotice(c.req.valid('param').id), deps.defaultRecruiterInbox), 200),
  );
}
