import { describe, expect, it } from 'vitest';
import { hostedUiOrigin, logoutUrl } from '../../../web/src/cognito-urls.ts';

const ui = {
  domain: 'closeloop-prod.auth.eu-west-1.amazoncognito.com',
  clientId: 'client 1&2',
  redirectUri: 'https://d111.cloudfront.net/',
};

describe('Cognito hosted UI addresses', () => {
  it('is reached over https from the domain config.json names (a full origin only for a fake provider)', () => {
    expect(hostedUiOrigin(ui)).toBe('https://closeloop-prod.auth.eu-west-1.amazoncognito.com');
    expect(hostedUiOrigin({ ...ui, domain: 'http://127.0.0.1:4000/' })).toBe('http://127.0.0.1:4000');
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
