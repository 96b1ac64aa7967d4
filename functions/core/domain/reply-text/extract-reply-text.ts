import { removeQuotations, trimBlank } from './quotation-splitters.ts';
import { cutSentText, type SentTextIndex } from './sent-text.ts';
import { removeParserQuotes, removeSignature } from './signature.ts';

/**
 * Only the top of a message is the candidate's; the rest is quoted history. Examining at most this much
 * keeps the work bounded (some quotation patterns cost more than linear time on pathological lines).
 */
export const MAX_EXAMINED_CHARS = 16_000;
/** A reply longer than this is kept up to here; the note says so. */
export const MAX_REPLY_CHARS = 8_000;
const MAX_LINE_CHARS = 2_000;

export interface ExtractedReplyText {
  readonly text: string;
  /** What was removed or shortened, for the reply's notes. */
  readonly notes: readonly string[];
}

function normalize(body: string): { lines: string[]; notes: string[] } {
  const notes: string[] = [];
  let text = body.replace(/\r\n?/g, '\n').replace(/[\u00a0\u2007\u202f]/g, ' ');
  // Zero-width characters and bidi controls hide text from a reader; they carry nothing a candidate wrote.
  text = text.replace(/[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g, '');
  if (text.length > MAX_EXAMINED_CHARS) {
    text = text.slice(0, MAX_EXAMINED_CHARS);
    notes.push(`Only the first ${MAX_EXAMINED_CHARS} characters of the body were examined`);
  }
  const lines = text.split('\n').map((l) => (l.length > MAX_LINE_CHARS ? l.slice(0, MAX_LINE_CHARS) : l));
  return { lines, notes };
}

/** Quoted history removed, signatures kept: the semantics of talon's `extract_from_plain` (the benchmark's). */
export function stripQuotations(body: string): string {
  const { lines } = normalize(body);
  return removeParserQuotes(removeQuotations(lines).lines.join('\n'));
}

/**
 * Keeps only what the candidate wrote:
 *  1. quoted history, by the quotation rules (Gmail, Outlook, Apple Mail, Thunderbird, mobile; many languages)
 *     and then email-reply-parser's quote headers;
 *  2. whatever is left of our own email (we know its text), with the header lines above it;
 *  3. the signature (sign-offs, "Sent from my phone", `-- `).
 */
export function extractReplyText(body: string, options: { readonly sent?: SentTextIndex } = {}): ExtractedReplyText {
  const { lines, notes } = normalize(body);
  const split = removeQuotations(lines);
  let kept = removeParserQuotes(split.lines.join('\n')).split('\n');
  if (options.sent !== undefined) {
    const cut = cutSentText(kept, options.sent);
    if (cut.cut) notes.push('Text of our own email removed');
    kept = cut.lines;
  }
  let text = removeSignature(trimBlank(kept).join('\n'))
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length > MAX_REPLY_CHARS) {
    text = text.slice(0, MAX_REPLY_CHARS);
    notes.push(`Reply shortened to ${MAX_REPLY_CHARS} characters`);
  }
  return { text, notes };
}
