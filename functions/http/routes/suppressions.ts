import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { definedFields } from '#core/domain/optional.ts';
import type { ManageSuppressions } from '#core/use-cases/manage-suppressions.ts';
import { type AuthEnv, requireRole } from '../auth.ts';
import { authProblems, problemResponse } from '../schemas/problem.ts';
import {
  LiftResult,
  SuppressBody,
  SuppressionIdParam,
  SuppressionListQuery,
  SuppressionListView,
  SuppressResult,
  toSuppressionView,
} from '../schemas/suppression.ts';

const suppressRoute = createRoute({
  method: 'post',
  path: '/suppressions',
  tags: ['Suppressions'],
  summary: 'Stop emailing an address (a candidate asked not to be contacted)',
  description:
    'Adds the address to the suppression list with reason `recruiter-request`: every notice to it that has not gone out ends `suppressed` when it comes due, and nothing is ever sent to it until the suppression is lifted. Only the SHA-256 digest of the address is kept (its id). An address already suppressed keeps the suppression in force and answers 200 with it. Needs the `recruiter` or `admin` role.',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: SuppressBody } } } },
  responses: {
    201: { description: 'Suppressed', content: { 'application/json': { schema: SuppressResult } } },
    200: {
      description: 'Already suppressed; the suppression in force',
      content: { 'application/json': { schema: SuppressResult } },
    },
    400: problemResponse('Not an address, or a note that holds one; `errors` names each bad field'),
    ...authProblems,
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/suppressions',
  tags: ['Suppressions'],
  summary: 'The suppression list, newest first',
  description:
    'Every address Closeloop will not email, as digests: hard bounces and complaints SES reported, recruiter requests, and erased candidates. A page at a time; filter by reason. Any role.',
  security: [{ bearer: [] }],
  request: { query: SuppressionListQuery },
  responses: {
    200: { description: 'A page of the list', content: { 'application/json': { schema: SuppressionListView } } },
    400: problemResponse('Unknown reason, limit out of range, or a cursor this list did not hand out'),
    ...authProblems,
  },
});

const liftRoute = createRoute({
  method: 'delete',
  path: '/suppressions/{id}',
  tags: ['Suppressions'],
  summary: 'Lift a suppression',
  description:
    'Emails may go to the address again: notices scheduled for it go out when due (those that already ended `suppressed` stay so; resend them). A recruiter lifts `recruiter-request` suppressions; a `hard-bounce` or `complaint` one needs the `admin` role (403 otherwise: mailing such an address again harms the sender reputation); an `erased` one is never lifted (409).',
  security: [{ bearer: [] }],
  request: { params: SuppressionIdParam },
  responses: {
    200: { description: 'Lifted; what it was', content: { 'application/json': { schema: LiftResult } } },
    400: problemResponse('Malformed id'),
    ...authProblems,
    404: problemResponse('No such suppression'),
    409: problemResponse("An erased candidate's suppression, or it changed meanwhile"),
  },
});

/** The suppression list as recruiters manage it. */
export function registerSuppressionRoutes(app: OpenAPIHono<AuthEnv>, deps: ManageSuppressions): void {
  // Roles are checked before the body is validated: a caller who may not act learns nothing about the body.
  app.use('/suppressions', async (c, next) => {
    if (c.req.method === 'POST') requireRole(c, 'recruiter', 'admin');
    await next();
  });

  app.openapi(suppressRoute, async (c) => {
    const principal = requireRole(c, 'recruiter', 'admin');
    const { email, note } = c.req.valid('json');
    const role = principal.roles.includes('recruiter') ? 'recruiter' : 'admin';
    const { created, suppression } = await deps.suppress({
      email,
      ...definedFields({ note }),
      actor: `${role}:${principal.subject}`,
    });
    if (created) c.header('location', `/suppressions/${suppression.emailDigest}`);
    return c.json({ created, suppression: toSuppressionView(suppression) }, created ? 201 : 200);
  });

  app.openapi(listRoute, async (c) => {
    requireRole(c, 'viewer', 'recruiter', 'admin');
    const query = c.req.valid('query');
    const page = await deps.list({
      limit: query.limit,
      ...definedFields({ reason: query.reason, cursor: query.cursor }),
    });
    return c.json(
      {
        items: page.items.map(toSuppressionView),
        ...definedFields({ nextCursor: page.cursor }),
      },
      200,
    );
  });

  app.openapi(liftRoute, async (c) => {
    const principal = requireRole(c, 'recruiter', 'admin');
    const asAdmin = principal.roles.includes('admin');
    const lifted = await deps.lift({
      id: c.req.valid('param').id,
      actor: `${asAdmin ? 'admin' : 'recruiter'}:${principal.subject}`,
      asAdmin,
    });
    return c.json({ lifted: toSuppressionView(lifted) }, 200);
  });
}
