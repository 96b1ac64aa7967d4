import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen, type RunningServer } from '#local/emulators.ts';

/**
 * A stand-in for Cognito's hosted UI, just enough for the dashboard's browser tests: `/oauth2/authorize` signs
 * the one test user in at once (no form) and redirects back with a code; `/oauth2/token` takes that code with
 * its PKCE verifier, and a refresh token; `/oauth2/revoke` and `/logout` (Cognito's own, with `client_id` and
 * `logout_uri`) end the session. Tokens are opaque random strings but for the id token, an unsigned JWT
 * (the dashboard does not verify it: the API checks the access token).
 */
export interface FakeOidcProvider extends RunningServer {
  readonly clientId: string;
  /** Access tokens issued and not revoked; the fake API accepts these. */
  isValidAccessToken(token: string): boolean;
  /** What was asked of the provider, in order: `authorize`, `code`, `refresh`, `revoke`, `logout`. */
  readonly calls: string[];
}

const SUBJECT = '0f5e1c7a-test-user';

export async function startFakeOidcProvider(options: {
  /** The dashboard's origin: the token endpoint answers it with CORS, as Cognito does for a callback URL's. */
  readonly allowedOrigin: () => string;
  readonly accessTokenSeconds: number;
}): Promise<FakeOidcProvider> {
  const clientId = 'fake-dashboard-client';
  const codes = new Map<string, { challenge: string; redirectUri: string; nonce: string | null }>();
  /** Each refresh token and the sign-in time it carries into refreshed id tokens, as Cognito keeps `auth_time`. */
  const refreshTokens = new Map<string, number>();
  const accessTokens = new Map<string, number>();
  const calls: string[] = [];
  let issuer = '';

  const tokens = (nonce: string | null, authTime: number, refreshToken?: string) => {
    const now = Math.floor(Date.now() / 1000);
    const access = `at-${randomBytes(12).toString('hex')}`;
    accessTokens.set(access, now + options.accessTokenSeconds);
    const claims = {
      iss: issuer,
      sub: SUBJECT,
      aud: clientId,
      iat: now,
      exp: now + 3600,
      auth_time: authTime,
      email: 'rita@acme.example',
      ...(nonce ? { nonce } : {}),
    };
    const idToken = [{ alg: 'none', typ: 'JWT' }, claims]
      .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
      .join('.');
    return {
      access_token: access,
      id_token: `${idToken}.`,
      token_type: 'Bearer',
      expires_in: options.accessTokenSeconds,
      ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', issuer);
    const cors = { 'access-control-allow-origin': options.allowedOrigin(), vary: 'origin' };
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...cors });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        ...cors,
        'access-control-allow-headers': 'content-type',
        'access-control-allow-methods': 'POST',
      });
      response.end();
      return;
    }
    if (url.pathname === '/oauth2/authorize') {
      calls.push('authorize');
      const q = url.searchParams;
      if (
        q.get('client_id') !== clientId ||
        q.get('code_challenge_method') !== 'S256' ||
        q.get('response_type') !== 'code'
      ) {
        return json(400, { error: 'invalid_request' });
      }
      const code = randomBytes(12).toString('hex');
      codes.set(code, {
        challenge: q.get('code_challenge') ?? '',
        redirectUri: q.get('redirect_uri') ?? '',
        nonce: q.get('nonce'),
      });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      response.writeHead(302, { location: back.toString() });
      response.end();
      return;
    }
    if (url.pathname === '/oauth2/token' && request.method === 'POST') {
      const form = new URLSearchParams(await body(request));
      if (form.get('client_id') !== clientId) return json(400, { error: 'invalid_client' });
      if (form.get('grant_type') === 'authorization_code') {
        calls.push('code');
        const issued = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (issued === undefined || issued.challenge !== challenge || issued.redirectUri !== form.get('redirect_uri')) {
          return json(400, { error: 'invalid_grant' });
        }
        const refresh = `rt-${randomBytes(12).toString('hex')}`;
        const authTime = Math.floor(Date.now() / 1000);
        refreshTokens.set(refresh, authTime);
        return json(200, tokens(issued.nonce, authTime, refresh));
      }
      if (form.get('grant_type') === 'refresh_token') {
        calls.push('refresh');
        // Cognito answers a refresh without a new refresh token: the first one lasts its whole validity.
        const authTime = refreshTokens.get(form.get('refresh_token') ?? '');
        if (authTime === undefined) return json(400, { error: 'invalid_grant' });
        return json(200, tokens(null, authTime));
      }
      return json(400, { error: 'unsupported_grant_type' });
    }
    if (url.pathname === '/oauth2/revoke' && request.method === 'POST') {
      calls.push('revoke');
      const form = new URLSearchParams(await body(request));
      refreshTokens.delete(form.get('token') ?? '');
      return json(200, {});
    }
    if (url.pathname === '/logout') {
      calls.push('logout');
      if (url.searchParams.get('client_id') !== clientId) return json(400, { error: 'invalid_request' });
      accessTokens.clear();
      response.writeHead(302, { location: url.searchParams.get('logout_uri') ?? '/' });
      response.end();
      return;
    }
    json(404, { error: 'not_found' });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.writeHead(500);
      response.end();
    });
  });
  const running = await listen(server, 0, 'FAKE_OIDC_PORT');
  issuer = running.url;
  return {
    ...running,
    clientId,
    calls,
    isValidAccessToken: (token) => (accessTokens.get(token) ?? 0) > Date.now() / 1000,
  };
}

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}
