import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, inject, it } from 'vitest';
import { SesMailer } from '#adapters/ses/ses-mailer.ts';
import { PermanentSendError, TransientSendError } from '#core/domain/errors.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#local/emulators.ts';
import { sentEmails } from '#test/support/ses-store.ts';

const email = {
  from: 'Acme Talent <talent@acme.example>',
  replyTo: 'reply+token@replies.acme.example',
  subject: 'Your application for Analytical Engineer at Acme',
  html: '<p>Hi Ada,</p>',
  text: 'Hi Ada,',
  tags: { noticeId: 'n_1' },
};

function realClient(): SESv2Client {
  return new SESv2Client({ endpoint: inject('sesEndpoint'), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

describe('SesMailer against aws-ses-v2-local', () => {
  it('sends HTML and text with the Reply-To address and returns the message id', async () => {
    const mailer = new SesMailer(realClient(), 'closeloop-test');
    const to = `mailer-${Date.now()}@example.com`;

    const { messageId } = await mailer.send({ ...email, to });

    const [stored] = await sentEmails(inject('sesEndpoint'), to);
    expect(stored).toMatchObject({
      messageId,
      subject: email.subject,
      replyTo: [email.replyTo],
      body: { html: email.html, text: email.text },
    });
  });
});

describe('SesMailer error classification (fault injection)', () => {
  function failingWith(error: Error & { $metadata?: object; $retryable?: object }) {
    const client = new SESv2Client({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    mockClient(client).on(SendEmailCommand).rejects(error);
    return new SesMailer(client, undefined);
  }

  function sdkError(name: string, status: number, retryable?: object) {
    return Object.assign(new Error(`${name} happened`), {
      name,
      $metadata: { httpStatusCode: status },
      ...(retryable ? { $retryable: retryable } : {}),
    });
  }

  it.each([
    ['TooManyRequestsException', 429, { throttling: true }],
    ['LimitExceededException', 400, undefined],
    ['InternalFailure', 500, undefined],
    ['ServiceUnavailable', 503, undefined],
  ])('treats %s as transient', async (name, status, retryable) => {
    await expect(
      failingWith(sdkError(name, status, retryable)).send({ ...email, to: 'a@example.com' }),
    ).rejects.toBeInstanceOf(TransientSendError);
  });

  it.each([
    ['MessageRejected', 400],
    ['MailFromDomainNotVerifiedException', 400],
    ['BadRequestException', 400],
  ])('treats %s as permanent', async (name, status) => {
    await expect(failingWith(sdkError(name, status)).send({ ...email, to: 'a@example.com' })).rejects.toBeInstanceOf(
      PermanentSendError,
    );
  });

  it('treats a network failure with no HTTP status as transient', async () => {
    const network = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    await expect(failingWith(network).send({ ...email, to: 'a@example.com' })).rejects.toBeInstanceOf(
      TransientSendError,
    );
  });
});
