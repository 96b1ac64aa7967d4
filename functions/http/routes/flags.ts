import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { type CandidateFlag, FLAG_NAMES, type FlagName } from '#core/domain/candidate-flag.ts';
import { NotFoundError } from '#core/domain/errors.ts';
import type { ReviewFlag } from '#core/use-cases/review-flag.ts';
import { type AuthEnv, requireRole, roleGate } from '../auth.ts';
import { authProblems, problemResponse } from '../schemas/problem.ts';
import { FlagView, toFlagView } from '../schemas/reply.ts';

export interface FlagDeps {
  readonly reviewFlag: ReviewFlag;
  readonly getFlag: (candidateId: string, flag: FlagName) => Promise<CandidateFlag | undefined>;
}

const params = z.object({
  id: z.string().regex(/^c_[0-9a-f]{24}$/, 'a candidate id such as c_…'),
  flag: z.enum(FLAG_NAMES),
});
const ReviewBody = z
  .object({
    reason: z
      .string()
      .trim()
      .min(3, 'say why, in a few words')
      .max(1000)
      .describe('Why the flag is confirmed or dismissed; kept in the audit trail'),
  })
  .strict();

const getRoute = createRoute({
  method: 'get',
  path: '/candidates/{id}/flags/{flag}',
  tags: ['Flags'],
  summary: 'A flag on a candidate, with its evidence and review history',
  security: [{ bearer: [] }],
  request: { params },
  responses: {
    200: { description: 'The flag', content: { 'application/json': { schema: FlagView } } },
    400: problemResponse('Malformed id or unknown flag'),
    ...authProblems,
    404: problemResponse('The candidate has no such flag'),
  },
});

function reviewRoute(action: 'confirm' | 'dismiss') {
  return createRoute({
    method: 'post',
    path: `/candidates/{id}/flags/{flag}/${action}`,
    tags: ['Flags'],
    summary: action === 'confirm' ? 'Confirm a flag' : 'Dismiss a flag',
    description:
      action === 'confirm'
        ? 'The recruiter agrees with the flag. Who, when and why are appended to its history.'
        : 'The recruiter disagrees: the flag leaves the by-flag lists; its history keeps who, when and why. A later reply may raise it again.',
    security: [{ bearer: [] }],
    request: {
      params,
      body: { required: true, content: { 'application/json': { schema: ReviewBody } } },
    },
    responses: {
      200: { description: 'The flag after the review', content: { 'application/json': { schema: FlagView } } },
      400: problemResponse('Malformed id, unknown flag or missing reason'),
      ...authProblems,
      404: problemResponse('The candidate has no such flag'),
      409: problemResponse('The flag is already in that state, or changed meanwhile'),
    },
  });
}

/** Confirm or dismiss a flag (recruiters and admins), and read one (any role). */
export function registerFlagRoutes(app: OpenAPIHono<AuthEnv>, deps: FlagDeps): void {
  // The role first: a viewer learns nothing about the body it may not send.
  app.use('/candidates/:id/flags/:flag/confirm', roleGate('recruiter', 'admin'));
  app.use('/candidates/:id/flags/:flag/dismiss', roleGate('recruiter', 'admin'));
  app.openapi(getRoute, async (c) => {
    requireRole(c, 'viewer', 'recruiter', 'admin');
    const { id, flag } = c.req.valid('param');
    const found = await deps.getFlag(id, flag);
    if (found === undefined) throw new NotFoundError(`Candidate ${id} has no ${flag} flag`);
    return c.json(toFlagView(found), 200);
  });
  for (const action of ['confirm', 'dismiss'] as const) {
    app.openapi(reviewRoute(action), async (c) => {
      const principal = requireRole(c, 'recruiter', 'admin');
      const { id, flag } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const reviewed = await deps.reviewFlag({ candidateId: id, flag, action, by: principal.subject, reason });
      return c.json(toFlagView(reviewed), 200);
    });
  }
}
