import type { Classification } from '../ports/reply-classifier.ts';
import type { FlagName } from './candidate-flag.ts';

/**
 * What became of an inbound message:
 *  - `classified`  a human reply, stripped to what the candidate wrote and classified
 *  - `auto-reply`  an out-of-office, a bounce or another machine answer: recorded, never classified
 *  - `empty`       a human reply with nothing of their own left once quotes and signatures are gone
 *  - `rejected`    too large or unreadable: recorded with the reason, nothing else done
 */
export const REPLY_STATUSES = ['classified', 'auto-reply', 'empty', 'rejected'] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

/**
 * How a reply was tied to the notice it answers, most trustworthy first; `linked`: an unmatched reply a recruiter
 * linked to a candidate by hand (the candidate's latest notice).
 */
export const CORRELATION_METHODS = ['token', 'in-reply-to', 'references', 'sender', 'linked', 'none'] as const;
export type CorrelationMethod = (typeof CORRELATION_METHODS)[number];

export interface Correlation {
  readonly method: CorrelationMethod;
  readonly noticeId?: string;
  readonly candidateId?: string;
  /** Unmatched: why nothing matched. Matched: anything doubtful (another sender used the candidate's token). */
  readonly reason?: string;
  /** False when the reply came through the candidate's token but from another address (a forward). */
  readonly senderMatchesCandidate?: boolean;
}

/** Where the raw message is kept: S3 in AWS, the in-process store locally. */
export interface RawMailLocation {
  readonly store: 's3' | 'local';
  readonly bucket?: string;
  readonly key: string;
}

export interface Reply {
  /** `r_` + a digest of the Message-ID (or of the storage key when the message could not be read). */
  readonly id: string;
  readonly status: ReplyStatus;
  readonly receivedAt: string;
  readonly correlation: Correlation;
  /** The sender as written in From; personal data, deleted with the reply. */
  readonly from?: string;
  readonly fromDigest?: string;
  readonly subject?: string;
  readonly messageId?: string;
  /** What the candidate wrote: quoted history, our own email and signatures removed. */
  readonly text: string;
  /**
   * The language the reply is written in: for a classified reply, the classifier's (`en`, `de`, `fr`, `es` or
   * `other`, detected from the text, else the Content-Language header or the notice's locale); otherwise the
   * Content-Language header, if any.
   */
  readonly language?: string;
  readonly autoReplyReason?: string;
  readonly rejectionReason?: string;
  readonly classification?: Classification;
  /** Flags this reply raised on the candidate. */
  readonly flags: readonly FlagName[];
  /** What parsing did on the way: "HTML-only message converted to text", "2 attachments ignored"… */
  readonly notes: readonly string[];
  readonly sizeBytes: number;
  readonly raw: RawMailLocation;
  /** Set once flags and notifications are done; a retry of an unfinished reply completes it. */
  readonly processedAt?: string;
  /** Personal data is deleted after this instant (DynamoDB TTL). */
  readonly retainUntil: string;
  /** An unmatched reply a recruiter linked to a candidate, or dismissed. */
  readonly resolution?: ReplyResolution;
}

export interface ReplyResolution {
  readonly action: 'linked' | 'dismissed';
  readonly at: string;
  /** The recruiter's subject. */
  readonly by: string;
  readonly reason?: string;
}

/** SES accepts messages up to 40 MB; anything larger cannot be a reply SES delivered, and is refused unread. */
export const MAX_INBOUND_MAIL_BYTES = 40 * 1024 * 1024;
