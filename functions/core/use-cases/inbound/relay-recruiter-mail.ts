import { autoReplyReason } from '../../domain/auto-reply.ts';
import { isUnanswered } from '../../domain/candidate-flag.ts';
import { normalizeEmail } from '../../domain/email-address.ts';
import { sesMessageIdHeader } from '../../domain/follow-up.ts';
import { authenticationProblem } from '../../domain/mail-authentication.ts';
import type { Notice } from '../../domain/notice.ts';
import { type Relay, type RelayCause, relayIdFor } from '../../domain/relay.ts';
import { addressOf, candidateReplyAddress, displayAddress, displayNameOf } from '../../domain/relay-addresses.ts';
import { extractReplyText } from '../../domain/reply-text/extract-reply-text.ts';
import { SentTextIndex } from '../../domain/reply-text/sent-text.ts';
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
  /** Not relayed: recorded as an unmatched reply with this reason. */
  | { readonly kind: 'refused'; readonly reason: string }
  /** The owner wrote nothing of their own, or the candidate was erased: nothing kept, nothing sent. */
  | { readonly kind: 'dropped'; readonly why: 'empty' | 'erased'; readonly candidateId?: string };

export const NOT_THE_OWNER = 'Refused: written to a recruiter-side address by someone who does not own the thread';

/**
 * A message to `recruiter+<token>@`: the owning recruiter's answer to a candidate's relayed turn.
 *
 * Primary course:
 *  1. The token names a thread (a notice); the sender is the notice's current owner, and SES's verdicts vouch
 *     for them (SPF or DKIM pass, DMARC not fail, no spam or virus verdict). Anyone else is refused.
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
    const owner = ownerInbox(notice, deps.relay.defaultRecruiterInbox);
    if (mail.from === undefined || normalizeEmail(mail.from) !== normalizeEmail(owner)) {
      return { kind: 'refused', reason: NOT_THE_OWNER };
    }
    const problem = authenticationProblem(mail.authentication);
    if (problem !== undefined)
      return { kind: 'refused', reason: `Refused: SES does not vouch for the sender (${problem})` };
    const auto = autoReplyReason({
      headers: mail.headers,
      contentType: mail.contentType,
      subject: mail.subject,
      from: mail.from,
    });
    if (auto !== undefined)
      return { kind: 'refused', reason: `Automatic mail from the owner, never relayed (${auto})` };
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

/**
 * The banner lines of a relay as rendered (`relay-email.ts`): a recruiter's client may keep them unquoted
 * below the answer. They are never the recruiter's words.
 */
export const BANNER_LINE =
  /^[\s>]*(closeloop's reading:|evidence: "|attachments, kept in the dashboard:|the candidate in the dashboard:|read it here:|a reply that burned the bridge arrived;)/i;

/**
 * What the recruiter wrote: quotes, our relay copy (its text and banner) and the signature removed. A last line
 * that is only the owner's name goes too: the follow-up is signed with it when rendered.
 */
export function recruiterText(body: string, earlier: readonly Relay[], ownerName?: string): string {
  const sent = earlier
    .filter((r) => r.direction === 'to-recruiter')
    .flatMap((r) => [r.subject, r.text, r.banner?.evidence ?? '', r.banner?.candidateUrl ?? '']);
  const withoutBanner = body
    .split(/\r?\n/)
    .filter(
      (line) =>
        !BANNER_LINE.test(line) && !earlier.some((r) => r.banner !== undefined && line.includes(r.banner.candidateUrl)),
    )
    .join('\n');
  const text = extractReplyText(withoutBanner, { sent: new SentTextIndex(sent) }).text;
  const lines = text.split('\n');
  const last = normalizeName(lines.at(-1) ?? '');
  const names =
    ownerName === undefined ? [] : [normalizeName(ownerName), normalizeName(ownerName.split(/\s+/)[0] ?? '')];
  if (lines.length > 1 && last !== '' && names.includes(last)) return lines.slice(0, -1).join('\n').trim();
  return text;
}

function normalizeName(line: string): string {
  return line
    .toLowerCase()
    .replace(/[^\p{L}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}
