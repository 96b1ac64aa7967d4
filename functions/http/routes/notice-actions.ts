import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ConflictError } from '#core/domain/errors.ts';
import { definedFields } from '#core/domain/optional.ts';
import type { CancelNotice } from '#core/use-cases/cancel-notice.ts';
import type { ChangeOwner } from '#core/use-cases/change-owner.ts';
import type { ResendNotice } from '#core/use-cases/resend-notice.ts';
import { type AuthEnv, requireRole, roleGate } from '../auth.ts';
import { NoticeView, toNoticeView } from '../schemas/notice.ts';
import { CancelBody, CancelResult, NoticeIdParam, OwnerBody, ResendBody } from '../schemas/notice-actions.ts';
import { authProblems, problemResponse } from '../schemas/problem.ts';

export interface NoticeActionDeps {
  readonly resendNotice: ResendNotice;
  readonly cancelNotice: CancelNotice;
  readonly changeOwner: ChangeOwner;
}

const resendRoute = createRoute({
  method: 'post',
  path: '/notices/{id}/resend',
  tags: ['Notices'],
  summary: 'Send a notice again, optionally to a corrected address',
  description:
    "Schedules the notice again: by default at the next moment inside the candidate's business hours, with a fresh budget of retries. Allowed from every status but `sending`. A suppressed address (hard bounce, complaint, erasure) is refused with 409: give a corrected one. The request lands on the notice's timeline.",
  security: [{ bearer: [] }],
  request: {
    params: NoticeIdParam,
    body: { required: false, content: { 'application/json': { schema: ResendBody } } },
  },
  responses: {
    200: { description: 'Scheduled; the notice as it is now', content: { 'application/json': { schema: NoticeView } } },
    400: problemResponse('Malformed id or body; `errors` names each bad field'),
    ...authProblems,
    404: problemResponse('No such notice'),
    409: problemResponse('Being sent right now, or the address is suppressed'),
  },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/notices/{id}/cancel',
  tags: ['Notices'],
  summary: 'Cancel a notice that has not gone out',
  description:
    "A scheduled or deferred notice is cancelled and never sent. If it is already out (or going out), answers 409 and records the request on the notice's timeline, so everyone can see the candidate was told before the decision changed.",
  security: [{ bearer: [] }],
  request: {
    params: NoticeIdParam,
    body: { required: false, content: { 'application/json': { schema: CancelBody } } },
  },
  responses: {
    200: { description: 'Cancelled, or already final', content: { 'application/json': { schema: CancelResult } } },
    400: problemResponse('Malformed id or body'),
    ...authProblems,
    404: problemResponse('No such notice'),
    409: problemResponse('Too late: the notice was already sent or is being sent'),
  },
});

const ownerRoute = createRoute({
  method: 'put',
  path: '/notices/{id}/owner',
  tags: ['Notices'],
  summary: 'Hand the candidate to another recruiter',
  description:
    "Sets who owns the candidate this notice went to: their inbox receives the candidate's replies from now on. Allowed in every status. The change lands on the notice's timeline (\"owner changed from X to Y by <subject>\"). An erased candidate's notices are gone: 404.",
  security: [{ bearer: [] }],
  request: {
    params: NoticeIdParam,
    body: { required: true, content: { 'application/json': { schema: OwnerBody } } },
  },
  responses: {
    200: { description: 'The notice with its new owner', content: { 'application/json': { schema: NoticeView } } },
    400: problemResponse('Malformed id or body; `errors` names each bad field'),
    ...authProblems,
    404: problemResponse('No such notice'),
    409: problemResponse('The notice kept changing; try again'),
  },
});

/** Recruiter actions on one notice; every one lands on the notice's timeline with who did it. */
export function registerNoticeActionRoutes(
  app: OpenAPIHono<AuthEnv>,
  deps: NoticeActionDeps,
  defaultInbox: string,
): void {
  // Roles are checked before the body is validated: a caller who may not act learns nothing about the body.
  app.use('/notices/:id/resend', roleGate('recruiter', 'admin'));
  app.use('/notices/:id/cancel', roleGate('recruiter', 'admin'));
  app.use('/notices/:id/owner', roleGate('recruiter', 'admin'));

  app.openapi(resendRoute, async (c) => {
    const principal = requireRole(c, 'recruiter', 'admin');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const notice = await deps.resendNotice({
      noticeId: id,
      actor: `recruiter:${principal.subject}`,
      ...definedFields({ reason: body.reason, email: body.email }),
      ...(body.sendAt === undefined ? {} : { sendAt: new Date(body.sendAt) }),
    });
    return c.json(toNoticeView(notice, defaultInbox), 200);
  });

  app.openapi(ownerRoute, async (c) => {
    const principal = requireRole(c, 'recruiter', 'admin');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const notice = await deps.changeOwner({
      noticeId: id,
      actor: `recruiter:${principal.subject}`,
      owner: { name: body.name, email: body.email, ...definedFields({ title: body.title }) },
    });
    return c.json(toNoticeView(notice, defaultInbox), 200);
  });

  app.openapi(cancelRoute, async (c) => {
    const principal = requireRole(c, 'recruiter', 'admin');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const { outcome, notice } = await deps.cancelNotice({
      noticeId: id,
      actor: `recruiter:${principal.subject}`,
      reason: body.reason ?? 'no reason given',
    });
    if (outcome === 'too-late') {
      throw new ConflictError(
        notice.status === 'sending'
          ? 'Too late to cancel: the notice was already being sent. It is stopped if the mail service has not accepted it yet, and never retried; the request is on its timeline.'
          : `Too late to cancel: the notice was already ${notice.status}. It will not be sent again; the request is on its timeline.`,
      );
    }
    return c.json({ outcome, notice: toNoticeView(notice, defaultInbox) }, 200);
  });
}
