import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { MarkFlagAnswered } from '#core/use-cases/mark-flag-answered.ts';
import type { SendFollowUp } from '#core/use-cases/send-follow-up.ts';
import { type AuthEnv, requireRole, roleGate } from '../auth.ts';
import { CandidateIdParam } from '../schemas/candidate.ts';
import { FollowUpAccepted, FollowUpBody, IdempotencyKeyHeader } from '../schemas/conversation.ts';
import { NoticeIdParam } from '../schemas/notice-actions.ts';
import { authProblems, problemResponse } from '../schemas/problem.ts';
import { FlagView, toFlagView } from '../schemas/reply.ts';

export interface ConversationDeps {
  readonly sendFollowUp: SendFollowUp;
  readonly markFlagAnswered: MarkFlagAnswered;
}

const followUpRoute = createRoute({
  method: 'post',
  path: '/notices/{id}/follow-ups',
  tags: ['Conversations'],
  summary: 'Answer the candidate: a plain-text follow-up in the thread',
  description:
    "Sends what the recruiter wrote to the candidate, from the owning recruiter's name at the sender address, with the thread's Reply-To and threading headers, through the send queue like every relay. Only the text is sent: no verdict, no flag. Answers the candidate's open `feedback-requested` flag. The `Idempotency-Key` header is required: the same key sends once. Needs the `recruiter` or `admin` role.",
  security: [{ bearer: [] }],
  request: {
    params: NoticeIdParam,
    headers: IdempotencyKeyHeader,
    body: { required: true, content: { 'application/json': { schema: FollowUpBody } } },
  },
  responses: {
    202: {
      description: 'Handed to the send queue (or already, for a repeated key); follow its status on the candidate',
      content: { 'application/json': { schema: FollowUpAccepted } },
    },
    400: problemResponse('Empty or too long text, forbidden characters, or a missing `Idempotency-Key`'),
    ...authProblems,
    404: problemResponse('No such notice'),
    409: problemResponse(
      'The rejection was never sent (no thread), the address is suppressed, the key sent another text, or the thread reached its hourly relay cap (paused until the time given; nothing sent)',
    ),
    410: problemResponse("The candidate's data was erased"),
  },
});

const answeredRoute = createRoute({
  method: 'post',
  path: '/candidates/{id}/flags/feedback-requested/answered',
  tags: ['Flags'],
  summary: 'Mark a feedback request answered by hand',
  description:
    'The recruiter answered outside Closeloop (a call): the flag keeps its status and records who answered and when. A follow-up sent through Closeloop marks it by itself. Needs the `recruiter` or `admin` role.',
  security: [{ bearer: [] }],
  request: { params: CandidateIdParam },
  responses: {
    200: { description: 'The flag, answered', content: { 'application/json': { schema: FlagView } } },
    400: problemResponse('Malformed id'),
    ...authProblems,
    404: problemResponse('The candidate has no feedback request'),
    409: problemResponse('Already answered since it was last raised, or dismissed'),
  },
});

/** The recruiter's side of a thread from the dashboard. */
export function registerConversationRoutes(app: OpenAPIHono<AuthEnv>, deps: ConversationDeps): void {
  // The role first: a viewer learns nothing about the body it may not send.
  app.use('/notices/:id/follow-ups', roleGate('recruiter', 'admin'));
  app.use('/candidates/:id/flags/feedback-requested/answered', roleGate('recruiter', 'admin'));

  app.openapi(followUpRoute, async (c) => {
    const principal = requireRole(c, 'recruiter', 'admin');
    const result = await deps.sendFollowUp({
      noticeId: c.req.valid('param').id,
      text: c.req.valid('json').text,
      actor: `recruiter:${principal.subject}`,
      idempotencyKey: c.req.valid('header')['idempotency-key'],
    });
    return c.json(
      {
        relayId: result.relay.id,
        noticeId: result.relay.noticeId,
        status: result.relay.status,
        created: result.created,
        answeredFeedbackRequest: result.answered !== undefined,
      },
      202,
    );
  });

  app.openapi(answeredRoute, async (c) => {
    const principal = requireRole(c, 'recruiter', 'admin');
    const flag = await deps.markFlagAnswered({ candidateId: c.req.valid('param').id, by: principal.subject });
    return c.json(toFlagView(flag), 200);
  });
}
