import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { definedFields } from '#core/domain/optional.ts';
import type { UnmatchedRepliesPage, UnmatchedRepliesQuery } from '#core/ports/reply-repository.ts';
import type { RequestReplyLink } from '#core/use-cases/request-reply-link.ts';
import type { DismissUnmatchedReply } from '#core/use-cases/resolve-unmatched-reply.ts';
import { type AuthEnv, requireRole, roleGate } from '../auth.ts';
import { authProblems, problemResponse } from '../schemas/problem.ts';
import { ReplyView, toReplyView, UnmatchedRepliesView } from '../schemas/reply.ts';

export interface ReplyDeps {
  readonly listUnmatchedReplies: (query: UnmatchedRepliesQuery) => Promise<UnmatchedRepliesPage>;
  readonly requestReplyLink: RequestReplyLink;
  readonly dismissUnmatchedReply: DismissUnmatchedReply;
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

const params = z.object({
  id: z
    .string()
    .regex(/^r_[a-z2-7]{26}$/, 'a reply id such as r_…')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'r_abcdefghijklmnopqrstuvwxyz' }),
});

const LinkBody = z
  .object({
    candidateId: z
      .string()
      .regex(/^c_[0-9a-f]{24}$/, 'a candidate id such as c_…')
      .describe("The candidate the reply is from; it joins the thread of the candidate's latest notice"),
  })
  .strict();

export const ReplyLinkView = z
  .object({
    replyId: z.string(),
    candidateId: z.string(),
    state: z
      .enum(['queued', 'linked'])
      .describe(
        '`queued`: the reply is being read as a reply to the candidate (flags, the relay to the owner) and leaves ' +
          'the unmatched list when done; `linked`: it was linked to this candidate before, nothing was done again',
      ),
    reply: ReplyView.optional().describe('The linked reply, when it was linked before'),
  })
  .openapi('ReplyLink');

const linkRoute = createRoute({
  method: 'post',
  path: '/replies/{id}/link',
  tags: ['Replies'],
  summary: 'Link an unmatched reply to a candidate',
  description:
    "The reply is read again as if it had matched the candidate's latest notice: our email cut out, classified, " +
    'flags raised, relayed to the owner once. The reply reader does the work: 202 once it is handed over. ' +
    'Linking again to the same candidate changes nothing (200).',
  security: [{ bearer: [] }],
  request: {
    params,
    body: { required: true, content: { 'application/json': { schema: LinkBody } } },
  },
  responses: {
    200: { description: 'Linked to this candidate before', content: { 'application/json': { schema: ReplyLinkView } } },
    202: { description: 'The link is under way', content: { 'application/json': { schema: ReplyLinkView } } },
    400: problemResponse('Malformed reply or candidate id'),
    ...authProblems,
    404: problemResponse('No such reply, or the candidate was never sent an email'),
    409: problemResponse(
      'The reply is not unmatched, was dismissed, refused (spam, virus, unreadable) or linked to another candidate',
    ),
    410: problemResponse("The candidate's data was erased"),
  },
});

const DismissBody = z
  .object({ reason: z.string().trim().max(1000).optional().describe('Why; kept on the reply') })
  .strict();

const dismissRoute = createRoute({
  method: 'post',
  path: '/replies/{id}/dismiss',
  tags: ['Replies'],
  summary: 'Dismiss an unmatched reply',
  description:
    'It leaves the unmatched list and stays, still found by erasure of its sender, until its retention ends. ' +
    'Dismissing it again changes nothing.',
  security: [{ bearer: [] }],
  request: {
    params,
    body: { required: false, content: { 'application/json': { schema: DismissBody } } },
  },
  responses: {
    200: { description: 'The dismissed reply', content: { 'application/json': { schema: ReplyView } } },
    400: problemResponse('Malformed reply id or reason'),
    ...authProblems,
    404: problemResponse('No such reply'),
    409: problemResponse('The reply was matched or linked'),
  },
});

/** The unmatched list (any role); linking and dismissing (recruiters and admins). */
export function registerReplyRoutes(app: OpenAPIHono<AuthEnv>, deps: ReplyDeps): void {
  // The role first: a viewer learns nothing about the body it may not send.
  app.use('/replies/:id/link', roleGate('recruiter', 'admin'));
  app.use('/replies/:id/dismiss', roleGate('recruiter', 'admin'));
  app.openapi(route, async (c) => {
    requireRole(c, 'viewer', 'recruiter', 'admin');
    const { limit, cursor } = c.req.valid('query');
    const page = await deps.listUnmatchedReplies({ limit, ...definedFields({ cursor }) });
    return c.json({ replies: page.items.map(toReplyView), ...definedFields({ nextCursor: page.cursor }) }, 200);
  });
  app.openapi(linkRoute, async (c) => {
    const principal = requireRole(c, 'recruiter', 'admin');
    const { id } = c.req.valid('param');
    const { candidateId } = c.req.valid('json');
    const result = await deps.requestReplyLink({ replyId: id, candidateId, by: principal.subject });
    if (result.state === 'linked') {
      return c.json({ replyId: id, candidateId, state: 'linked' as const, reply: toReplyView(result.reply) }, 200);
    }
    return c.json({ replyId: id, candidateId, state: 'queued' as const }, 202);
  });
  app.openapi(dismissRoute, async (c) => {
    const principal = requireRole(c, 'recruiter', 'admin');
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const { reply } = await deps.dismissUnmatchedReply({
      replyId: id,
      by: principal.subject,
      ...definedFields({ reason: reason === '' ? undefined : reason }),
    });
    return c.json(toReplyView(reply), 200);
  });
}
