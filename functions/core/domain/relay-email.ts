import type { FlagName } from './candidate-flag.ts';
import { domainOf } from './email-address.ts';
import { escapeHtmlAttribute, escapeHtmlText } from './html-escape.ts';
import type { Relay, RelayBanner } from './relay.ts';

/**
 * What a relay looks like in the recipient's inbox (docs/conversations.md, "Sending").
 *
 * Relay creation computes the envelope and records it on the relay (`from`, `replyTo`, `to`, the thread's
 * `subject`), with the helpers below, so the timeline shows what was sent; rendering adds what only the
 * recipient sees: the verdict tag of the subject (to the recruiter only), the banner, the signature. The send
 * formats the From header again from the recorded one, so a name recorded unsafely can still never break it.
 */
export interface RenderedRelayEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const FLAG_LABELS: Readonly<Record<FlagName, string>> = {
  'bridge-burned': 'Bridge burned',
  'needs-review': 'Needs review',
  withdrew: 'Withdrew',
  'feedback-requested': 'Feedback requested',
  warm: 'Warm',
};

/** The subject carries the most serious flag only. */
const SUBJECT_PRIORITY: readonly FlagName[] = [
  'bridge-burned',
  'needs-review',
  'withdrew',
  'feedback-requested',
  'warm',
];

/** C0/C1 controls except tab and line breaks (NUL included): they carry nothing a person wrote. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** Bidi embeddings, overrides, isolates and marks, and zero-width characters: they can disguise text. */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Text as shown to a person: no control, bidi or zero-width characters, one kind of line ending. */
export function visibleText(value: string): string {
  return value.replace(CONTROLS, '').replace(INVISIBLE, '').replace(/\r\n?/g, '\n');
}

/** One header line: no line breaks, no controls, no bidi tricks. */
export function headerText(value: string): string {
  return visibleText(value)
    .replace(/[\t\n\u2028\u2029]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** A display name that can stand inside quotes: no quotes, backslashes or angle brackets, at most 64 characters. */
export function safeDisplayName(name: string): string {
  return [...headerText(name).replace(/["\\<>]/g, '')].slice(0, 64).join('').trim();
}

/**
 * `"Name" <address>`, or RFC 2047 encoded words when the name is not plain ASCII (SES requires it). The name is
 * cleaned first (`safeDisplayName`); an empty one leaves the bare address.
 */
export function formatFromHeader(name: string, address: string): string {
  const safe = safeDisplayName(name);
  if (safe === '') return address;
  if (/^[\x20-\x7e]*$/.test(safe)) return `"${safe}" <${address}>`;
  return `${encodedWords(safe)} <${address}>`;
}

/** UTF-8 base64 encoded words of at most 75 characters, split on character boundaries. */
function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(' ');
}

/** The parts of a From header `formatFromHeader` wrote (or a bare address). */
export function parseFromHeader(header: string): { readonly name: string; readonly address: string } {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(header);
  if (match === null) return { name: '', address: header.trim() };
  const rawName = match[1] ?? '';
  const address = match[2] ?? '';
  const quoted = /^"(.*)"$/.exec(rawName);
  if (quoted !== null) return { name: quoted[1] ?? '', address };
  const decoded = rawName.replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=\s*/gi, (_, b64: string) =>
    Buffer.from(b64, 'base64').toString('utf8'),
  );
  return { name: decoded, address };
}

/** The From of a relay to the recruiter: the candidate's name, on our own relay address. */
export function relayFromCandidate(candidateName: string, relayAddress: string): string {
  const name = safeDisplayName(candidateName);
  return formatFromHeader(name === '' ? 'A candidate via Closeloop' : `${name} via Closeloop`, relayAddress);
}

/** The Reply-To of a relay to the recruiter: the recruiter side of this thread. */
export function recruiterReplyTo(token: string, replyDomain: string): string {
  return `recruiter+${token}@${replyDomain}`;
}

/** The candidate's page in the dashboard (hash routes: the same build works on any host). */
export function candidateUrlFor(dashboardUrl: string, candidateId: string): string {
  return `${dashboardUrl.replace(/\/+$/, '')}/#/candidates/${encodeURIComponent(candidateId)}`;
}

/** `Re: <subject>` with exactly one `Re:`, however many the thread has gathered. */
export function replySubject(subject: string): string {
  const bare = headerText(subject).replace(/^((re|aw|sv|antw)\s*(\[\d+\])?\s*:\s*)+/i, '');
  return bare === '' ? 'Re: your application' : `Re: ${bare}`;
}

/** Whether a From header's address is on one of our domains: we never send from an address we do not own. */
export function fromIsOurs(from: string, ownDomains: readonly string[]): boolean {
  const { address } = parseFromHeader(from);
  const domain = domainOf(address);
  return domain !== '' && ownDomains.map((d) => d.toLowerCase()).includes(domain);
}

/**
 * Renders a relay for its recipient: the candidate's turn with Closeloop's reading for the recruiter, the
 * recruiter's words alone for the candidate, or the note that a thread is paused.
 */
export function renderRelayEmail(relay: Relay): RenderedRelayEmail {
  if (relay.cause.kind === 'thread-paused') return threadPaused(relay, relay.cause.windowStart);
  return relay.direction === 'to-candidate' ? toCandidate(relay) : toRecruiter(relay);
}

/** Only what the recruiter wrote, signed with their name: no banner, no flag, no sentiment. */
function toCandidate(relay: Relay): RenderedRelayEmail {
  const body = visibleText(relay.text).trim();
  const signature = safeDisplayName(parseFromHeader(relay.from).name);
  const text = signature === '' ? `${body}\n` : `${body}\n\n${signature}\n`;
  const html = page(`<p>${escapeHtmlText(body)}</p>${signature === '' ? '' : `\n<p>${escapeHtmlText(signature)}</p>`}`);
  return { subject: replySubject(relay.subject), text, html };
}

function toRecruiter(relay: Relay): RenderedRelayEmail {
  const banner = relay.banner ?? { flags: [], candidateUrl: '' };
  const tag = SUBJECT_PRIORITY.find((flag) => banner.flags.includes(flag));
  const subject = `${tag === undefined ? '' : `[${FLAG_LABELS[tag]}] `}${replySubject(relay.subject)}`;
  const candidate = safeDisplayName(parseFromHeader(relay.from).name).replace(/ via Closeloop$/, '') || 'The candidate';

  if (banner.withheld === true) {
    const line = 'A reply that burned the bridge arrived; Closeloop kept it out of your inbox.';
    const link = linkLine(banner.candidateUrl, 'Read it here');
    return {
      subject,
      text: `${line}\n${link.text}\n`,
      html: page(`<p>${escapeHtmlText(line)}</p>\n${link.html}`),
    };
  }

  const lines = bannerLines(banner);
  const words = visibleText(relay.text).trim();
  const wrote = `${candidate} wrote:`;
  const text = [...lines.map((l) => l.text), '', '---', wrote, '', words, ''].join('\n');
  const html = page(
    [
      `<div style="border-left:4px solid #1f6feb;padding:8px 12px;margin:0 0 16px;background:#f3f4f6;font-size:13px">`,
      ...lines.map((l) => l.html),
      '</div>',
      `<p><strong>${escapeHtmlText(wrote)}</strong></p>`,
      `<p>${escapeHtmlText(words)}</p>`,
    ].join('\n'),
  );
  return { subject, text, html };
}

interface Line {
  readonly text: string;
  readonly html: string;
}

/** Closeloop's reading, for the recruiter: flags, the evidence, attachments, the dashboard link. */
function bannerLines(banner: RelayBanner): Line[] {
  const reading =
    banner.flags.length === 0
      ? "Closeloop's reading: no flag raised"
      : `Closeloop's reading: ${banner.flags.map((f) => FLAG_LABELS[f]).join(', ')}`;
  const lines: Line[] = [plain(banner.sentiment === undefined ? reading : `${reading} (${banner.sentiment})`)];
  if (banner.evidence !== undefined && banner.evidence.trim() !== '') {
    lines.push(plain(`Evidence: "${headerText(banner.evidence)}"`));
  }
  if (banner.attachments !== undefined && banner.attachments.length > 0) {
    const listed = banner.attachments.map((a) => `${headerText(a.filename)} (${sizeOf(a.sizeBytes)})`).join(', ');
    lines.push(plain(`Attachments, kept in the dashboard: ${listed}`));
  }
  lines.push(linkLine(banner.candidateUrl, 'The candidate in the dashboard'));
  return lines;
}

function plain(text: string): Line {
  return { text, html: `<p style="margin:4px 0">${escapeHtmlText(text)}</p>` };
}

/** A link only to an http(s) URL (never `javascript:`); anything else is left out. */
function linkLine(url: string, label: string): Line {
  if (!/^https?:\/\/[^\s]+$/i.test(url))
    return { text: `${label}: see the dashboard`, html: plain(`${label}: see the dashboard`).html };
  return {
    text: `${label}: ${url}`,
    html: `<p style="margin:4px 0">${escapeHtmlText(label)}: <a href="${escapeHtmlAttribute(url)}">${escapeHtmlText(url)}</a></p>`,
  };
}

function threadPaused(relay: Relay, windowStart: string): RenderedRelayEmail {
  const start = Date.parse(windowStart);
  const until = Number.isNaN(start)
    ? 'the hour is over'
    : `${new Date(start + 3_600_000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const line = `This conversation reached its hourly limit of relayed messages, so Closeloop paused it until ${until}. Messages that arrive meanwhile are kept and read as always.`;
  const link = linkLine(relay.banner?.candidateUrl ?? '', 'The conversation in the dashboard');
  return {
    subject: `[Paused] ${replySubject(relay.subject)}`,
    text: `${line}\n${link.text}\n`,
    html: page(`<p>${escapeHtmlText(line)}</p>\n${link.html}`),
  };
}

function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function page(body: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"></head><body style="font-family:sans-serif;font-size:15px;line-height:1.5">\n${body}\n</body></html>\n`;
}
