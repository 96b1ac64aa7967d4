import { ConflictError, GoneError, NotFoundError } from '../domain/errors.ts';
import { type Notice, SENT_STATUSES } from '../domain/notice.ts';
import { MAX_INBOUND_MAIL_BYTES, type Reply } from '../domain/reply.ts';
import { ANOTHER_ADDRESS_REASON } from '../domain/reply-trust.ts';
import { makeCompleteReply } from './inbound/complete-reply.ts';
import type { InboundMessage, ProcessedReply, ProcessInboundMailDeps } from './inbound/inbound-deps.ts';
import { makeReadReply } from './inbound/read-reply.ts';

export interface LinkedReply {
  readonly reply: Reply;
  /** True when this reply had been linked to this candidate before: nothing was raised or relayed again. */
  readonly duplicate: boolean;
  readonly outcome?: ProcessedReply;
}

export type LinkUnmatchedReply = (input: {
  readonly replyId: string;
  readonly candidateId: string;
  /** The recruiter's subject. */
  readonly by: string;
}) => Promise<LinkedReply>;

export type DismissUnmatchedReply = (input: {
  readonly replyId: string;
  readonly by: string;
  readonly reason?: string;
}) => Promise<{ readonly reply: Reply; readonly duplicate: boolean }>;

/**
 * A recruiter links an unmatched reply to a candidate: it is then read as if it had matched the candidate's
 * latest notice (docs/replies.md, "Unmatched replies").
 *
 * Primary course:
 *  1. Read the reply: it must be unmatched and unresolved, and not refused (SES's spam or virus FAIL, unreadable).
 *  2. The candidate must not be erased, and must have been sent a notice: the latest one is the thread.
 *  3. Read the raw message again and read it as a reply to that notice (our email cut out, classified), with
 *     correlation `linked`; from another address than the candidate's it raises at most `needs-review`.
 *  4. Replace the unmatched reply by the linked one (a conditional write: one link wins).
 *  5. Complete it as the inbound path does: flags, the relay to the owner, notifications.
 *
 * Alternative course: the reply is already linked to this candidate. Finished: a duplicate, nothing raised or
 * relayed again. Not finished (a crash, or a concurrent link still at work): completed again, and the relay's id
 * (the reply's) makes it one relay.
 */
export function makeLinkUnmatchedReply(deps: ProcessInboundMailDeps): LinkUnmatchedReply {
  const readReply = makeReadReply(deps);
  const complete = makeCompleteReply(deps);

  return async ({ replyId, candidateId, by }) => {
    const reply = await deps.replies.get(replyId);
    if (reply === undefined) throw new NotFoundError(`No reply with id ${replyId}`);
    const earlier = await alreadyLinked(reply, candidateId);
    if (earlier !== undefined) return earlier;
    refuseUnlinkable(reply);
    if ((await deps.erasures.get(candidateId)) !== undefined) {
      throw new GoneError(`Everything held about candidate ${candidateId} was erased`);
    }
    const notice = await deps.lookup.latestSentTo(candidateId);
    if (notice === undefined || !SENT_STATUSES.includes(notice.status)) {
      throw new NotFoundError(`No email was sent to candidate ${candidateId}: there is no thread to link to`);
    }
    const message = await reread(reply);
    const linked: Reply = {
      ...(await readReply(message, correlationOf(reply, notice, by), notice)),
      resolution: { action: 'linked', at: deps.clock.now().toISOString(), by },
    };
    if (!(await deps.replies.link(linked))) {
      const now = await deps.replies.get(replyId);
      const raced = now === undefined ? undefined : await alreadyLinked(now, candidateId);
      if (raced !== undefined) return raced;
      throw new ConflictError(`Reply ${replyId} was matched, linked or dismissed meanwhile`);
    }
    deps.log.info('unmatched reply linked', { replyId, candidateId, noticeId: notice.id, by });
    const outcome = await complete(linked, false, notice, message.mail.attachments);
    return { reply: (await deps.replies.get(replyId)) ?? linked, duplicate: false, outcome };
  };

  /** Linked to this candidate before: a duplicate when finished, else finished now (one relay: its id). */
  async function alreadyLinked(reply: Reply, candidateId: string): Promise<LinkedReply | undefined> {
    if (reply.resolution?.action !== 'linked') return undefined;
    if (reply.correlation.candidateId !== candidateId) {
      throw new ConflictError(`Reply ${reply.id} is already linked to another candidate`);
    }
    if (reply.processedAt !== undefined) return { reply, duplicate: true };
    const notice =
      reply.correlation.noticeId === undefined ? undefined : await deps.notices.get(reply.correlation.noticeId);
    const outcome = await complete(reply, true, notice, []);
    return { reply: (await deps.replies.get(reply.id)) ?? reply, duplicate: true, outcome };
  }

  async function reread(reply: Reply): Promise<InboundMessage> {
    const read = await deps.raw.read(reply.raw, deps.maxBytes ?? MAX_INBOUND_MAIL_BYTES);
    if (read.kind !== 'found') {
      throw new ConflictError(`The message of reply ${reply.id} is no longer stored: it cannot be read again`);
    }
    return {
      mail: await deps.parser.parse(read.bytes),
      location: reply.raw,
      receivedAt: reply.receivedAt,
      sizeBytes: read.bytes.byteLength,
      replyId: reply.id,
      messageDigest: '',
    };
  }
}

/** Only an unmatched reply that was read can be linked: never one SES's scan or our parser refused. */
export function refuseUnlinkable(reply: Reply): void {
  if (reply.resolution?.action === 'dismissed') throw new ConflictError(`Reply ${reply.id} was dismissed`);
  if (reply.correlation.method !== 'none' || reply.correlation.candidateId !== undefined) {
    throw new ConflictError(`Reply ${reply.id} is not unmatched: it is on a candidate's timeline already`);
  }
  if (reply.status === 'rejected') {
    throw new ConflictError(
      `Reply ${reply.id} was refused (${reply.rejectionReason ?? 'unreadable'}): it cannot be linked to a candidate`,
    );
  }
}

function correlationOf(reply: Reply, notice: Notice, by: string): Reply['correlation'] {
  const senderMatchesCandidate = reply.fromDigest !== undefined && reply.fromDigest === notice.emailDigest;
  return {
    method: 'linked',
    noticeId: notice.id,
    candidateId: notice.candidateId,
    senderMatchesCandidate,
    reason: `Linked by ${by}${senderMatchesCandidate ? '' : `; ${ANOTHER_ADDRESS_REASON.toLowerCase()}`}`,
  };
}

/** Dismisses an unmatched reply: off the list, kept (erasure finds it by its sender) until its retention ends. */
export function makeDismissUnmatchedReply(
  deps: Pick<ProcessInboundMailDeps, 'replies' | 'clock' | 'log'>,
): DismissUnmatchedReply {
  return async ({ replyId, by, reason }) => {
    const reply = await deps.replies.get(replyId);
    if (reply === undefined) throw new NotFoundError(`No reply with id ${replyId}`);
    if (reply.resolution?.action === 'dismissed') return { reply, duplicate: true };
    if (reply.resolution !== undefined || reply.correlation.candidateId !== undefined) {
      throw new ConflictError(`Reply ${replyId} is not unmatched: it was linked or matched`);
    }
    const resolution = {
      action: 'dismissed' as const,
      at: deps.clock.now().toISOString(),
      by,
      ...(reason ? { reason } : {}),
    };
    if (!(await deps.replies.dismiss(replyId, resolution))) {
      throw new ConflictError(`Reply ${replyId} was linked or dismissed meanwhile`);
    }
    deps.log.info('unmatched reply dismissed', { replyId, by });
    return { reply: { ...reply, resolution }, duplicate: false };
  };
}
