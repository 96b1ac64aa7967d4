/**
 * `npm run --silent parse-reply [-- --reply-domain <domain>] < message.eml`: parses one raw message offline
 * and prints one JSON object: whether it is an auto-reply (and why), what the candidate wrote, the sender,
 * and the correlation keys it carries. Without a database it reports what it extracted, not the notice.
 */
import { parseArgs } from 'node:util';
import { MailparserInboundParser } from '#adapters/mime/mailparser-inbound-parser.ts';
import { LOCAL_DEFAULTS } from '#config/app-config.ts';
import { autoReplyReason } from '#core/domain/auto-reply.ts';
import { errorMessage } from '#core/domain/error-message.ts';
import { MalformedMailError } from '#core/domain/errors.ts';
import { MAX_INBOUND_MAIL_BYTES } from '#core/domain/reply.ts';
import { correlationHints } from '#core/domain/reply-correlation.ts';
import { extractReplyText } from '#core/domain/reply-text/extract-reply-text.ts';

function fail(message: string): never {
  process.stderr.write(`parse-reply: ${message}\n`);
  process.exit(1);
}

let replyDomain: string;
try {
  const { values } = parseArgs({ options: { 'reply-domain': { type: 'string' } }, strict: true });
  replyDomain =
    values['reply-domain'] ?? process.env.CLOSELOOP_REPLY_DOMAIN ?? LOCAL_DEFAULTS.CLOSELOOP_REPLY_DOMAIN ?? '';
} catch (e: unknown) {
  fail(`${errorMessage(e)} (usage: npm run --silent parse-reply < message.eml)`);
}
if (process.stdin.isTTY) fail('pipe a raw message in: npm run --silent parse-reply < message.eml');

const chunks: Buffer[] = [];
let size = 0;
for await (const chunk of process.stdin) {
  size += (chunk as Buffer).length;
  if (size > MAX_INBOUND_MAIL_BYTES) fail(`the message is larger than ${MAX_INBOUND_MAIL_BYTES} bytes`);
  chunks.push(chunk as Buffer);
}
if (size === 0) fail('stdin is empty: pipe a raw RFC 822 message in');

try {
  const mail = await new MailparserInboundParser().parse(Buffer.concat(chunks));
  const reason = autoReplyReason(mail);
  const extracted = reason === undefined ? extractReplyText(mail.text) : { text: '', notes: [] };
  const hints = correlationHints({
    recipients: mail.recipients,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    replyDomain,
  });
  const result = {
    autoReply: reason !== undefined,
    autoReplyReason: reason ?? null,
    text: extracted.text,
    from: mail.from ?? null,
    subject: mail.subject,
    messageId: mail.messageId ?? null,
    correlation: {
      token: hints.tokens[0] ?? null,
      inReplyTo: hints.inReplyTo[0] ?? null,
      references: hints.references,
      method:
        hints.tokens.length > 0
          ? 'token'
          : hints.inReplyTo.length > 0
            ? 'in-reply-to'
            : hints.references.length > 0
              ? 'references'
              : mail.from === undefined
                ? 'none'
                : 'sender',
    },
    language: mail.language ?? null,
    notes: [...mail.notes, ...extracted.notes],
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (e: unknown) {
  if (e instanceof MalformedMailError) fail(`unreadable message: ${e.message}`);
  throw e;
}
