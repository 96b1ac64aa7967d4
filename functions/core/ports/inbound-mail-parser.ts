import type { MailAuthentication } from '../domain/mail-authentication.ts';

/** An attachment the message carried: its name and size only (the content is never kept). */
export interface AttachmentMetadata {
  readonly filename: string;
  readonly sizeBytes: number;
}

/** An inbound message reduced to what the reply flow needs. Attachments are never kept. */
export interface ParsedMail {
  /** The Message-ID without angle brackets. */
  readonly messageId?: string;
  /** The sender's address (From). */
  readonly from?: string;
  /**
   * How many mailboxes the From header(s) name: anything but 1 (`Jane <jane@…> <eve@…>`, `jane@…, eve@…`, two
   * From lines, a group) is a From that cannot be trusted to say who wrote the message.
   */
  readonly fromMailboxes: number;
  /** Every address the message was delivered to: To, Cc, Delivered-To, X-Original-To, Received "for". */
  readonly recipients: readonly string[];
  readonly subject: string;
  readonly inReplyTo: readonly string[];
  readonly references: readonly string[];
  /** The headers auto-reply detection and loop detection read, by lowercase name (first occurrence). */
  readonly headers: Readonly<Record<string, string>>;
  /** Top-level media type, lowercase. */
  readonly contentType: string;
  /** The body as plain text: the text part, or the HTML part converted (its quoted blocks left out). */
  readonly text: string;
  /** Content-Language, when the sender's client set it. */
  readonly language?: string;
  /** What parsing did: "HTML-only message converted to text", "2 attachments ignored (31 MB)"… */
  readonly notes: readonly string[];
  /** SES's verdicts (`sesAuthentication`): undefined when the message did not come through SES. */
  readonly authentication?: MailAuthentication;
  /** Names and sizes of the attachments (at most 20), which are read and thrown away. */
  readonly attachments: readonly AttachmentMetadata[];
  /** Media types of the non-text parts, lowercase, each once (at most 20): reports and attached messages show here. */
  readonly partTypes?: readonly string[];
}

/** Parses raw RFC 822 bytes. Throws `MalformedMailError` when nothing usable can be read. */
export interface InboundMailParser {
  parse(raw: Uint8Array): Promise<ParsedMail>;
}
