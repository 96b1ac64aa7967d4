import { type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { type HostedUi, hostedUiOrigin, logoutUrl } from './cognito-urls.ts';

/** Where the session is kept, and the page's address: the browser's own unless a test gives others. */
export interface SessionEnvironment {
  readonly userStore: Storage;
  readonly stateStore: Storage;
  readonly location: Pick<Location, 'href' | 'assign'>;
  readonly replaceUrl: (url: string) => void;
}

const browser = (): SessionEnvironment => ({
  userStore: localStorage,
  stateStore: sessionStorage,
  location,
  replaceUrl: (url) => history.replaceState(null, '', url),
});

/**
 * A Cognito hosted-UI session through `oidc-client-ts` (authorization code with PKCE, no client secret):
 *   1. sign-in leaves for the hosted UI; the redirect back is completed here (`?code=&state=`);
 *   2. the tokens are kept in localStorage, so a new tab or a reload is signed in without a round trip;
 *   3. a minute before the access token expires, the refresh token (valid 12 hours, the app client's setting)
 *      gets a new one, in every open tab, for as long as the working day lasts;
 *   4. sign-out revokes the refresh token, forgets the tokens, and leaves for Cognito's `/logout` (not the
 *      standard end-session endpoint: it takes `client_id` and `logout_uri`), which ends the hosted session.
 *
 * localStorage rather than sessionStorage is the trade-off of step 2: a script running in the dashboard could
 * read the refresh token. The dashboard's CSP runs no inline or foreign script, candidate text is rendered as
 * text (emails in a sandboxed frame without scripts), the token lasts a working day at most, and sign-out
 * revokes it.
 */
export class CognitoSession {
  private readonly manager: UserManager;
  private user: User | null = null;

  constructor(
    private readonly ui: HostedUi,
    private readonly env: SessionEnvironment = browser(),
  ) {
    const origin = hostedUiOrigin(ui);
    this.manager = new UserManager({
      authority: origin,
      client_id: ui.clientId,
      redirect_uri: ui.redirectUri,
      response_type: 'code',
      scope: 'openid email',
      // Cognito's endpoints on the hosted-UI domain; given here, so no discovery document is fetched.
      metadata: {
        issuer: origin,
        authorization_endpoint: `${origin}/oauth2/authorize`,
        token_endpoint: `${origin}/oauth2/token`,
        revocation_endpoint: `${origin}/oauth2/revoke`,
      },
      userStore: new WebStorageStateStore({ store: env.userStore }),
      stateStore: new WebStorageStateStore({ store: env.stateStore }),
      automaticSilentRenew: true,
      loadUserInfo: false,
      monitorSession: false,
      revokeTokenTypes: ['refresh_token'],
    });
    this.manager.events.addUserLoaded((user) => {
      this.user = user;
    });
    this.manager.events.addUserUnloaded(() => {
      this.user = null;
    });
  }

  /** The access token to send, while it is still valid. */
  accessToken(): string | undefined {
    return this.user !== null && !this.user.expired ? this.user.access_token : undefined;
  }

  /**
   * Completes a redirect back from the hosted UI, or picks up the session another tab (or an earlier load)
   * kept, refreshing it first if its access token has expired meanwhile. True when signed in.
   */
  async resume(): Promise<boolean> {
    const url = new URL(this.env.location.href);
    if (url.searchParams.has('code') && url.searchParams.has('state')) {
      this.user = await this.manager.signinRedirectCallback(url.toString()).catch(() => null);
      url.search = '';
      this.env.replaceUrl(url.pathname + url.hash);
      return this.accessToken() !== undefined;
    }
    this.user = await this.manager.getUser();
    if (this.user?.expired === true && this.user.refresh_token !== undefined) {
      this.user = await this.manager.signinSilent().catch(() => null);
    }
    return this.accessToken() !== undefined;
  }

  signIn(): Promise<void> {
    return this.manager.signinRedirect();
  }

  /** Forgets the tokens in this browser (a 401 from the API, or before leaving for `/logout`). */
  async forget(): Promise<void> {
    this.user = null;
    await this.manager.removeUser();
  }

  /** Revokes the refresh token (best effort), forgets the tokens, and ends the hosted session. */
  async signOut(): Promise<void> {
    await this.manager.revokeTokens().catch(() => undefined);
    await this.forget();
    this.env.location.assign(logoutUrl(this.ui));
  }
}
