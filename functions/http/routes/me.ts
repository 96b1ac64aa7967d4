import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AuthEnv } from '../auth.ts';
import { ROLES } from '../auth.ts';
import { authProblems } from '../schemas/problem.ts';

const route = createRoute({
  method: 'get',
  path: '/me',
  tags: ['Recruiters'],
  summary: 'Who is signed in, and with which roles',
  description: 'The dashboard uses it to check a token and to hide actions the caller may not take.',
  security: [{ bearer: [] }],
  responses: {
    200: {
      description: 'The caller',
      content: {
        'application/json': {
          schema: z
            .object({
              subject: z.string(),
              roles: z.array(z.enum(ROLES)),
              email: z
                .string()
                .optional()
                .describe("The caller's inbox when the sign-in says it: what `recruiter=me` means on GET /notices"),
            })
            .openapi('Me'),
        },
      },
    },
    401: authProblems[401],
  },
});

export function registerMeRoutes(app: OpenAPIHono<AuthEnv>): void {
  app.openapi(route, (c) => {
    const principal = c.get('principal');
    return c.json(
      {
        subject: principal.subject,
        roles: [...principal.roles],
        ...(principal.email === undefined ? {} : { email: principal.email }),
      },
      200,
    );
  });
}
