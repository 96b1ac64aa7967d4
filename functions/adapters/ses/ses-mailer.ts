import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PermanentSendError, TransientSendError } from '#core/domain/errors.ts';
import { definedFields } from '#core/domain/optional.ts';
import type { Mailer, OutgoingEmail } from '#core/ports/mailer.ts';

/** Errors that mean "not now" rather than "never". SendingPaused: the account or set is paused; resume and retry. */
const TRANSIENT_NAMES = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
  'SendingPausedException',
  'InternalFailure',
  'ServiceUnavailable',
]);

/** Refusals before anything was accepted: retrying soon cannot send the message twice. */
const THROTTLE_NAMES = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
  'SendingPausedException',
]);

interface SdkErrorShape {
  name?: string;
  message?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** Splits SES errors the way a queue needs them: transient → try later, permanent → record and stop. */
export function classifySesError(e: unknown): TransientSendError | PermanentSendError {
  const err = (typeof e === 'object' && e !== null ? e : {}) as SdkErrorShape;
  const name = err.name ?? 'Error';
  const status = err.$metadata?.httpStatusCode;
  const detail = `${name}: ${err.message ?? 'no message'}`;
  if (
    err.$retryable !== undefined ||
    TRANSIENT_NAMES.has(name) ||
    status === undefined ||
    status >= 500 ||
    status === 429
  ) {
    // No answer (a timeout, a dropped connection) or a server error: SES may have accepted the message. A
    // throttle or a paused account is a clear refusal.
    const ambiguous = !THROTTLE_NAMES.has(name) && status !== 429 && (status === undefined || status >= 500);
    return new TransientSendError(detail, { cause: e, ambiguous });
  }
  return new PermanentSendError(detail, { cause: e });
}

/**
 * SES refuses the whole message when a tag holds anything but ASCII letters, digits, `_` and `-` (at most 256), so
 * a template folder named `rejection.v2` would fail every notice it renders. Our tags are ids, worth keeping
 * readable rather than refusing: anything else becomes `_`. The notice id, which tracking reads back, is already
 * in that alphabet.
 */
export function sesTagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || '_';
}

export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly configurationSetName: string | undefined,
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    try {
      const result = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: email.from,
          Destination: { ToAddresses: [email.to] },
          ReplyToAddresses: [email.replyTo],
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
              ...(email.headers === undefined
                ? {}
                : { Headers: Object.entries(email.headers).map(([Name, Value]) => ({ Name, Value })) }),
            },
          },
          EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value: sesTagValue(Value) })),
          ...definedFields({ ConfigurationSetName: this.configurationSetName }),
        }),
      );
      if (result.MessageId === undefined) throw new TransientSendError('SES answered without a MessageId');
      return { messageId: result.MessageId };
    } catch (e: unknown) {
      if (e instanceof TransientSendError || e instanceof PermanentSendError) throw e;
      throw classifySesError(e);
    }
  }
}
