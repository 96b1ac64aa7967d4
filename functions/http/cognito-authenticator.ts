import type { Context } from 'hono';
import type { LambdaEvent } from 'hono/aws-lambda';
import { type Authenticator, ROLES, type Role } from './auth.ts';

type LambdaEnv = { Bindings: { event: LambdaEvent } };

/**
 * In AWS, API Gateway's JWT authorizer has already verified the Cognito token (signature, issuer, audience,
 * expiry) before the function runs; this reads the verified claims. Roles are Cognito groups.
 */
export const cognitoClaimsAuthenticator: Authenticator = (c: Context) => {
  const event = (c as unknown as Context<LambdaEnv>).env?.event;
  const requestContext = event?.requestContext as
    | { authorizer?: { jwt?: { claims?: Record<string, string | number | boolean | string[]> } } }
    | undefined;
  const claims = requestContext?.authorizer?.jwt?.claims;
  if (claims === undefined || typeof claims.sub !== 'string') return undefined;
  const rawGroups = claims['cognito:groups'];
  // API Gateway renders array claims as "[a b]".
  const groups = Array.isArray(rawGroups)
    ? rawGroups
    : String(rawGroups ?? '')
        .replace(/^\[|\]$/g, '')
        .split(/[\s,]+/);
  const roles = groups.filter((g): g is Role => (ROLES as readonly string[]).includes(g));
  // An ID token says `email`; an access token says only `username`, which is the address when the pool signs in
  // by username = email. A pool with email as an alias gives a generated username: the address is then looked up
  // by it (`CallerEmails`), and only by the routes that need it.
  const email = [claims.email, claims.username].find((v): v is string => typeof v === 'string' && v.includes('@'));
  const username = typeof claims.username === 'string' && claims.username !== '' ? claims.username : undefined;
  return {
    subject: claims.sub,
    roles: roles.length > 0 ? roles : ['viewer'],
    ...(email === undefined ? {} : { email: email.toLowerCase() }),
    ...(email !== undefined || username === undefined ? {} : { username }),
  };
};
