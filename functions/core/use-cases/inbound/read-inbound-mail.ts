import { createHash } from 'node:crypto';
import { MalformedMailError } from '../../domain/errors.ts';
import type { ReplyReceivedV1 } from '../../domain/events.ts';
import { deterministicId, randomId } from '../../domain/ids.ts';
import { MAX_INBOUND_MAIL_BYTES, type RawMailLocation, type Reply } from '../../domain/reply.ts';
import type { ParsedMail } from '../../ports/inbound-mail-parser.ts';
import { type InboundMessage, type ProcessedReply, type ProcessInboundMailDeps, retainUntil } from './inbound-deps.ts';

export type ReadOutcome =
  | { readonly kind: 'message'; readonly message: InboundMessage }
  | { readonly kind: 'done'; readonly outcome: ProcessedReply };

type ReadDeps = Pick<ProcessInboundMailDeps, 'raw' | 'parser' | 'replies' | 'events' | 'clock' | 'log'> &
  Pick<ProcessInboundMailDeps, 'retentionDays' | 'maxBytes'>;

/**
 * Step 1: reads the raw message (refusing one larger than SES could deliver) and parses it. An unreadable or
 * oversized message is recorded as `rejected` with the reason; a missing one is logged.
 */
export function makeReadInboundMail(deps: ReadDeps): (location: RawMailLocation) => Promise<ReadOutcome> {
  const maxBytes = deps.maxBytes ?? MAX_INBOUND_MAIL_BYTES;
  return async (location) => {
    const receivedAt = deps.clock.now().toISOString();
    const read = await deps.raw.read(location, maxBytes);
    if (read.kind === 'missing') {
      deps.log.warn('inbound message not found in the store', { key: location.key });
      return { kind: 'done', outcome: { replyId: '', status: 'missing', duplicate: false, flags: [] } };
    }
    if (read.kind === 'too-large') {
      const reason = `The message is ${read.sizeBytes} bytes; the limit is ${maxBytes}`;
      return { kind: 'done', outcome: await recordRejected(deps, location, receivedAt, read.sizeBytes, reason) };
    }
    let mail: ParsedMail;
    try {
      mail = await deps.parser.parse(read.bytes);
    } catch (e: unknown) {
      if (!(e instanceof MalformedMailError)) throw e;
      const reason = `Unreadable message: ${e.message}`;
      return { kind: 'done', outcome: await recordRejected(deps, location, receivedAt, read.bytes.byteLength, reason) };
    }
    const key =
      mail.messageId === undefined
        ? `raw:${createHash('sha256').update(read.bytes).digest('hex')}`
        : `mid:${mail.messageId}`;
    return {
      kind: 'message',
      message: {
        mail,
        location,
        receivedAt,
        sizeBytes: read.bytes.byteLength,
        replyId: deterministicId('r', key),
        messageDigest: createHash('sha256').update(key).digest('hex'),
      },
    };
  };
}

async function recordRejected(
  deps: ReadDeps,
  location: RawMailLocation,
  receivedAt: string,
  sizeBytes: number,
  reason: string,
): Promise<ProcessedReply> {
  const replyId = deterministicId('r', `key:${location.store}:${location.bucket ?? ''}:${location.key}`);
  const reply: Reply = {
    id: replyId,
    status: 'rejected',
    receivedAt,
    correlation: { method: 'none', reason: 'Not read' },
    text: '',
    rejectionReason: reason,
    flags: [],
    notes: [],
    sizeBytes,
    raw: location,
    retainUntil: retainUntil(receivedAt, deps.retentionDays),
    processedAt: receivedAt,
  };
  const created = await deps.replies.create(reply);
  deps.log.warn('inbound message rejected', { replyId, key: location.key, sizeBytes, reason });
  if (created.created) {
    const event: ReplyReceivedV1 = {
      type: 'ReplyReceived',
      version: 1,
      id: randomId('ev'),
      occurredAt: receivedAt,
      detail: { replyId, status: 'rejected', correlation: 'none', flags: [] },
    };
    await deps.events.publish([event]);
  }
  return { replyId, status: 'rejected', duplicate: !created.created, correlation: reply.correlation, flags: [] };
}
