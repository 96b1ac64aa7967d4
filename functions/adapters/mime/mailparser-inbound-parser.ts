import { Readable } from 'node:stream';
import { type AddressObject, type HeaderValue, MailParser, type MessageText } from 'mailparser';
import { MalformedMailError } from '#core/domain/errors.ts';
import { sesAuthentication } from '#core/domain/mail-authentication.ts';
import { definedFields } from '#core/domain/optional.ts';
import { RELAY_LOOP_HEADER } from '#core/domain/relay.ts';
import { withoutUnsafeCharacters } from '#core/domain/unsafe-characters.ts';
import type { AttachmentMetadata, InboundMailParser, ParsedMail } from '#core/ports/inbound-mail-parser.ts';
import { htmlReplyToText } from './html-reply-to-text.ts';

/** Raw header values the reply flow reads (auto-reply rules, correlation, language). */
const RAW_HEADERS = new Set([
  'auto-submitted',
  'x-autoreply',
  'x-autorespond',
  'list-id',
  'list-post',
  'x-loop',
  'precedence',
  'return-path',
  'content-language',
  'x-original-to',
  'delivered-to',
  RELAY_LOOP_HEADER,
]);
/** SES's verdict headers: every occurrence is kept in order, because only the topmost is SES's own. */
const VERDICT_HEADERS = ['authentication-results', 'x-ses-spam-verdict', 'x-ses-virus-verdict'] as const;
const MAX_VERDICT_HEADERS = 20;
const MAX_ATTACHMENTS_LISTED = 20;
const MAX_TEXT_CHARS = 1_000_000;
const MAX_RECIPIENTS = 50;

function rawValue(line: string): string {
  const colon = line.indexOf(':');
  return (colon < 0 ? '' : line.slice(colon + 1)).replace(/\r?\n[ \t]+/g, ' ').trim();
}

function addresses(value: HeaderValue | undefined): string[] {
  if (value === undefined || typeof value !== 'object' || value === null) return [];
  const list = (Array.isArray(value) ? value : [value]) as AddressObject[];
  const out: string[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.address) out.push(entry.address);
      if (entry.group) walk(entry.group);
    }
  };
  for (const item of list) if (item && Array.isArray(item.value)) walk(item.value);
  return out;
}

/**
 * How many mailboxes the From header lines name. mailparser reads `Jane <jane@acme.example> <eve@evil.example>`
 * as one address (the rest becomes the name), so addresses are counted on the raw value too: every `@` outside
 * quoted strings and comments is one, a group (`team: …;`) counts once more, and so does a second From line.
 */
function mailboxCount(rawFromLines: readonly string[], parsed: number): number {
  let raw = 0;
  for (const line of rawFromLines) {
    const bare = line.replace(/"(?:[^"\\]|\\.)*"/g, '').replace(/\([^()]*\)/g, '');
    raw += (bare.match(/@/g) ?? []).length + (bare.includes(':') ? 1 : 0);
  }
  return Math.max(raw, parsed, rawFromLines.length);
}

function messageIds(value: HeaderValue | undefined): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter((v) => v !== '');
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** Decimal megabytes, as mail clients state attachment sizes. */
function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** What one pass of mailparser over a message leaves: headers, SES's verdicts, the text part, attachment sizes. */
interface StreamedMail {
  headers: Map<string, HeaderValue>;
  rawHeaders: Record<string, string>;
  received: string[];
  fromLines: string[];
  body: MessageText | undefined;
  attachments: number;
  attachmentBytes: number;
  listed: { filename: string; sizeBytes: number }[];
  verdicts: Record<(typeof VERDICT_HEADERS)[number], string[]>;
}

/** Streams the message through mailparser once; attachments are counted and measured as they pass, never kept. */
async function streamMail(raw: Uint8Array): Promise<StreamedMail> {
  const parser = new MailParser({
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
    checksumAlgo: false,
    keepDeliveryStatus: true,
  });
  const mail: StreamedMail = {
    headers: new Map(),
    rawHeaders: {},
    received: [],
    fromLines: [],
    body: undefined,
    attachments: 0,
    attachmentBytes: 0,
    listed: [],
    verdicts: { 'authentication-results': [], 'x-ses-spam-verdict': [], 'x-ses-virus-verdict': [] },
  };
  parser.on('headers', (h: Map<string, HeaderValue>) => {
    mail.headers = h;
  });
  parser.on('headerLines', (lines: { key: string; line: string }[]) => keepHeaderLines(mail, lines));
  parser.on('data', (data: { type: string } & Record<string, unknown>) => {
    if (data.type === 'attachment') measureAttachment(mail, data);
    else if (data.type === 'text') mail.body = data as unknown as MessageText;
  });
  try {
    await new Promise<void>((resolve, reject) => {
      parser.once('end', () => resolve());
      parser.once('error', (e: unknown) => reject(e));
      Readable.from([Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)]).pipe(parser);
    });
  } catch (e: unknown) {
    throw new MalformedMailError(e instanceof Error ? e.message : 'the MIME structure cannot be parsed', {
      cause: e,
    });
  }
  return mail;
}

function keepHeaderLines(mail: StreamedMail, lines: { key: string; line: string }[]): void {
  for (const { key, line } of lines) {
    const name = key.toLowerCase();
    if (name === 'received' && mail.received.length < 20) mail.received.push(rawValue(line));
    if (name === 'from' && mail.fromLines.length < 5) mail.fromLines.push(rawValue(line));
    if (RAW_HEADERS.has(name) && mail.rawHeaders[name] === undefined) {
      mail.rawHeaders[name] = rawValue(line).slice(0, 1000);
    }
    const kept = VERDICT_HEADERS.find((h) => h === name);
    if (kept !== undefined && mail.verdicts[kept].length < MAX_VERDICT_HEADERS) {
      mail.verdicts[kept].push(rawValue(line).slice(0, 2000));
    }
  }
}

function measureAttachment(mail: StreamedMail, data: Record<string, unknown>): void {
  mail.attachments++;
  const content = data.content as Readable;
  // A right-to-left override turns `cv<RLO>fdp.exe` into what reads as `cvexe.pdf`: the dashboard lists the name.
  const filename = typeof data.filename === 'string' ? withoutUnsafeCharacters(data.filename, 'line').trim() : '';
  const entry = { filename: filename === '' ? 'unnamed' : filename.slice(0, 200), sizeBytes: 0 };
  if (mail.listed.length < MAX_ATTACHMENTS_LISTED) mail.listed.push(entry);
  content.on('data', (chunk: Buffer) => {
    mail.attachmentBytes += chunk.length;
    entry.sizeBytes += chunk.length;
  });
  content.on('end', () => (data.release as () => void)());
  content.resume();
}

/** The text part (or the HTML one converted), shortened to a limit, with a note for each thing done to it. */
function readableText(mail: StreamedMail): { text: string; notes: string[] } {
  const notes: string[] = [];
  let text = typeof mail.body?.text === 'string' ? mail.body.text : '';
  const html = typeof mail.body?.html === 'string' ? mail.body.html : '';
  if (text.trim() === '' && html !== '') {
    text = htmlReplyToText(html);
    notes.push('HTML-only message converted to text');
  }
  if (text.length > MAX_TEXT_CHARS) {
    text = text.slice(0, MAX_TEXT_CHARS);
    notes.push(`Body shortened to ${MAX_TEXT_CHARS} characters`);
  }
  if (mail.attachments > 0) {
    const { attachments, attachmentBytes } = mail;
    notes.push(`${attachments} attachment${attachments === 1 ? '' : 's'} ignored (${megabytes(attachmentBytes)})`);
  }
  // The text is shown in the dashboard and relayed to the recruiter: controls and bidi overrides go here.
  return { text: withoutUnsafeCharacters(text, 'text'), notes };
}

/** Every address the message was delivered to, from its headers and its Received trail. */
function recipientsOf(mail: StreamedMail): string[] {
  const { headers } = mail;
  const recipients = [
    ...addresses(headers.get('to')),
    ...addresses(headers.get('cc')),
    ...addresses(headers.get('delivered-to')),
    ...(mail.rawHeaders['x-original-to'] ?? '').split(/[,\s]+/),
    ...mail.received.flatMap((r) => /\bfor\s+<?([^\s<>;]+@[^\s<>;]+)>?/i.exec(r)?.[1] ?? []),
  ].filter((a) => a.includes('@'));
  return [...new Set(recipients)].slice(0, MAX_RECIPIENTS);
}

/**
 * mailparser's streaming parser: any charset it knows (iconv-lite), multipart of any shape up to its own
 * limits (1,000 parts, 1 MB of headers), attachments read and thrown away as they stream by, never kept.
 * The text part wins over HTML; an HTML-only message is converted with its quoted blocks left out.
 */
export class MailparserInboundParser implements InboundMailParser {
  async parse(raw: Uint8Array): Promise<ParsedMail> {
    const mail = await streamMail(raw);
    const { headers, rawHeaders, verdicts } = mail;
    if (headers.size === 0) throw new MalformedMailError('the message has no headers');
    const { text, notes } = readableText(mail);
    const contentType = headers.get('content-type');
    const fromAddresses = addresses(headers.get('from'));
    const from = fromAddresses[0];
    const messageId = messageIds(headers.get('message-id'))[0]?.replace(/^<|>$/g, '');
    const authentication = sesAuthentication({
      authenticationResults: verdicts['authentication-results'],
      spamVerdicts: verdicts['x-ses-spam-verdict'],
      virusVerdicts: verdicts['x-ses-virus-verdict'],
    });
    const language = rawHeaders['content-language']?.split(/[,\s]/)[0]?.toLowerCase();

    return {
      ...(messageId === undefined || messageId === '' ? {} : { messageId }),
      ...definedFields({ from }),
      fromMailboxes: mailboxCount(mail.fromLines, fromAddresses.length),
      recipients: recipientsOf(mail),
      subject:
        typeof headers.get('subject') === 'string'
          ? withoutUnsafeCharacters(String(headers.get('subject')), 'line')
          : '',
      inReplyTo: messageIds(headers.get('in-reply-to')),
      references: messageIds(headers.get('references')),
      headers: rawHeaders,
      contentType:
        typeof contentType === 'object' && contentType !== null && 'value' in contentType
          ? String(contentType.value).toLowerCase()
          : 'text/plain',
      text,
      ...(language === undefined || !/^[a-z]{2,3}(-[a-z0-9]+)*$/.test(language) ? {} : { language }),
      notes,
      ...definedFields({ authentication }),
      attachments: mail.listed.map((a): AttachmentMetadata => ({ ...a })),
    };
  }
}
