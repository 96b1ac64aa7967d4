import { describe, expect, it } from 'vitest';
import { authorizeUrl, logoutUrl } from '../../../web/src/cognito-urls.ts';

const ui = {
  domain: 'closeloop-prod.auth.eu-west-1.amazoncognito.com',
  clientId: 'client 1&2',
  redirectUri: 'https://d111.cloudfront.net/',
};

describe('Cognito hosted UI addresses', () => {
  it('asks for a code with PKCE, returning to the dashboard', () => {
    const url = new URL(authorizeUrl(ui, 'challenge-abc'));
    expect(`${url.origin}${url.pathname}`).toBe(
      'https://closeloop-prod.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client 1&2',
      redirect_uri: 'https://d111.cloudfront.net/',
      scope: 'openid email',
      code_challenge_method: 'S256',
      code_challenge: 'challenge-abc',
    });
  });

  it("ends Cognito's own session on sign-out and comes back to the dashboard's registered logout URL", () => {
    const url = new URL(logoutUrl(ui));
    expect(`${url.origin}${url.pathname}`).toBe('https://closeloop-prod.auth.eu-west-1.amazoncognito.com/logout');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client 1&2',
      logout_uri: 'https://d111.cloudfront.net/',
    });
  });
});
