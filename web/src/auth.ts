import { authorizeUrl, logoutUrl } from './cognito-urls.ts';
import type { RuntimeConfig } from './runtime-config.ts';

const TOKEN_KEY = 'closeloop.token';
const VERIFIER_KEY = 'closeloop.pkce';

/** The bearer token lives in sessionStorage: it goes when the tab closes, and never in a URL. */
export function storedToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function storeToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Signs out of this tab and, with Cognito, of the hosted UI's session too (the page leaves for Cognito). */
export function signOutEverywhere(auth: RuntimeConfig['auth']): 'left' | 'stayed' {
  signOut();
  if (auth.mode !== 'cognito') return 'stayed';
  location.assign(logoutUrl(auth));
  return 'left';
}

function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let text = '';
  for (const b of view) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Cognito hosted sign-in, authorization code flow with PKCE (no client secret in a browser). */
export async function startCognitoSignIn(config: Extract<RuntimeConfig['auth'], { mode: 'cognito' }>): Promise<void> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  sessionStorage.setItem(VERIFIER_KEY, verifier);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  location.assign(authorizeUrl(config, challenge));
}

/** Completes the hosted sign-in when Cognito redirects back with `?code=`. Returns true if it signed in. */
export async function completeCognitoSignIn(
  config: Extract<RuntimeConfig['auth'], { mode: 'cognito' }>,
): Promise<boolean> {
  const code = new URLSearchParams(location.search).get('code');
  const verifier = sessionStorage.getItem(VERIFIER_KEY);
  if (code === null || verifier === null) return false;
  const response = await fetch(`https://${config.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code,
      redirect_uri: config.redirectUri,
      code_verifier: verifier,
    }),
  });
  sessionStorage.removeItem(VERIFIER_KEY);
  if (!response.ok) return false;
  const tokens = (await response.json()) as { access_token?: string };
  if (tokens.access_token === undefined) return false;
  storeToken(tokens.access_token);
  history.replaceState(null, '', location.pathname + location.hash);
  return true;
}
