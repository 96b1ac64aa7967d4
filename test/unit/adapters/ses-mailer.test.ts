import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { classifySesError, SesMailer } from '#adapters/ses/ses-mailer.ts';
import { sendNoticeFrom } from '#composition/use-cases.ts';
import { PermanentSendError, TransientSendError } from '#core/domain/errors.ts';
import { aDecision } from '#test/support/builders.ts';
import { unitWorld } from '#test/support/unit-world.ts';

/**
 * aws-ses-v2-local accepts `ConfigurationSetName` and `EmailTags` but does not store them, so the emulator tests
 * cannot see them. Without the configuration set SES publishes no events (no delivery tracking, no suppression
 * of bounces); without the notice-id tag the track function cannot tell which notice an event is about. So the
 * request itself is checked here, with the real SDK client and a mocked transport.
 */
const ses = mockClient(SESv2Client);
afterEach(() => {
  ses.reset();
});

const client = () => new SESv2Client({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });

const email = {
  from: 'Acme Talent <talent@acme.example>',
  to: 'ada@example.com',
  replyTo: 'reply+t0k3n@replies.acme.example',
  subject: 'Your application for Analytical Engineer at Acme',
  html: '<p>Hi Ada,</p>',
  text: 'Hi Ada,',
  tags: { noticeId: 'n_abcdefghijklmnopqrstuvwxyz', templateId: 'after-interviews', attempt: '2' },
};

describe('SesMailer: the SendEmail request', () => {
  it('names the configuration set, tags the notice id and attempt, and sets the Reply-To', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });

    const { messageId } = await new SesMailer(client(), 'closeloop-prod').send(email);

    expect(messageId).toBe('ses-1');
    const calls = ses.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      FromEmailAddress: email.from,
      Destination: { ToAddresses: ['ada@example.com'] },
      ReplyToAddresses: ['reply+t0k3n@replies.acme.example'],
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
        },
      },
      EmailTags: [
        { Name: 'noticeId', Value: 'n_abcdefghijklmnopqrstuvwxyz' },
        { Name: 'templateId', Value: 'after-interviews' },
        { Name: 'attempt', Value: '2' },
      ],
      ConfigurationSetName: 'closeloop-prod',
    });
  });

  it('sends without a configuration set only when none is configured', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-2' });

    await new SesMailer(client(), undefined).send(email);

    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input).not.toHaveProperty('ConfigurationSetName');
  });

  it('keeps tag values inside the alphabet SES accepts, so an odd template name cannot fail every send', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-3' });

    await new SesMailer(client(), 'closeloop-prod').send({
      ...email,
      tags: { ...email.tags, templateId: 'rejection.v2 (new)' },
    });

    const tags = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.EmailTags;
    expect(tags).toContainEqual({ Name: 'templateId', Value: 'rejection_v2__new_' });
    expect(tags).toContainEqual({ Name: 'noticeId', Value: 'n_abcdefghijklmnopqrstuvwxyz' });
  });

  it('carries what the send use case gives it: the notice id, the attempt and the secret Reply-To', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-4' });
    const w = unitWorld({ env: { CLOSELOOP_SES_CONFIGURATION_SET: 'closeloop-dev' } });
    const sendNotice = sendNoticeFrom(
      { ...w.ports, mailer: new SesMailer(client(), w.config.sesConfigurationSet) },
      w.config,
    );
    const [result] = await w.recordDecisions([
      aDecision({ candidate: { name: 'Ada Lovelace', email: 'ada@example.com' } }),
    ]);
    const noticeId = result?.noticeId ?? '';
    const notice = await w.notices.get(noticeId);

    expect(await sendNotice(noticeId, { asOf: new Date('2030-01-01T00:00:00Z') })).toBe('sent');

    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input?.ConfigurationSetName).toBe('closeloop-dev');
    expect(input?.EmailTags).toEqual(
      expect.arrayContaining([
        { Name: 'noticeId', Value: noticeId },
        { Name: 'attempt', Value: '1' },
      ]),
    );
    expect(input?.ReplyToAddresses).toEqual([`reply+${notice?.replyToken}@${w.config.sender.replyDomain}`]);
    expect(input?.Destination).toEqual({ ToAddresses: ['ada@example.com'] });
  });
});

describe('classifySesError: which failures may have sent the message anyway', () => {
  const sdkError = (name: string, httpStatusCode?: number) =>
    Object.assign(new Error(`${name} happened`), {
      name,
      $metadata: httpStatusCode === undefined ? {} : { httpStatusCode },
    });

  it.each([
    ['TimeoutError', undefined],
    ['InternalFailure', 500],
    ['ServiceUnavailable', 503],
  ])('treats %s (status %s) as transient and ambiguous', (name, status) => {
    const error = classifySesError(sdkError(name, status));
    expect(error).toBeInstanceOf(TransientSendError);
    expect(error instanceof TransientSendError && error.ambiguous).toBe(true);
  });

  it.each([
    ['TooManyRequestsException', 429],
    ['LimitExceededException', 400],
    ['SendingPausedException', 400],
    ['ThrottlingException', undefined],
  ])('treats %s (status %s) as transient but a clear refusal', (name, status) => {
    const error = classifySesError(sdkError(name, status));
    expect(error).toBeInstanceOf(TransientSendError);
    expect(error instanceof TransientSendError && error.ambiguous).toBe(false);
  });

  it('treats a 4xx refusal as permanent', () => {
    expect(classifySesError(sdkError('MessageRejected', 400))).toBeInstanceOf(PermanentSendError);
  });
});
