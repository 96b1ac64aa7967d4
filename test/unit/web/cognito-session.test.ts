import { InMemoryWebStorage, User } from 'oidc-client-ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CognitoSession, type SessionEnvironment } from '../../../web/src/cognito-session.ts';

const ui = {
  domain: 'closeloop.auth.eu-west-1.amazoncognito.com',
  clientId: 'dashboard',
  redirectUri: 'https://d1.example/',
};
const ORIGIN = 'https://closeloop.auth.eu-west-1.amazoncognito.com';
const HOUR = 3_600_000;
const START = new Date('2026-12-07T08:00:00.000Z');

/**
 * Cognito's token endpoint, in process: a refresh answers a new one-hour access token (and no new refresh token,
 * as Cognito does) until the refresh token is revoked or out of its validity.
 */
function fakeTokenEndpoint(refreshTokenValidUntil: number) {
  const refreshes: string[] = [];
  let revoked = false;
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const form = new URLSearchParams(String(init?.body ?? ''));
    if (url === `${ORIGIN}/oauth2/revoke`) {
      revoked = true;
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    }
    if (url !== `${ORIGIN}/oauth2/token` || form.get('grant_type') !== 'refresh_token') {
      return new Response('{"error":"unexpected"}', { status: 400, headers: { 'content-type': 'application/json' } });
    }
    if (revoked || Date.now() > refreshTokenValidUntil || form.get('refresh_token') !== 'rt-1') {
      return new Response('{"error":"invalid_grant"}', {
        status: 400,
        headers: { 'content-type': 'application/json' },
      });
    }
    const token = `at-${refreshes.length + 1}`;
    refreshes.push(new Date(Date.now()).toISOString());
    return new Response(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600 }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  return { fetch, refreshes };
}

/** A session as the hosted sign-in left it: an access token for an hour and the refresh token. */
function signedInEnvironment(expiresInSeconds = 3600): SessionEnvironment & { assigned: string[] } {
  const userStore = new InMemoryWebStorage();
  const now = Math.floor(Date.now() / 1000);
  const user = new User({
    access_token: 'at-0',
    refresh_token: 'rt-1',
    token_type: 'Bearer',
    scope: 'openid email',
    expires_at: now + expiresInSeconds,
    profile: { sub: 'rita', iss: ORIGIN, aud: 'dashboard', exp: now + 3600, iat: now },
  });
  userStore.setItem(`oidc.user:${ORIGIN}:dashboard`, user.toStorageString());
  const assigned: string[] = [];
  return {
    userStore,
    stateStore: new InMemoryWebStorage(),
    location: { href: 'https://d1.example/', assign: (url: string | URL) => void assigned.push(String(url)) },
    replaceUrl: () => undefined,
    assigned,
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: START, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('CognitoSession: a working day on one-hour access tokens', () => {
  it('renews the access token with the refresh token before each expiry, for eight hours and more', async () => {
    const endpoint = fakeTokenEndpoint(START.getTime() + 12 * HOUR);
    vi.stubGlobal('fetch', endpoint.fetch);
    const session = new CognitoSession(ui, signedInEnvironment());
    expect(await session.resume()).toBe(true);
    expect(session.accessToken()).toBe('at-0');

    for (let hour = 1; hour <= 9; hour++) {
      await vi.advanceTimersByTimeAsync(HOUR);
      // Never a moment without a valid token: each renewal came before the previous token expired.
      expect(session.accessToken()).toBe(`at-${hour}`);
    }
    expect(endpoint.refreshes).toHaveLength(9);
    // Each renewal about a minute before the expiry (oidc-client-ts checks every 5 s).
    expect(endpoint.refreshes[0]).toMatch(/^2026-12-07T08:59:/);
  });

  it('refreshes at once a stored session whose access token expired (a tab opened after lunch)', async () => {
    const endpoint = fakeTokenEndpoint(START.getTime() + 12 * HOUR);
    vi.stubGlobal('fetch', endpoint.fetch);
    const session = new CognitoSession(ui, signedInEnvironment(-60));
    expect(await session.resume()).toBe(true);
    expect(session.accessToken()).toBe('at-1');
  });

  it('ends with the refresh token: once it is refused, the session lapses when the access token expires', async () => {
    const endpoint = fakeTokenEndpoint(START.getTime() + 30 * 60_000);
    vi.stubGlobal('fetch', endpoint.fetch);
    const session = new CognitoSession(ui, signedInEnvironment());
    await session.resume();
    await vi.advanceTimersByTimeAsync(HOUR + 60_000);
    expect(endpoint.refreshes).toEqual([]);
    expect(session.accessToken()).toBeUndefined();
  });

  it('signs out by revoking the refresh token, forgetting the tokens and leaving for Cognito /logout', async () => {
    const endpoint = fakeTokenEndpoint(START.getTime() + 12 * HOUR);
    vi.stubGlobal('fetch', endpoint.fetch);
    const env = signedInEnvironment();
    const session = new CognitoSession(ui, env);
    await session.resume();
    await session.signOut();

    expect(session.accessToken()).toBeUndefined();
    expect(env.userStore.length).toBe(0);
    expect(env.assigned).toEqual([
      `${ORIGIN}/logout?client_id=dashboard&logout_uri=${encodeURIComponent('https://d1.example/')}`,
    ]);
    expect(endpoint.fetch.mock.calls.map(([url]) => String(url))).toContain(`${ORIGIN}/oauth2/revoke`);
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(endpoint.refreshes).toEqual([]);
  });
});
