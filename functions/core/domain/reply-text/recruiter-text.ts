import type { Relay } from '../relay.ts';
import { renderRelayEmail } from '../relay-email.ts';
import { extractReplyText } from './extract-reply-text.ts';
import { SentTextIndex } from './sent-text.ts';

/** Quote markers mail clients put before a quoted line: `>` (any depth) and `|` (some webmail and Lotus). */
const QUOTE_PREFIX = /^(?:[ \t]*[>|])+[ \t]?/;
/** Where a relay as rendered (`relay-email.ts`) begins: Closeloop's reading, or the withheld banner. */
const COPY_START = /^(closeloop['’]s reading:|a reply that burned the bridge arrived)/i;
/**
 * The banner lines of a relay as rendered: a recruiter's client may keep them unquoted, anywhere. They are never
 * the recruiter's words.
 */
export const BANNER_LINE =
  /^(closeloop['’]s reading:|evidence: ["“]|attachments, kept in the dashboard:|the candidate in the dashboard:|read it here:|a reply that burned the bridge arrived)/i;
const SEPARATOR = /^-{3}\s*$/;
const WROTE = /\bwrote:\s*$/i;
/** How far below its first line a relay copy's `<name> wrote:` may be (a long evidence sentence, rewrapped). */
const COPY_WINDOW = 40;
/** Lines a client may have wrapped one banner line into, below it. */
const MAX_WRAPPED = 3;

/**
 * What the recruiter wrote in answer to relays: quotes, our relay copies (banner, `---`, `<name> wrote:` and
 * the candidate's words, quoted or not, above or below the answer) and the signature removed. A last line that
 * is only the owner's name goes too: the follow-up is signed with it when rendered. No line of what a relay
 * carried from the candidate is sent back to them.
 */
export function recruiterText(body: string, earlier: readonly Relay[], ownerName?: string): string {
  const relayed = earlier.filter((r) => r.direction === 'to-recruiter');
  const sent = new SentTextIndex(
    relayed.flatMap((r) => [r.subject, r.text, r.banner?.evidence ?? '', renderedText(r)]),
  );
  const urls = relayed.flatMap((r) =>
    r.banner === undefined || r.banner.candidateUrl === '' ? [] : [r.banner.candidateUrl],
  );
  const lines = withoutRelayCopies(
    body.split(/\r?\n/).map((line) => line.replace(QUOTE_PREFIX, (p) => (p.includes('|') ? '> ' : p))),
  ).filter((line) => !BANNER_LINE.test(bare(line)) && !urls.some((url) => line.includes(url)));
  // Opening with a quote, the recruiter answered between quoted lines: each unquoted line is theirs to keep.
  const interleaved = /^\s*>/.test(lines.find((l) => l.trim() !== '') ?? '');
  const answer = interleaved ? lines.filter((l) => !/^\s*>/.test(l)) : lines;
  const extracted = extractReplyText(answer.join('\n'), { sent }).text;
  const own = extracted.split('\n').filter((line) => !sent.isOursLong(line));
  const last = normalizeName(own.at(-1) ?? '');
  const names =
    ownerName === undefined ? [] : [normalizeName(ownerName), normalizeName(ownerName.split(/\s+/)[0] ?? '')];
  const kept = own.length > 1 && last !== '' && names.includes(last) ? own.slice(0, -1) : own;
  return kept.join('\n').trim();
}

function renderedText(relay: Relay): string {
  try {
    return renderRelayEmail(relay).text;
  } catch {
    return '';
  }
}

function bare(line: string): string {
  return line.replace(QUOTE_PREFIX, '').trim();
}

/** Every relay copy cut as one span: from its first banner line through `<name> wrote:` (or its last banner line). */
function withoutRelayCopies(lines: readonly string[]): string[] {
  const out = [...lines];
  for (let start = out.findIndex((l) => COPY_START.test(bare(l))); start >= 0; ) {
    out.splice(start, copyEnd(out, start) - start + 1);
    start = out.findIndex((l) => COPY_START.test(bare(l)));
  }
  return out;
}

function copyEnd(lines: readonly string[], start: number): number {
  const window = lines.slice(start, start + COPY_WINDOW).map(bare);
  const separator = window.findIndex((l) => SEPARATOR.test(l));
  const wrote = window.findIndex((l, i) => separator >= 0 && i > separator && i <= separator + 3 && WROTE.test(l));
  if (wrote >= 0) return start + wrote;
  // No `<name> wrote:` (a withheld banner, or a client that dropped it): the last banner line and its wrapping.
  let end = window.reduce((last, l, i) => (BANNER_LINE.test(l) ? i : last), 0);
  for (
    let wrapped = 0;
    wrapped < MAX_WRAPPED && (window[end + 1] ?? '') !== '' && !SEPARATOR.test(window[end + 1] ?? '');
    wrapped++
  ) {
    end++;
  }
  return start + end;
}

function normalizeName(line: string): string {
  return line
    .toLowerCase()
    .replace(/[^\p{L}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}
