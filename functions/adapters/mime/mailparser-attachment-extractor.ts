import { simpleParser } from 'mailparser';
import { MalformedMailError } from '#core/domain/errors.ts';
import { definedFields } from '#core/domain/optional.ts';
import type { AttachmentExtractor, MailAttachment } from '#core/ports/attachment-extractor.ts';

/** Attachments through mailparser, numbered as mailparser lists them (the order of the message's parts). */
export class MailparserAttachmentExtractor implements AttachmentExtractor {
  async attachment(raw: Uint8Array, index: number): Promise<MailAttachment | undefined> {
    let parsed: Awaited<ReturnType<typeof simpleParser>>;
    try {
      parsed = await simpleParser(Buffer.from(raw), {
        skipHtmlToText: true,
        skipTextToHtml: true,
        skipTextLinks: true,
      });
    } catch (e: unknown) {
      throw new MalformedMailError('The raw message cannot be read', { cause: e });
    }
    const found = parsed.attachments[index];
    if (found === undefined) return undefined;
    return {
      ...definedFields({ filename: found.filename }),
      contentType: found.contentType,
      sizeBytes: found.size,
      content: new Uint8Array(found.content),
    };
  }
}
