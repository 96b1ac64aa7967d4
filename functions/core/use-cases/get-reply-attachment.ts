import { downloadContentType, safeFilename } from '../domain/attachment-download.ts';
import { NotFoundError, PayloadTooLargeError } from '../domain/errors.ts';
import { MAX_INBOUND_MAIL_BYTES } from '../domain/reply.ts';
import type { AttachmentExtractor } from '../ports/attachment-extractor.ts';
import type { Log } from '../ports/log.ts';
import type { RawMailStore } from '../ports/raw-mail-store.ts';
import type { ReplyRepository } from '../ports/reply-repository.ts';

/**
 * Attachments above this are not served through the API: Lambda's response limit is 6 MB, and the binary body
 * travels base64-encoded (4/3 larger), so about 4.5 MB of file is the most that fits; 4 MB leaves room for headers.
 */
export const MAX_ATTACHMENT_DOWNLOAD_BYTES = 4 * 1024 * 1024;

export interface AttachmentDownload {
  readonly filename: string;
  /** `application/octet-stream` unless the declared type is on the safe list. */
  readonly contentType: string;
  readonly content: Uint8Array;
}

export type GetReplyAttachment = (replyId: string, index: number) => Promise<AttachmentDownload>;

/**
 * A candidate's attachment, read again from the raw message they sent (attachments are never stored apart).
 *
 * Primary course:
 *  1. Find the reply (404).
 *  2. Read its raw message (404 once it expired or was erased).
 *  3. Take the attachment at `index` (404 when there is none; 413 above the download cap).
 *  4. Name and type it for a download only: a safe filename, and a type from the safe list or octet-stream.
 */
export function makeGetReplyAttachment(deps: {
  readonly replies: Pick<ReplyRepository, 'get'>;
  readonly raw: Pick<RawMailStore, 'read'>;
  readonly extractor: AttachmentExtractor;
  readonly log: Log;
  readonly maxBytes?: number;
}): GetReplyAttachment {
  const cap = deps.maxBytes ?? MAX_ATTACHMENT_DOWNLOAD_BYTES;
  return async (replyId, index) => {
    const reply = await deps.replies.get(replyId);
    if (reply === undefined) throw new NotFoundError(`No reply with id ${replyId}`);
    const raw = await deps.raw.read(reply.raw, MAX_INBOUND_MAIL_BYTES);
    if (raw.kind !== 'found') {
      throw new NotFoundError('The message with this attachment is no longer kept (it expired or was erased).');
    }
    const attachment = await deps.extractor.attachment(raw.bytes, index);
    if (attachment === undefined) throw new NotFoundError(`Reply ${replyId} has no attachment ${index}`);
    if (attachment.sizeBytes > cap) {
      throw new PayloadTooLargeError(
        `The attachment is ${attachment.sizeBytes} bytes; at most ${cap} are served. Read it in the raw message.`,
      );
    }
    deps.log.info('attachment served', { replyId, index, sizeBytes: attachment.sizeBytes });
    return {
      filename: safeFilename(attachment.filename, index),
      contentType: downloadContentType(attachment.contentType),
      content: attachment.content,
    };
  };
}
