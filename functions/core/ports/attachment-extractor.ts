/** One attachment of a raw message, as the sender attached it (untrusted: name, type and bytes alike). */
export interface MailAttachment {
  readonly filename?: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly content: Uint8Array;
}

/**
 * Reads attachments out of raw RFC 822 bytes, numbered in the order they appear in the message (0-based), the
 * numbering relays list them in. Attachments are never stored apart from the raw message.
 */
export interface AttachmentExtractor {
  /** The attachment at `index`, or undefined when there is none; throws `MalformedMailError` on unreadable mail. */
  attachment(raw: Uint8Array, index: number): Promise<MailAttachment | undefined>;
}
