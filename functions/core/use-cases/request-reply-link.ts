import { ConflictError, GoneError, NotFoundError } from '../domain/errors.ts';
import { SENT_STATUSES } from '../domain/notice.ts';
import type { Reply } from '../domain/reply.ts';
import type { ErasureLog } from '../ports/erasure-log.ts';
import type { Log } from '../ports/log.ts';
import type { NoticeLookup } from '../ports/notice-lookup.ts';
import type { ReplyLinkQueue, ReplyLinkRequest } from '../ports/reply-link-queue.ts';
import type { ReplyRepository } from '../ports/reply-repository.ts';
import { refuseUnlinkable } from './resolve-unmatched-reply.ts';

export interface RequestReplyLinkDeps {
  readonly replies: Pick<ReplyRepository, 'get'>;
  readonly erasures: Pick<ErasureLog, 'get'>;
  readonly lookup: Pick<NoticeLookup, 'latestSentTo'>;
  readonly linkQueue: ReplyLinkQueue;
  readonly log: Log;
}

/** `queued`: handed to the reply reader. `linked`: it was linked to this candidate and read before: nothing to do. */
export type ReplyLinkState = { readonly state: 'queued' } | { readonly state: 'linked'; readonly reply: Reply };

export type RequestReplyLink = (request: ReplyLinkRequest) => Promise<ReplyLinkState>;

/**
 * The API's half of linking an unmatched reply (docs/replies.md, "Unmatched replies"): it refuses what the link
 * would refuse, from the table alone, then hands the link to the reply reader (`makeLinkUnmatchedReply`), which
 * checks all of it again and makes the one conditional write that decides.
 *
 * Primary course:
 *  1. Read the reply: it must exist, be unmatched, not dismissed and not refused.
 *  2. The candidate must not be erased, and must have been sent a notice (the thread it joins).
 *  3. Queue the link.
 *
 * Alternative course: already linked to this candidate. Read (processed): nothing to do, said so. Not yet: queued
 * again (the link completes it, and its relay's id makes it one relay). Linked to another candidate: a conflict.
 */
export function makeRequestReplyLink(deps: RequestReplyLinkDeps): RequestReplyLink {
  return async (request) => {
    const { replyId, candidateId } = request;
    const reply = await deps.replies.get(replyId);
    if (reply === undefined) throw new NotFoundError(`No reply with id ${replyId}`);
    if (reply.resolution?.action === 'linked') {
      if (reply.correlation.candidateId !== candidateId) {
        throw new ConflictError(`Reply ${replyId} is already linked to another candidate`);
      }
      if (reply.processedAt !== undefined) return { state: 'linked', reply };
    } else {
      refuseUnlinkable(reply);
      if ((await deps.erasures.get(candidateId)) !== undefined) {
        throw new GoneError(`Everything held about candidate ${candidateId} was erased`);
      }
      const notice = await deps.lookup.latestSentTo(candidateId);
      if (notice === undefined || !SENT_STATUSES.includes(notice.status)) {
        throw new NotFoundError(`No email was sent to candidate ${candidateId}: there is no thread to link to`);
      }
    }
    await deps.linkQueue.requestLink(request);
    deps.log.info('unmatched reply link requested', { replyId, candidateId, by: request.by });
    return { state: 'queued' };
  };
}
