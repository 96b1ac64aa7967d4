import { definedFields } from '../domain/optional.ts';
import { RECRUITER_ADDRESS_PREFIX } from '../domain/relay.ts';
import { loopReason } from '../domain/relay-addresses.ts';
import type { Correlation, RawMailLocation, Reply } from '../domain/reply.ts';
import { tokensIn } from '../domain/reply-correlation.ts';
import { scanRefusal } from '../domain/reply-trust.ts';
import { makeCompleteReply } from './inbound/complete-reply.ts';
import { correlateReply } from './inbound/correlate-reply.ts';
import type { InboundMessage, ProcessedReply, ProcessInboundMailDeps } from './inbound/inbound-deps.ts';
import { makeReadInboundMail } from './inbound/read-inbound-mail.ts';
import { makeReadReply } from './inbound/read-reply.ts';
import { makeRelayRecruiterMail } from './inbound/relay-recruiter-mail.ts';

export type { ProcessedReply, ProcessInboundMailDeps, RelaySettings } from './inbound/inbound-deps.ts';

export type ProcessInboundMail = (location: RawMailLocation) => Promise<ProcessedReply>;

/**
 * Reads one inbound message once and routes it: a recruiter's answer is relayed to the candidate, a
 * candidate's turn is recorded, classified, flagged and relayed to the owning recruiter (docs/conversations.md).
 *
 * Primary course:
 *  1. Read the raw message (refusing one larger than SES could deliver) and parse it; an unreadable or
 *     oversized message is recorded as `rejected` with the reason.
 *  2. Dedupe: the reply id is a digest of the Message-ID, so the same message twice is one reply. A reply
 *     recorded earlier whose work was not finished (a crash) is completed, not duplicated.
 *  3. Our own mail coming back (loop header, relay address, reply domain) is recorded as an auto-reply, `loop`.
 *  4. To `recruiter+<token>@`: the owner's authenticated answer becomes a relay to the candidate; anything
 *     else written there (a stranger, a failed SES verdict, an out-of-office) is recorded as unmatched.
 *  5. Otherwise a candidate's turn. SES's spam or virus verdict FAIL: recorded as `rejected`, unmatched, never
 *     correlated nor classified. Else correlate (token, In-Reply-To / References, sender), keep only what the
 *     candidate wrote and classify it (auto-replies and bounces are recorded, never classified), record it.
 *  6. Complete it: flags, the relay to the owner, notifications (`complete-reply.ts`).
 *
 * Alternative course: the candidate's erasure was requested (before the message arrived, or while it was being
 * processed). Nothing is kept and nothing relayed (see `complete-reply.ts` for the race).
 */
export function makeProcessInboundMail(deps: ProcessInboundMailDeps): ProcessInboundMail {
  const readInboundMail = makeReadInboundMail(deps);
  const readReply = makeReadReply(deps);
  const complete = makeCompleteReply(deps);
  const relayRecruiterMail = makeRelayRecruiterMail(deps);

  return async (location) => {
    const read = await readInboundMail(location);
    if (read.kind === 'done') return read.outcome;
    const message = read.message;
    const earlier = await deps.replies.get(message.replyId);
    if (earlier?.processedAt !== undefined) return alreadyProcessed(earlier);
    if (earlier !== undefined) return complete(earlier, true, undefined, message.mail.attachments);

    const loop = loopReason(message.mail, { relayFrom: deps.relay.relayFrom, replyDomain: deps.replyDomain });
    if (loop !== undefined) return record(message, { method: 'none', reason: 'Our own mail (a relay loop)' }, { loop });
    const recruiterTokens = tokensIn(message.mail.recipients, deps.replyDomain, RECRUITER_ADDRESS_PREFIX);
    if (recruiterTokens.length > 0) return recruiterSide(message, recruiterTokens);
    return candidateSide(message);
  };

  async function recruiterSide(message: InboundMessage, tokens: readonly string[]): Promise<ProcessedReply> {
    const outcome = await relayRecruiterMail(message, tokens);
    switch (outcome.kind) {
      case 'refused':
        deps.log.warn('recruiter-side message refused', { replyId: message.replyId, reason: outcome.reason });
        // On the candidate's records when the token named their thread: it quotes them, erasure must find it.
        // Method `none` keeps it a stranger's message: never classified as theirs into flags, never relayed.
        return record(message, {
          method: 'none',
          reason: outcome.reason,
          ...definedFields({ candidateId: outcome.candidateId }),
        });
      case 'dropped':
        // Nothing refers to the raw message: kept, it would outlive the candidate's erasure.
        await deps.raw.delete(message.location);
        return { replyId: message.replyId, status: outcome.why, duplicate: false, flags: [] };
      case 'relayed':
        // A second delivery of an answer already relayed: the relay keeps the first delivery's raw message only.
        if (outcome.relay.cause.kind === 'recruiter-mail' && !sameLocation(outcome.relay.cause.raw, message.location)) {
          await deps.raw.delete(message.location);
        }
        return {
          replyId: outcome.relay.id,
          status: 'relayed',
          duplicate: outcome.duplicate,
          flags: [],
          relayId: outcome.relay.id,
        };
    }
  }

  async function candidateSide(message: InboundMessage): Promise<ProcessedReply> {
    const refused = scanRefusal(message.mail.authentication);
    if (refused !== undefined) {
      deps.log.warn('inbound message refused by SES verdicts', { replyId: message.replyId, reason: refused });
      return record(message, { method: 'none', reason: `Refused: ${refused}` }, { rejected: refused });
    }
    const { correlation, notice } = await correlateReply(deps.lookup, message.mail, deps.replyDomain);
    if (correlation.candidateId !== undefined && (await deps.erasures.get(correlation.candidateId)) !== undefined) {
      // Erasure asked for before this message came: not even classified.
      await deps.raw.delete(message.location);
      deps.log.info('reply dropped: its candidate was erased', { replyId: message.replyId });
      return { replyId: message.replyId, status: 'erased', duplicate: false, flags: [] };
    }
    return record(message, correlation, {}, notice);
  }

  /** Records the reply (auto-reply, empty or classified) and completes it. */
  async function record(
    message: InboundMessage,
    correlation: Correlation,
    stop: Parameters<typeof readReply>[3] = {},
    notice?: Parameters<typeof readReply>[2],
  ): Promise<ProcessedReply> {
    const reply = await readReply(message, correlation, notice, stop);
    const created = await deps.replies.create(reply);
    // A concurrent delivery of the same message got there first; it finishes the work.
    if (!created.created) return alreadyProcessed(created.existing);
    deps.log.info('reply recorded', {
      replyId: reply.id,
      status: reply.status,
      correlation: correlation.method,
      candidateId: correlation.candidateId,
      noticeId: correlation.noticeId,
      autoReplyReason: reply.autoReplyReason,
    });
    return complete(reply, false, notice, message.mail.attachments);
  }

  function alreadyProcessed(earlier: Reply): ProcessedReply {
    deps.log.info('inbound message already processed', { replyId: earlier.id });
    return {
      replyId: earlier.id,
      status: earlier.status,
      duplicate: true,
      correlation: earlier.correlation,
      flags: earlier.flags,
    };
  }
}

function sameLocation(a: RawMailLocation, b: RawMailLocation): boolean {
  return a.store === b.store && a.bucket === b.bucket && a.key === b.key;
}
