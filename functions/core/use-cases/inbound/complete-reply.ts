import type { FlagDecision, FlagName } from '../../domain/candidate-flag.ts';
import { followConversation } from '../../domain/conversation-flags.ts';
import type { CandidateFlagRaisedV1, ReplyReceivedV1 } from '../../domain/events.ts';
import { decideFlags } from '../../domain/flag-policy.ts';
import { randomId } from '../../domain/ids.ts';
import type { Notice } from '../../domain/notice.ts';
import { definedFields } from '../../domain/optional.ts';
import type { Relay } from '../../domain/relay.ts';
import type { Reply } from '../../domain/reply.ts';
import { fromAnotherAddress } from '../../domain/reply-trust.ts';
import type { RaiseOutcome } from '../../ports/flag-repository.ts';
import type { AttachmentMetadata } from '../../ports/inbound-mail-parser.ts';
import type { ProcessedReply, ProcessInboundMailDeps } from './inbound-deps.ts';
import { makeRelayCandidateTurn, threadItemsOf } from './relay-candidate-turn.ts';

interface Raised {
  readonly decision: FlagDecision;
  readonly outcome: RaiseOutcome;
}

/**
 * Steps 5 onwards for a candidate's reply; run again on a retry of a reply whose work was not finished:
 *  1. note the first human reply on its notice (stats) and raise the turn's flags (they follow the
 *     conversation: an apology after a burned bridge asks for review);
 *  2. relay the turn to the owning recruiter;
 *  3. announce the flags (SNS, events), mark the reply processed and publish it.
 *
 * Alternative course: the candidate's erasure was requested (read before and after the writes): what this
 * reply wrote is deleted with the raw message, its relay never sent, and nobody is notified. Both sides write
 * first and read after (no transactions in dynalite): the erasure saves its receipt before reading the
 * candidate's items, this side writes before reading the receipt, so one of them always sees the other.
 */
export function makeCompleteReply(deps: ProcessInboundMailDeps) {
  const relayTurn = makeRelayCandidateTurn(deps);

  return async (
    reply: Reply,
    resumed: boolean,
    found: Notice | undefined,
    attachments: readonly AttachmentMetadata[],
  ): Promise<ProcessedReply> => {
    const { candidateId, noticeId } = reply.correlation;
    if (candidateId !== undefined && (await erased(candidateId))) return discard(reply, candidateId, [], []);
    const notice = found ?? (noticeId === undefined ? undefined : await deps.notices.get(noticeId));
    if (noticeId !== undefined && reply.status === 'classified' && reply.classification !== undefined) {
      await deps.notices.noteFirstReply(noticeId, {
        replyId: reply.id,
        at: reply.receivedAt,
        sentiment: reply.classification.sentiment.label,
        score: reply.classification.sentiment.score,
        hostile: reply.classification.hostile,
      });
    }
    // Method `none` with a candidate: a refused recruiter-side message kept on their records, not their turn.
    const theirs = candidateId !== undefined && reply.correlation.method !== 'none';
    const raised = theirs ? await raiseFlags(reply, candidateId, notice) : [];
    const flags = raised.map((r) => r.decision.flag);
    const decisions = raised.map((r) => r.decision);
    const { relay, paused } = notice === undefined ? {} : await relayTurn({ reply, notice, decisions, attachments });
    // Read again after the writes: an erasure that began after the read above may have missed them.
    if (candidateId !== undefined && (await erased(candidateId))) {
      return discard(reply, candidateId, flags, [relay, paused]);
    }
    for (const { decision, outcome } of candidateId === undefined ? [] : raised) {
      // A retry notifies again rather than risk never notifying (at least once).
      if (candidateId === undefined || (outcome === 'unchanged' && !resumed)) continue;
      await announce(reply, candidateId, decision, outcome === 'raised-again', notice);
    }
    await finish(reply, flags);
    return {
      replyId: reply.id,
      status: reply.status,
      duplicate: false,
      correlation: reply.correlation,
      flags,
      ...(relay === undefined ? {} : { relayId: relay.id }),
    };
  };

  async function raiseFlags(reply: Reply, candidateId: string, notice: Notice | undefined): Promise<Raised[]> {
    const c = reply.classification;
    if (reply.status !== 'classified' || c === undefined) return [];
    const senderMatchesCandidate = reply.correlation.senderMatchesCandidate !== false;
    const own = decideFlags(c, { senderMatchesCandidate });
    const bridgeBurned = await deps.flags.get(candidateId, 'bridge-burned');
    const followed = followConversation(
      own,
      { hostile: c.hostile, borderline: c.borderline, sentiment: c.sentiment.label, text: reply.text },
      bridgeBurned === undefined ? {} : { bridgeBurned },
    );
    // Someone else holding the candidate's token speaks for nobody: at most a review.
    const decisions = senderMatchesCandidate ? followed : fromAnotherAddress(followed);
    const raised: Raised[] = [];
    for (const decision of decisions) {
      const outcome = await deps.flags.raise({
        candidateId,
        flag: decision.flag,
        reason: decision.reason,
        evidence: decision.evidence,
        replyId: reply.id,
        ...definedFields({ noticeId: reply.correlation.noticeId }),
        ...(notice === undefined
          ? {}
          : { candidateName: notice.candidate.name, job: { id: notice.job.id, title: notice.job.title } }),
        at: reply.receivedAt,
        retainUntil: reply.retainUntil,
      });
      raised.push({ decision, outcome });
    }
    return raised;
  }

  async function finish(reply: Reply, flags: readonly FlagName[]): Promise<void> {
    const at = deps.clock.now().toISOString();
    await deps.replies.markProcessed(reply.id, at, flags);
    const event: ReplyReceivedV1 = {
      type: 'ReplyReceived',
      version: 1,
      id: randomId('ev'),
      occurredAt: at,
      detail: {
        replyId: reply.id,
        status: reply.status,
        correlation: reply.correlation.method,
        ...definedFields({ candidateId: reply.correlation.candidateId, noticeId: reply.correlation.noticeId }),
        flags: [...flags],
      },
    };
    await deps.events.publish([event]);
  }

  async function erased(candidateId: string): Promise<boolean> {
    return (await deps.erasures.get(candidateId)) !== undefined;
  }

  /**
   * Deletes the reply, the flags it raised, the relays it wrote (its own or the thread-paused one, never sent)
   * with their thread item and token, and the raw message, and tells nobody.
   */
  async function discard(
    reply: Reply,
    candidateId: string,
    raised: readonly FlagName[],
    relays: readonly (Relay | undefined)[],
  ): Promise<ProcessedReply> {
    const flags = [];
    for (const flag of raised) {
      const found = await deps.flags.get(candidateId, flag);
      if (found !== undefined) flags.push(found);
    }
    await deps.raw.delete(reply.raw);
    await deps.records.delete({
      decisions: [],
      notices: [],
      replies: [reply],
      flags,
      ...threadItemsOf(...relays),
    });
    deps.log.info('reply dropped: its candidate was erased meanwhile', { replyId: reply.id, candidateId });
    return { replyId: reply.id, status: 'erased', duplicate: false, correlation: reply.correlation, flags: [] };
  }

  async function announce(
    reply: Reply,
    candidateId: string,
    decision: FlagDecision,
    again: boolean,
    notice: Notice | undefined,
  ): Promise<void> {
    const noticeId = reply.correlation.noticeId;
    const event: CandidateFlagRaisedV1 = {
      type: 'CandidateFlagRaised',
      version: 1,
      id: randomId('ev'),
      occurredAt: deps.clock.now().toISOString(),
      detail: {
        candidateId,
        flag: decision.flag,
        replyId: reply.id,
        ...definedFields({ noticeId }),
        reason: decision.reason,
        again,
      },
    };
    await deps.events.publish([event]);
    await deps.notifier.flagRaised({
      candidateId,
      flag: decision.flag,
      reason: decision.reason,
      replyId: reply.id,
      ...definedFields({ noticeId }),
      ...(notice === undefined ? {} : { jobTitle: notice.job.title }),
      raisedAt: reply.receivedAt,
    });
    deps.log.info('candidate flag raised', { candidateId, flag: decision.flag, replyId: reply.id, again });
  }
}
