import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { definedFields } from '#core/domain/optional.ts';
import type { UnmatchedRepliesPage, UnmatchedRepliesQuery } from '#core/ports/reply-repository.ts';
import { type AuthEnv, requireRole } from '../auth.ts';
import { authProblems, problemResponse } from '../schemas/problem.ts';
import { toReplyView, UnmatchedRepliesView } from '../schemas/reply.ts';

export interface ReplyDeps {
  readonly listUnmatchedReplies: (query: UnmatchedRepliesQuery) => Promise<UnmatchedRepliesPage>;
}

const route = createRoute({
  method: 'get',
  path: '/replies/unmatched',
  tags: ['Replies'],
  summary: 'Replies no notice matched, newest first, with the reason',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(25),
      cursor: z.string().max(2048).optional().describe('The `nextCursor` of the previous page'),
    }),
  },
  responses: {
    200: {
      description: 'The newest unmatched replies',
      content: { 'application/json': { schema: UnmatchedRepliesView } },
    },
    400: problemResponse('Bad limit or cursor'),
    ...authProblems,
  },
});

export function registerReplyRoutes(app: OpenAPIHono<AuthEnv>, deps: ReplyDeps): void {
  app.openapi(route, async (c) => {
    requireRole(c, 'viewer', 'recruiter', 'admin');
    const { limit, cursor } = c.req.valid('query');
    const page = await deps.listUnmatchedReplies({ limit, ...definedFields({ cursor }) });
    return c.json({ replies: page.items.map(toReplyView), ...definedFields({ nextCursor: page.cursor }) }, 200);
  });
}
