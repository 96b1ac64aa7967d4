import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { devTokenAuthenticator, type Principal } from '#http/auth.ts';

const ADMIN = 'admin-token-0123456789';
const VIEWER = 'viewer-token-0123456789';

async function principalFor(header: string | undefined, viewerToken?: string): Promise<Principal | undefined> {
  const authenticate = devTokenAuthenticator(ADMIN, { viewerToken });
  let principal: Principal | undefined;
  const app = new Hono().get('/', async (c) => {
    principal = await authenticate(c);
    return c.body(null, 204);
  });
  await app.request('/', { headers: header === undefined ? {} : { authorization: header } });
  return principal;
}

describe('the local dev tokens', () => {
  it('gives the dev token every role and the viewer token only viewer', async () => {
    expect((await principalFor(`Bearer ${ADMIN}`, VIEWER))?.roles).toEqual(['admin', 'recruiter', 'viewer']);
    expect(await principalFor(`Bearer ${VIEWER}`, VIEWER)).toEqual({ subject: 'local-viewer', roles: ['viewer'] });
  });

  it('knows no viewer token unless one is given, and no other token at all', async () => {
    expect(await principalFor(`Bearer ${VIEWER}`)).toBeUndefined();
    expect(await principalFor('Bearer something-else-entirely', VIEWER)).toBeUndefined();
    expect(await principalFor(undefined, VIEWER)).toBeUndefined();
  });
});
