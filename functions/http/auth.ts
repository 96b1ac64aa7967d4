import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { AuthenticationError, ForbiddenError } from '#core/domain/errors.ts';

export const ROLES = ['viewer', 'recruiter', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  readonly subject: string;
  readonly roles: readonly Role[];
  /** The caller's inbox, lowercased, when the sign-in says it: what `recruiter=me` means (`GET /notices`). */
  readonly email?: string;
  /** The sign-in's user name when it is not the address: the directory (`CallerEmails`) knows the address. */
  readonly username?: string;
}

/** Returns who is calling, or undefined when the request carries no valid credentials. */
export type Authenticator = (c: Context) => Principal | undefined | Promise<Principal | undefined>;

export type AuthEnv = { Variables: { principal: Principal } };

/** Constant-time comparison that does not leak the length of the secret either. */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

/**
 * Local mode: the bearer tokens `npm start` prints. The dev token grants every role; its holder is the local
 * developer, whose inbox is `email` when given (the local stack passes the default recruiter inbox: `recruiter=me`
 * lists what it owns). The viewer token, when given, grants only `viewer`, so the read-only path can be tried by hand.
 */
export function devTokenAuthenticator(
  token: string,
  options: { readonly viewerToken?: string | undefined; readonly email?: string | undefined } = {},
): Authenticator {
  const { viewerToken, email } = options;
  return (c) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match?.[1] === undefined) return undefined;
    if (safeEqual(match[1], token)) {
      return {
        subject: 'local-developer',
        roles: ['admin', 'recruiter', 'viewer'],
        ...(email === undefined ? {} : { email: email.toLowerCase() }),
      };
    }
    if (viewerToken !== undefined && safeEqual(match[1], viewerToken)) {
      return { subject: 'local-viewer', roles: ['viewer'] };
    }
    return undefined;
  };
}

export function requireAuth(authenticate: Authenticator): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const principal = await authenticate(c);
    if (principal === undefined) throw new AuthenticationError('Missing or invalid credentials');
    c.set('principal', principal);
    await next();
  };
}

export function requireRole(c: Context<AuthEnv>, ...allowed: Role[]): Principal {
  const principal = c.get('principal');
  if (!principal.roles.some((role) => allowed.includes(role))) {
    throw new ForbiddenError(`This action needs one of the roles: ${allowed.join(', ')}`);
  }
  return principal;
}

/** `requireRole` as middleware, for routes whose body should not be read before the caller is known to be allowed. */
export function roleGate(...allowed: Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    requireRole(c, ...allowed);
    await next();
  };
}
