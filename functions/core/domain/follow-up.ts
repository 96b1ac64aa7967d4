import type { FieldIssue } from './errors.ts';
import { hasUnsafeCharacters } from './unsafe-characters.ts';

/** A follow-up is plain text a person wrote: long enough to say something, short enough to be an email. */
export const MAX_FOLLOW_UP_CHARS = 10_000;

/** What is wrong with a follow-up's text, or nothing. */
export function followUpTextIssues(text: string): FieldIssue[] {
  if (text.trim() === '') return [{ field: 'text', message: 'Write something: the follow-up is empty' }];
  if (text.length > MAX_FOLLOW_UP_CHARS) {
    return [{ field: 'text', message: `At most ${MAX_FOLLOW_UP_CHARS} characters` }];
  }
  // A person typed it, so it is refused rather than changed behind their back (unsafe-characters.ts).
  if (hasUnsafeCharacters(text, 'text')) {
    return [
      { field: 'text', message: 'Control characters (NUL and the like) and bidirectional overrides are not allowed' },
    ];
  }
  return [];
}

/** An `Idempotency-Key` header: a UUID or any token of 8–128 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{8,128}$/;

/** `Re: <subject>`, without stacking a second `Re:`. */
export function replySubject(subject: string): string {
  return /^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`;
}

/**
 * A From or To header value: `"Display Name" <address>`. The name is quoted, its quotes and backslashes escaped
 * and line breaks removed, so nothing in a person's name can add a header or another address.
 */
export function formatMailbox(name: string, address: string): string {
  const clean = name
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .trim();
  return clean === '' ? address : `"${clean}" <${address}>`;
}

/**
 * The Message-ID a recipient sees on a message SES sent (SES replaces ours): `<id@email.amazonses.com>` in
 * us-east-1, `<id@<region>.amazonses.com>` elsewhere; without angle brackets, as parsed Message-IDs are kept.
 */
export function sesMessageIdHeader(sesMessageId: string, region: string | undefined): string {
  const domain = region === undefined || region === 'us-east-1' ? 'email.amazonses.com' : `${region}.amazonses.com`;
  return `${sesMessageId}@${domain}`;
}
