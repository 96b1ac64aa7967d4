import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Reply } from '#core/domain/reply.ts';
import { type AuthEnv, requireRole } from '../auth.ts';
import { authProblems, problemResponse } from '../schemas/problem.ts';
import { toReplyView, UnmatchedRepliesView } from '../schemas/reply.ts';

export interface ReplyDeps {
  readonly listUnmatchedReplies: (limit: number) => Promise<Reply[]>;
}

const route = createRoute({
  method: 'get',
  path: '/replies/unmatched',
  tags: ['Replies'],
  summary: 'Replies no notice matched, newest first, with the reason',
  security: [{ bearer: [] }],
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(25) }) },
  responses: {
    200: {
      description: 'The newest unmatched replies',
      content: { 'application/json': { schema: UnmatchedRepliesView } },
    },
    400: problemResponse('Bad limit'),
    ...authProblems,
  },
});

export function registerReplyRoutes(app: OpenAPIHono<AuthEnv>, deps: ReplyDeps): void {
  app.openapi(route, async (c) => {
    requireRole(c, 'viewer', 'recruiter', 'admin');
    const replies = await deps.listUnmatchedReplies(c.req.valid('query').limit);
    return c.json({ replies: replies.map(toReplyView) }, 200);
  });
}
