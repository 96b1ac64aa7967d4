import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { UpstreamUnavailableError } from '#core/domain/errors.ts';
import type { CallerEmails } from '#core/ports/caller-emails.ts';
import type { Log } from '#core/ports/log.ts';
import type { AuthEnv, Principal } from '../auth.ts';
import { ROLES } from '../auth.ts';
import { callerEmailOf } from '../caller-email.ts';
import { authProblems } from '../schemas/problem.ts';

const route = createRoute({
  method: 'get',
  path: '/me',
  tags: ['Recruiters'],
  summary: 'Who is signed in, and with which roles',
  description:
    'The dashboard uses it to check a token and to hide actions the caller may not take. It answers even when the user pool cannot be asked for the address: then without `email` and with `emailUnavailable`.',
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
                .describe(
                  "The caller's inbox, from the sign-in or the user pool: what `recruiter=me` means on GET /notices. Absent when neither knows one (then `recruiter=me` answers 400).",
                ),
              emailUnavailable: z
                .literal(true)
                .optional()
                .describe('The user pool could not be asked for the address just now (`recruiter=me` answers 503)'),
            })
            .openapi('Me'),
        },
      },
    },
    401: authProblems[401],
  },
});

export interface MeDeps {
  /** Finds the address of a caller whose token names only a user name (Cognito's access tokens). */
  readonly callerEmails?: CallerEmails | undefined;
  readonly log: Log;
}

/**
 * `GET /me`. The dashboard starts from it, so a user pool that cannot be asked costs the caller "Mine" only, not
 * the dashboard: the answer then says so instead of failing.
 */
export function registerMeRoutes(app: OpenAPIHono<AuthEnv>, deps: MeDeps): void {
  app.openapi(route, async (c) => {
    const principal = c.get('principal');
    const email = await emailOrUnavailable(principal, deps);
    return c.json(
      {
        subject: principal.subject,
        roles: [...principal.roles],
        ...(email === 'unavailable' ? { emailUnavailable: true as const } : email === undefined ? {} : { email }),
      },
      200,
    );
  });
}

async function emailOrUnavailable(principal: Principal, deps: MeDeps): Promise<string | undefined | 'unavailable'> {
  try {
    return await callerEmailOf(principal, deps.callerEmails);
  } catch (e: unknown) {
    if (!(e instanceof UpstreamUnavailableError)) throw e;
    deps.log.warn('the user pool could not be asked for the caller address', { subject: principal.subject });
    return 'unavailable';
  }
}
