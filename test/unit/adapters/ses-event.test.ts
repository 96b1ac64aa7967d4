import { describe, expect, it } from 'vitest';
import { parseSesEvent } from '#adapters/ses/ses-event.ts';
import { emailDigest } from '#core/domain/email-address.ts';

const NOTICE = 'n_abcdefghijklmnopqrstuvwxyz';

/** An SES event as EventBridge delivers it (shape from the SES event publishing documentation). */
function sesEvent(detailType: string, detail: Record<string, unknown>) {
  return {
    version: '0',
    id: '5c5b0a35-0f1a-4a53-9a2f-111111111111',
    'detail-type': detailType,
    source: 'aws.ses',
    account: '123456789012',
    time: '2026-11-20T11:00:02Z',
    region: 'eu-west-1',
    resources: ['arn:aws:ses:eu-west-1:123456789012:configuration-set/closeloop-prod'],
    detail: {
      mail: {
        timestamp: '2026-11-20T11:00:00.012Z',
        source: 'Acme Talent <talent@mail.acme.example>',
        sendingAccountId: '123456789012',
        messageId: '0102018f-example-000000',
        destination: ['ada@example.com'],
        headersTruncated: false,
        tags: {
          'ses:configuration-set': ['closeloop-prod'],
          'ses:source-ip': ['192.0.2.1'],
          noticeId: [NOTICE],
          templateId: ['general-rejection'],
          attempt: ['2'],
        },
      },
      ...detail,
    },
  };
}

describe('parsing SES events from EventBridge', () => {
  it('maps a Send to the notice and attempt its message tags name', () => {
    const parsed = parseSesEvent(sesEvent('Email Sent', { eventType: 'Send', send: {} }));

    expect(parsed).toEqual({
      event: {
        type: 'send',
        noticeId: NOTICE,
        attempt: 2,
        messageId: '0102018f-example-000000',
        at: '2026-11-20T11:00:00.012Z',
        key: expect.stringMatching(/^t_/),
        recipientDigests: [],
      },
    });
  });

  it('maps a permanent bounce with the recipients as digests and the status code, never the diagnostic text', () => {
    const parsed = parseSesEvent(
      sesEvent('Email Bounced', {
        eventType: 'Bounce',
        bounce: {
          bounceType: 'Permanent',
          bounceSubType: 'General',
          bouncedRecipients: [
            {
              emailAddress: 'Ada@Example.com',
              action: 'failed',
              status: '5.1.1',
              diagnosticCode: 'smtp; 550 5.1.1 <ada@example.com>: user unknown',
            },
          ],
          timestamp: '2026-11-20T11:00:41.669Z',
          feedbackId: 'fb-1',
          reportingMTA: 'dsn; mta.example.com',
        },
      }),
    );

    expect(parsed).toMatchObject({
      event: {
        type: 'bounce',
        bounce: { kind: 'permanent', subType: 'General', status: '5.1.1' },
        recipientDigests: [emailDigest('ada@example.com')],
      },
    });
    expect(JSON.stringify(parsed)).not.toContain('example.com');
  });

  it('maps complaints, deliveries, delays, rejects, rendering failures, opens and clicks', () => {
    const types = [
      sesEvent('Email Complaint Received', {
        eventType: 'Complaint',
        complaint: {
          complainedRecipients: [{ emailAddress: 'ada@example.com' }],
          timestamp: '2026-11-20T12:00:00Z',
          feedbackId: 'fb-2',
          complaintFeedbackType: 'abuse',
        },
      }),
      sesEvent('Email Delivered', {
        eventType: 'Delivery',
        delivery: { timestamp: '2026-11-20T11:00:01Z', recipients: ['ada@example.com'], smtpResponse: '250 ok' },
      }),
      sesEvent('Email Delivery Delayed', {
        eventType: 'DeliveryDelay',
        deliveryDelay: { timestamp: '2026-11-20T11:10:00Z', delayType: 'MailboxFull', delayedRecipients: [] },
      }),
      sesEvent('Email Rejected', { eventType: 'Reject', reject: { reason: 'Bad content' } }),
      sesEvent('Email Rendering Failed', {
        eventType: 'Rendering Failure',
        failure: { errorMessage: 'Attribute name is missing', templateName: 't' },
      }),
      sesEvent('Email Opened', { eventType: 'Open', open: { timestamp: '2026-11-20T13:00:00Z', userAgent: 'x' } }),
      sesEvent('Email Clicked', {
        eventType: 'Click',
        click: { timestamp: '2026-11-20T13:01:00Z', link: 'https://acme.example/jobs', linkTags: {} },
      }),
    ];

    const mapped = types.map((e) => {
      const parsed = parseSesEvent(e);
      if ('relayEvent' in parsed) throw new Error('not a relay');
      return 'event' in parsed ? [parsed.event.type, parsed.event.reason ?? null] : parsed.ignored;
    });

    expect(mapped).toEqual([
      ['complaint', null],
      ['delivery', null],
      ['delivery-delay', 'MailboxFull'],
      ['reject', 'Bad content'],
      ['rendering-failure', 'Attribute name is missing'],
      ['open', null],
      ['click', null],
    ]);
  });

  it('gives the same report the same key, and different reports different keys', () => {
    const delivery = sesEvent('Email Delivered', {
      eventType: 'Delivery',
      delivery: { timestamp: '2026-11-20T11:00:01Z', recipients: [] },
    });
    const key = (e: unknown) => {
      const parsed = parseSesEvent(e);
      return 'event' in parsed ? parsed.event.key : undefined;
    };

    expect(key(delivery)).toBe(key(structuredClone(delivery)));
    expect(key(delivery)).not.toBe(key(sesEvent('Email Sent', { eventType: 'Send' })));
  });

  it('keys opens by message and clicks by message and link, so only the first of each is recorded', () => {
    const open = (at: string) =>
      sesEvent('Email Opened', { eventType: 'Open', open: { timestamp: at, userAgent: 'proxy' } });
    const click = (link: string, at: string) =>
      sesEvent('Email Clicked', { eventType: 'Click', click: { timestamp: at, link } });
    const key = (e: unknown) => {
      const parsed = parseSesEvent(e);
      return 'event' in parsed ? parsed.event.key : undefined;
    };

    expect(key(open('2026-11-20T13:00:00Z'))).toBe(key(open('2026-11-20T15:00:00Z')));
    expect(key(click('https://acme.example/a', '2026-11-20T13:00:00Z'))).toBe(
      key(click('https://acme.example/a', '2026-11-21T09:00:00Z')),
    );
    expect(key(click('https://acme.example/a', '2026-11-20T13:00:00Z'))).not.toBe(
      key(click('https://acme.example/b', '2026-11-20T13:00:00Z')),
    );
  });

  it('ignores messages that are not a notice’s (no noticeId tag) and subscription events', () => {
    const foreign = sesEvent('Email Sent', { eventType: 'Send' });
    foreign.detail.mail.tags = { 'ses:configuration-set': ['closeloop-prod'] } as typeof foreign.detail.mail.tags;

    expect(parseSesEvent(foreign)).toEqual({ ignored: 'no noticeId message tag' });
    expect(parseSesEvent(sesEvent('Email Subscribed', { eventType: 'Subscription' }))).toEqual({
      ignored: 'subscription events are not tracked',
    });
  });

  it('maps a report about a relay (relayId tag) to a relay event, bounced recipients as digests', () => {
    const relayId = 'm_abcdefghijklmnopqrstuvwxyz';
    const bounce = sesEvent('Email Bounced', {
      eventType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: 'ada@example.com', status: '5.1.1' }],
        timestamp: '2026-11-20T11:00:03Z',
      },
    });
    const tagged = (tags: Record<string, string[]>) => ({
      ...bounce,
      detail: { ...bounce.detail, mail: { ...bounce.detail.mail, tags } },
    });

    expect(parseSesEvent(tagged({ relayId: [relayId], attempt: ['1'] }))).toEqual({
      relayEvent: expect.objectContaining({
        relayId,
        type: 'bounce',
        attempt: 1,
        messageId: '0102018f-example-000000',
        recipientDigests: [emailDigest('ada@example.com')],
        bounce: { kind: 'permanent', subType: 'General', status: '5.1.1' },
      }),
    });
    expect(parseSesEvent(tagged({ relayId: ['m_not-one-of-ours'] }))).toEqual({ ignored: 'no noticeId message tag' });
  });

  it('throws on a malformed event, naming what is wrong', () => {
    expect(() => parseSesEvent({ source: 'aws.ses', detail: {} })).toThrow(/version|detail/);
    expect(() =>
      parseSesEvent(sesEvent('Email Bounced', { eventType: 'Bounce', bounce: { bounceType: 'Sometimes' } })),
    ).toThrow(/bounceType/);
  });
});
