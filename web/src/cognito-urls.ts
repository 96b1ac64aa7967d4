/** Cognito's hosted UI, as the dashboard's `config.json` describes it (written by the CDK stack). */
export interface HostedUi {
  /** The hosted UI's host name (`https://` is implied); a full `http://` origin only for a test's fake provider. */
  readonly domain: string;
  readonly clientId: string;
  readonly redirectUri: string;
}

export function hostedUiOrigin(ui: HostedUi): string {
  return /^https?:\/\//.test(ui.domain) ? ui.domain.replace(/\/$/, '') : `https://${ui.domain}`;
}

/**
 * Forgetting the token in this tab is not signing out: Cognito's own session cookie would sign the next
 * "Sign in" straight back in, on a shared computer too. Its logout endpoint ends that session and returns to
 * the dashboard (`logout_uri` must be one of the app client's logout URLs; the stack registers the same URL).
 * It is not OpenID Connect's end-session endpoint (no `id_token_hint`, no `post_logout_redirect_uri`), so the
 * OIDC library's sign-out redirect is not used for it.
 */
export function logoutUrl(ui: HostedUi): string {
  const url = new URL(`${hostedUiOrigin(ui)}/logout`);
  url.search = new URLSearchParams({ client_id: ui.clientId, logout_uri: ui.redirectUri }).toString();
  return url.toString();
}
