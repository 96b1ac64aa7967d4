import { SESv2Client, type SESv2ClientConfig } from '@aws-sdk/client-sesv2';

/**
 * The SES client that sends candidates' emails: one attempt per call. SendEmail is not idempotent, so the SDK's
 * own retries (3 attempts by default) could send a second copy after SES accepted the first and the answer was
 * lost (a reset connection, a 5xx). Retrying is the send use case's decision: it defers the notice, and the
 * Send report reconciles a message SES did accept (docs/architecture.md, "Killed mid-send").
 */
export function sendingSesClient(config: Omit<SESv2ClientConfig, 'maxAttempts'> = {}): SESv2Client {
  return new SESv2Client({ ...config, maxAttempts: 1 });
}
