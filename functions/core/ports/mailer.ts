export interface OutgoingEmail {
  readonly from: string;
  readonly to: string;
  readonly replyTo: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** Message tags (SES EmailTags): the notice id rides along so SES events can be correlated. */
  readonly tags: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Sends one email. Throws `TransientSendError` when a later attempt may succeed (throttling, 5xx, network)
 * and `PermanentSendError` when it will not (rejected message, invalid address).
 */
export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}
