/** Cognito's hosted UI, as the dashboard's `config.json` describes it (written by the CDK stack). */
export interface HostedUi {
  readonly domain: string;
  readonly clientId: string;
  readonly redirectUri: string;
}

/** Authorization code flow with PKCE: no client secret in a browser. */
export function authorizeUrl(ui: HostedUi, codeChallenge: string): string {
  const url = new URL(`https://${ui.domain}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: ui.clientId,
    redirect_uri: ui.redirectUri,
    scope: 'openid email',
    code_challenge_method: 'S256',
    code_challenge: codeChallenge,
  }).toString();
  return url.toString();
}

/**
 * Forgetting the token in this tab is not signing out: Cognito's own session cookie would sign the next
 * "Sign in" straight back in, on a shared computer too. Its logout endpoint ends that session and returns to
 * the dashboard (`logout_uri` must be one of the app client's logout URLs; the stack registers the same URL).
 */
export function logoutUrl(ui: HostedUi): string {
  const url = new URL(`https://${ui.domain}/logout`);
  url.search = new URLSearchParams({ client_id: ui.clientId, logout_uri: ui.redirectUri }).toString();
  return url.toString();
}
