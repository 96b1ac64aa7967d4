import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { ManageSending } from '#core/use-cases/manage-sending.ts';
import { type AuthEnv, requireRole, roleGate } from '../auth.ts';
import { authProblems, problemResponse } from '../schemas/problem.ts';
import { PauseBody, ResumeBody, SendingChangeResult, SendingStatusView } from '../schemas/sending-control.ts';

const statusRoute = createRoute({
  method: 'get',
  path: '/admin/sending',
  tags: ['Operations'],
  summary: 'Whether notices are going out, and the rolling bounce and complaint rates',
  security: [{ bearer: [] }],
  responses: {
    200: { description: 'The sending switch', content: { 'application/json': { schema: SendingStatusView } } },
    ...authProblems,
  },
});

const pauseRoute = createRoute({
  method: 'post',
  path: '/admin/sending/pause',
  tags: ['Operations'],
  summary: 'Pause all sending (admin)',
  description:
    'Nothing is sent until an admin resumes: due notices wait in the due index, scheduled, and nothing is lost. The reputation guard does this by itself when the rolling bounce or complaint rate crosses its ceiling.',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: PauseBody } } } },
  responses: {
    200: { description: 'Paused', content: { 'application/json': { schema: SendingChangeResult } } },
    400: problemResponse('A reason is needed'),
    ...authProblems,
  },
});

const resumeRoute = createRoute({
  method: 'post',
  path: '/admin/sending/resume',
  tags: ['Operations'],
  summary: 'Resume sending (admin)',
  description:
    'Notices that waited go out on the next sweeps, at the SES rate. The reputation guard then judges only what is sent from now on.',
  security: [{ bearer: [] }],
  request: { body: { required: false, content: { 'application/json': { schema: ResumeBody } } } },
  responses: {
    200: { description: 'Resumed', content: { 'application/json': { schema: SendingChangeResult } } },
    400: problemResponse('Malformed body'),
    ...authProblems,
  },
});

/** The operator's switch for all sending. */
export function registerSendingControlRoutes(app: OpenAPIHono<AuthEnv>, deps: { sending: ManageSending }): void {
  // Roles are checked before the body is validated: a caller who may not act learns nothing about the body.
  app.use('/admin/sending', roleGate('admin', 'recruiter'));
  app.use('/admin/sending/pause', roleGate('admin'));
  app.use('/admin/sending/resume', roleGate('admin'));

  app.openapi(statusRoute, async (c) => c.json(await deps.sending.status(), 200));

  app.openapi(pauseRoute, async (c) => {
    const principal = requireRole(c, 'admin');
    const { reason } = c.req.valid('json');
    return c.json(await deps.sending.pause({ actor: `admin:${principal.subject}`, reason }), 200);
  });

  app.openapi(resumeRoute, async (c) => {
    const principal = requireRole(c, 'admin');
    const { reason } = c.req.valid('json');
    return c.json(
      await deps.sending.resume({ actor: `admin:${principal.subject}`, reason: reason ?? 'resumed by an operator' }),
      200,
    );
  });
}
