import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#config/app-config.ts';

const aws = {
  CLOSELOOP_TABLE_NAME: 'closeloop-prod',
  CLOSELOOP_SENDER: 'Acme Talent <talent@mail.acme.example>',
  CLOSELOOP_REPLY_DOMAIN: 'replies.acme.example',
  CLOSELOOP_COMPANY_NAME: 'Acme',
  CLOSELOOP_POSTAL_ADDRESS: 'Acme Inc., 1 Example Street, 10115 Berlin',
  CLOSELOOP_DEFAULT_TIME_ZONE: 'Europe/Berlin',
  CLOSELOOP_HOLIDAYS: 'DE',
  CLOSELOOP_DEFAULT_RECRUITER_INBOX: 'Recruiting@Acme.example',
};

describe('the functions’ configuration', () => {
  it('reads the default recruiter inbox, lowercase, and refuses one missing, malformed or on the reply domain', () => {
    expect(loadConfig(aws, 'aws').defaultRecruiterInbox).toBe('recruiting@acme.example');
    const { CLOSELOOP_DEFAULT_RECRUITER_INBOX: _, ...missing } = aws;
    expect(() => loadConfig(missing, 'aws')).toThrow(/CLOSELOOP_DEFAULT_RECRUITER_INBOX/);
    expect(() => loadConfig({ ...aws, CLOSELOOP_DEFAULT_RECRUITER_INBOX: 'recruiting' }, 'aws')).toThrow(
      /CLOSELOOP_DEFAULT_RECRUITER_INBOX/,
    );
    expect(() => loadConfig({ ...aws, CLOSELOOP_DEFAULT_RECRUITER_INBOX: 'team@Replies.acme.example' }, 'aws')).toThrow(
      /CLOSELOOP_DEFAULT_RECRUITER_INBOX: must not be on CLOSELOOP_REPLY_DOMAIN/,
    );
    expect(loadConfig({}, 'local').defaultRecruiterInbox).toBe('recruiting@acme.example');
  });

  it('reads the branding the emails show', () => {
    const config = loadConfig(
      {
        ...aws,
        CLOSELOOP_COMPANY_LOGO_URL: 'https://acme.example/logo.png',
        CLOSELOOP_BRAND_COLOR: '#0a7d4f',
        CLOSELOOP_BACKGROUND_COLOR: '#ffffff',
        CLOSELOOP_CAREERS_URL: 'https://acme.example/careers',
        CLOSELOOP_PRIVACY_URL: 'https://acme.example/privacy',
        CLOSELOOP_DEFAULT_RECRUITER_NAME: 'Grace Hopper',
        CLOSELOOP_DEFAULT_RECRUITER_TITLE: 'Head of Talent',
      },
      'aws',
    );

    expect(config.branding).toEqual({
      companyName: 'Acme',
      logoUrl: 'https://acme.example/logo.png',
      brandColor: '#0a7d4f',
      backgroundColor: '#ffffff',
      postalAddress: 'Acme Inc., 1 Example Street, 10115 Berlin',
      careersUrl: 'https://acme.example/careers',
      privacyUrl: 'https://acme.example/privacy',
      defaultRecruiter: { name: 'Grace Hopper', title: 'Head of Talent' },
    });
    expect(config.templateSelection).toEqual({});
  });

  it('sends relays from relay@ the sender’s domain by default, summarizes hostile turns and caps threads at 10/h', () => {
    expect(loadConfig(aws, 'aws').relay).toEqual({
      fromAddress: 'relay@mail.acme.example',
      hostilePolicy: 'summary',
      hourlyCap: 10,
    });
    expect(
      loadConfig(
        {
          ...aws,
          CLOSELOOP_RELAY_FROM: 'conversations@mail.acme.example',
          CLOSELOOP_DASHBOARD_URL: 'https://closeloop.acme.example/',
          CLOSELOOP_HOSTILE_RELAY: 'none',
          CLOSELOOP_RELAY_HOURLY_CAP: '3',
        },
        'aws',
      ).relay,
    ).toEqual({
      fromAddress: 'conversations@mail.acme.example',
      dashboardUrl: 'https://closeloop.acme.example/',
      hostilePolicy: 'none',
      hourlyCap: 3,
    });
  });

  it('refuses a relay address off the sender’s domain, a plain-http dashboard in AWS and an unknown policy', () => {
    expect(() => loadConfig({ ...aws, CLOSELOOP_RELAY_FROM: 'relay@acme.example' }, 'aws')).toThrow(
      /CLOSELOOP_RELAY_FROM: must be on the sender's domain \(mail\.acme\.example\)/,
    );
    expect(() => loadConfig({ ...aws, CLOSELOOP_DASHBOARD_URL: 'http://closeloop.acme.example/' }, 'aws')).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ ...aws, CLOSELOOP_HOSTILE_RELAY: 'some' }, 'aws')).toThrow(/CLOSELOOP_HOSTILE_RELAY/);
    expect(loadConfig({ CLOSELOOP_DASHBOARD_URL: 'http://localhost:3000/' }, 'local').relay.dashboardUrl).toBe(
      'http://localhost:3000/',
    );
  });

  it('leaves the signature to each template when no default recruiter is configured', () => {
    expect(loadConfig(aws, 'aws').branding.defaultRecruiter).toBeUndefined();
  });

  it('names every invalid value, and accepts only https links and hex colours', () => {
    const load = () =>
      loadConfig(
        { ...aws, CLOSELOOP_CAREERS_URL: 'http://acme.example/careers', CLOSELOOP_BACKGROUND_COLOR: 'white' },
        'aws',
      );

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/CLOSELOOP_CAREERS_URL: must be an https URL/);
    expect(load).toThrow(/CLOSELOOP_BACKGROUND_COLOR: a hex colour/);
  });

  it('fails at cold start without a required value, naming it in English', () => {
    const { CLOSELOOP_POSTAL_ADDRESS: _, ...missing } = aws;

    expect(() => loadConfig(missing, 'aws')).toThrow(/CLOSELOOP_POSTAL_ADDRESS: Invalid input: expected string/);
  });

  it('reads template selection overrides from JSON', () => {
    const config = loadConfig(
      {
        ...aws,
        CLOSELOOP_TEMPLATE_SELECTION: JSON.stringify({
          defaultLocale: 'de',
          rules: [{ stage: 'offer', keepInTouch: false, templateId: 'keep-in-touch' }],
        }),
      },
      'aws',
    );

    expect(config.templateSelection).toEqual({
      defaultLocale: 'de',
      rules: [{ stage: 'offer', keepInTouch: false, templateId: 'keep-in-touch' }],
    });
  });

  it('rejects template selection that is not JSON or names an unknown reason', () => {
    expect(() => loadConfig({ ...aws, CLOSELOOP_TEMPLATE_SELECTION: '{rules:' }, 'aws')).toThrow(
      /CLOSELOOP_TEMPLATE_SELECTION: must be JSON/,
    );
    expect(() =>
      loadConfig({ ...aws, CLOSELOOP_TEMPLATE_SELECTION: '{"rules":[{"reason":"bored","templateId":"x"}]}' }, 'aws'),
    ).toThrow(/CLOSELOOP_TEMPLATE_SELECTION\.rules\.0\.reason/);
  });
});
