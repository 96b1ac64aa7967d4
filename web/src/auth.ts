import { CognitoSession } from './cognito-session.ts';
import type { RuntimeConfig } from './runtime-config.ts';

const TOKEN_KEY = 'closeloop.token';

type CognitoAuth = Extract<RuntimeConfig['auth'], { mode: 'cognito' }>;

/** The hosted-UI session (cognito-session.ts), once config.json said to sign in with Cognito. */
let cognito: CognitoSession | undefined;

/**
 * The bearer token for the API: Cognito's current access token (refreshed in the background), or the dev token,
 * which lives in sessionStorage: it goes when the tab closes, and never in a URL.
 */
export function storedToken(): string | undefined {
  if (cognito !== undefined) return cognito.accessToken();
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function storeToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

/** Forgets the tokens in this browser (the API answered 401); the hosted session is left as it is. */
export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  void cognito?.forget();
}

/** Signs out of this browser and, with Cognito, of the hosted UI's session too (the page leaves for Cognito). */
export function signOutEverywhere(auth: RuntimeConfig['auth']): 'left' | 'stayed' {
  if (auth.mode !== 'cognito' || cognito === undefined) {
    signOut();
    return 'stayed';
  }
  void cognito.signOut();
  return 'left';
}

/** Cognito hosted sign-in: authorization code flow with PKCE, by the OIDC client library. */
export function startCognitoSignIn(config: CognitoAuth): Promise<void> {
  cognito ??= new CognitoSession(config);
  return cognito.signIn();
}

/**
 * Completes the hosted sign-in when Cognito redirects back with `?code=`, or resumes the session this browser
 * keeps (another tab, a reload). Returns true if signed in.
 */
export function resumeCognitoSession(config: CognitoAuth): Promise<boolean> {
  cognito ??= new CognitoSession(config);
  return cognito.resume();
}
