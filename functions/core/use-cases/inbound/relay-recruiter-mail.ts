import { autoReplyReason } from '../../domain/auto-reply.ts';
import { isUnanswered } from '../../domain/candidate-flag.ts';
import { normalizeEmail } from '../../domain/email-address.ts';
import { sesMessageIdHeader } from '../../domain/follow-up.ts';
import { authenticationProblem } from '../../domain/mail-authentication.ts';
import type { Notice } from '../../domain/notice.ts';
import { type Relay, type RelayCause, relayIdFor } from '../../domain/relay.ts';
import { addressOf, candidateReplyAddress, displayAddress, displayNameOf } from '../../domain/relay-addresses.ts';
import { recruiterText } from '../../domain/reply-text/recruiter-text.ts';
import type { RecruiterToken } from '../../ports/relay-repository.ts';
import { makeThreadWindow, overTheCap, threadRelay } from '../thread-window.ts';
import { type InboundMessage, ownerInbox, type ProcessInboundMailDeps, retainUntil } from './inbound-deps.ts';
import { sentSubjectOf } from './read-reply.ts';
import { openRelay } from './relay-candidate-turn.ts';

type RecruiterMailDeps = Pick<
  ProcessInboundMailDeps,
  | 'relays'
  | 'notices'
  | 'replies'
  | 'flags'
  | 'erasures'
  | 'records'
  | 'startRelay'
  | 'relay'
  | 'replyDomain'
  | 'clock'
  | 'log'
> &
  Pick<ProcessInboundMailDeps, 'retentionDays' | 'sentTextOf'>;

export type RecruiterMailOutcome =
  /** Relayed to the candidate (`duplicate`: this message had been relayed before). */
  | { readonly kind: 'relayed'; readonly relay: Relay; readonly duplicate: boolean }
  /**
   * Not relayed: recorded as an unmatched reply with this reason; on the candidate's records (`candidateId`,
   * erasure finds it and its raw message, which quotes them) when the token named their thread.
   */
  | { readonly kind: 'refused'; readonly reason: string; readonly candidateId?: string }
  /** The owner wrote nothing of their own, or the candidate was erased: nothing kept, nothing sent. */
  | { readonly kind: 'dropped'; readonly why: 'empty' | 'erased'; readonly candidateId?: string };

export const NOT_THE_OWNER = 'Refused: written to a recruiter-side address by someone who does not own the thread';

/**
 * A message to `recruiter+<token>@`: the owning recruiter's answer to a candidate's relayed turn.
 *
 * Primary course:
 *  1. The token names a thread (a notice); the From names one mailbox, the notice's current owner, and SES's
 *     verdicts vouch for its domain (DMARC pass for it, or SPF or DKIM pass for an aligned domain; DMARC not
 *     fail; no spam or virus verdict). Anyone else is refused.
 *  2. An out-of-office or other automatic mail is refused too (recorded, never relayed).
 *  3. Only what the recruiter wrote is kept: our banner and the quoted relay copy are cut.
 *  4. A `to-candidate` relay (From the owner's name on our sender address, Reply-To the candidate's address,
 *     threaded on the candidate's last message and the rejection), which answers an open feedback request. It
 *     counts in the thread's hourly cap: over it, it is refused and the owner told once (thread-window.ts).
 *
 * Alternative course: the candidate was erased (before, or while this ran): nothing is relayed.
 */
export function makeRelayRecruiterMail(deps: RecruiterMailDeps) {
  const threadWindow = makeThreadWindow(deps);
  return async (message: InboundMessage, tokens: readonly string[]): Promise<RecruiterMailOutcome> => {
    const thread = await threadOf(tokens);
    if (thread === undefined) return { kind: 'refused', reason: 'Refused: the recruiter-side address names no thread' };
    const { notice } = thread;
    const { mail } = message;
    const refused = (reason: string): RecruiterMailOutcome => ({
      kind: 'refused',
      reason,
      candidateId: notice.candidateId,
    });
    const owner = ownerInbox(notice, deps.relay.defaultRecruiterInbox);
    if (mail.from === undefined || normalizeEmail(mail.from) !== normalizeEmail(owner)) return refused(NOT_THE_OWNER);
    // `Jane <jane@…> <eve@…>` reads as Jane: a From naming more than one mailbox says nothing about who wrote.
    if (mail.fromMailboxes !== 1) {
      return refused(`${NOT_THE_OWNER} (its From names ${mail.fromMailboxes} mailboxes)`);
    }
    const problem = authenticationProblem(mail.authentication, mail.from);
    if (problem !== undefined) return refused(`Refused: SES does not vouch for the sender (${problem})`);
    const auto = autoReplyReason(mail);
    if (auto !== undefined) return refused(`Automatic mail from the owner, never relayed (${auto})`);
    if (await erased(notice.candidateId)) return { kind: 'dropped', why: 'erased', candidateId: notice.candidateId };

    const earlier = await deps.relays.listByNotice(notice.id);
    const text = recruiterText(mail.text, earlier, notice.recruiter?.name);
    if (text === '') return { kind: 'dropped', why: 'empty' };
    const cause: RelayCause = { kind: 'recruiter-mail', messageDigest: message.messageDigest, raw: message.location };
    const duplicate = (await deps.relays.get(relayIdFor(cause))) !== undefined;
    const answer = await toCandidate(message, notice, cause, text, earlier);
    const window = duplicate ? undefined : await threadWindow.count(threadRelay(notice, answer));
    if (window?.counted === false) return { kind: 'refused', reason: overTheCap(window.until) };
    const relay = await deps.startRelay(answer);
    if (await erased(notice.candidateId)) {
      // Never sent (the send side checks erasure too); deleted, as the erasure may have read the thread before.
      await deps.records.delete({
        decisions: [],
        notices: [],
        replies: [],
        flags: [],
        relays: [relay],
        relayThreads: [],
        recruiterTokens: [],
      });
      return { kind: 'dropped', why: 'erased', candidateId: notice.candidateId };
    }
    await answerFeedbackRequest(notice, relay);
    return { kind: 'relayed', relay, duplicate };
  };

  async function threadOf(tokens: readonly string[]): Promise<{ token: RecruiterToken; notice: Notice } | undefined> {
    for (const value of tokens) {
      const token = await deps.relays.byRecruiterToken(value);
      const notice = token === undefined ? undefined : await deps.notices.get(token.noticeId);
      if (token !== undefined && notice !== undefined) return { token, notice };
    }
    return undefined;
  }

  async function toCandidate(
    message: InboundMessage,
    notice: Notice,
    cause: RelayCause,
    text: string,
    earlier: readonly Relay[],
  ): Promise<Relay> {
    const lastTurn = await candidateLastMessageId(earlier);
    const ownerName = notice.recruiter?.name ?? displayNameOf(deps.relay.senderFrom);
    // The rejection's own subject: never the recruiter's, which carries our flag tag.
    const subject = (sentSubjectOf(deps, notice) ?? '').replace(/^\s*((re|aw|sv)\s*:\s*)+/i, '').trim();
    const rejection =
      notice.sesMessageId === undefined ? undefined : sesMessageIdHeader(notice.sesMessageId, deps.relay.sesRegion);
    const references = [rejection, lastTurn].filter((id): id is string => id !== undefined);
    return {
      ...openRelay(cause, notice, message.receivedAt, retainUntil(message.receivedAt, deps.retentionDays)),
      direction: 'to-candidate',
      to: notice.candidate.email,
      from: displayAddress(ownerName, addressOf(deps.relay.senderFrom)),
      replyTo: candidateReplyAddress(notice.replyToken, deps.replyDomain),
      subject: `Re: ${subject === '' ? 'your application' : subject}`.slice(0, 300),
      text,
      ...(references.at(-1) === undefined ? {} : { inReplyTo: references.at(-1) }),
      references,
    };
  }

  /** The Message-ID of the candidate's newest relayed turn (the recruiter answers it). */
  async function candidateLastMessageId(earlier: readonly Relay[]): Promise<string | undefined> {
    for (const relay of [...earlier].reverse()) {
      if (relay.cause.kind !== 'candidate-reply') continue;
      const reply = await deps.replies.get(relay.cause.replyId);
      if (reply?.messageId !== undefined) return reply.messageId;
    }
    return undefined;
  }

  /** A follow-up answers the candidate's open feedback request. */
  async function answerFeedbackRequest(notice: Notice, relay: Relay): Promise<void> {
    const flag = await deps.flags.get(notice.candidateId, 'feedback-requested');
    if (flag === undefined || flag.status === 'dismissed' || !isUnanswered(flag)) return;
    await deps.flags.markAnswered(notice.candidateId, 'feedback-requested', {
      at: deps.clock.now().toISOString(),
      by: 'closeloop',
      relayId: relay.id,
    });
  }

  async function erased(candidateId: string): Promise<boolean> {
    return (await deps.erasures.get(candidateId)) !== undefined;
  }
}
