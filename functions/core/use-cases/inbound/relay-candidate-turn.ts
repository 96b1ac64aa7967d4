import type { FlagDecision } from '../../domain/candidate-flag.ts';
import { mostSerious } from '../../domain/conversation-flags.ts';
import { sesMessageIdHeader } from '../../domain/follow-up.ts';
import type { Notice } from '../../domain/notice.ts';
import { definedFields } from '../../domain/optional.ts';
import { type Relay, type RelayBanner, type RelayCause, relayIdFor } from '../../domain/relay.ts';
import { addressOf, displayAddress, recruiterAddress } from '../../domain/relay-addresses.ts';
import type { Reply } from '../../domain/reply.ts';
import type { AttachmentMetadata } from '../../ports/inbound-mail-parser.ts';
import { makeThreadWindow, openRelay } from '../thread-window.ts';
import { candidateUrl, ownerInbox, type ProcessInboundMailDeps } from './inbound-deps.ts';
import { sentSubjectOf } from './read-reply.ts';

type RelayTurnDeps = Pick<
  ProcessInboundMailDeps,
  'relays' | 'startRelay' | 'relay' | 'replyDomain' | 'sentTextOf' | 'clock' | 'log'
>;

export interface CandidateTurn {
  readonly reply: Reply;
  readonly notice: Notice;
  /** The flags this turn raised, with their evidence. */
  readonly decisions: readonly FlagDecision[];
  readonly attachments: readonly AttachmentMetadata[];
}

/**
 * Relays a candidate's turn to the owning recruiter (docs/conversations.md), once per reply.
 *
 * Primary course:
 *  1. Only a classified reply matched to a notice is relayed (auto-replies, loops, empty and unmatched are not).
 *  2. A bridge-burned turn follows the hostile policy: `none` relays nothing, `summary` withholds the text.
 *  3. A relay already created for this reply is handed to start-relay again (it enqueues it while still open).
 *  4. The thread's hourly cap: over it, nothing is relayed and the owner is told once per window.
 *  5. The thread's recruiter-side address (minted at its first relay), the banner, the threading headers.
 */
export function makeRelayCandidateTurn(deps: RelayTurnDeps) {
  const thread = makeThreadWindow(deps);
  /** The turn's relay; or, over the cap, the thread-paused relay written instead (erasure racing must find it). */
  return async (turn: CandidateTurn): Promise<{ relay?: Relay; paused?: Relay }> => {
    const { reply, notice, decisions } = turn;
    if (reply.status !== 'classified' || reply.correlation.method === 'none') return {};
    const burned = decisions.some((d) => d.flag === 'bridge-burned');
    if (burned && deps.relay.hostileRelay === 'none') {
      deps.log.info('hostile turn not relayed (policy none)', { replyId: reply.id, noticeId: notice.id });
      return {};
    }
    const cause: RelayCause = { kind: 'candidate-reply', replyId: reply.id };
    const existing = await deps.relays.get(relayIdFor(cause));
    if (existing !== undefined) return { relay: await deps.startRelay(existing) };
    const now = deps.clock.now();
    const retain = reply.retainUntil;
    const subject = `Re: ${baseSubject(notice, reply)}`;
    const window = await thread.count({ notice, relayId: relayIdFor(cause), at: now, retainUntil: retain, subject });
    if (!window.counted) return { paused: window.paused };
    const token = await thread.recruiterToken(notice, now, retain);
    const withheld = burned && deps.relay.hostileRelay === 'summary';
    const earlier = await deps.relays.listByNotice(notice.id);
    const ids = earlier
      .filter((r) => r.direction === 'to-recruiter' && r.sesMessageId !== undefined)
      .flatMap((r) => (r.sesMessageId === undefined ? [] : [sesMessageIdHeader(r.sesMessageId, deps.relay.sesRegion)]));
    const relay = await deps.startRelay({
      ...openRelay(cause, notice, now.toISOString(), reply.retainUntil),
      direction: 'to-recruiter',
      to: ownerInbox(notice, deps.relay.defaultRecruiterInbox),
      from: displayAddress(`${notice.candidate.name} via Closeloop`, addressOf(deps.relay.relayFrom)),
      replyTo: recruiterAddress(token.token, deps.replyDomain),
      // The flag tag (`[Bridge burned] Re: …`) is added from the banner when the email is rendered.
      subject: subject.slice(0, 300),
      text: withheld ? '' : reply.text,
      banner: bannerFor(turn, withheld),
      ...(ids.at(-1) === undefined ? {} : { inReplyTo: ids.at(-1) }),
      references: ids.slice(-10),
    });
    return { relay };
  };

  function bannerFor(turn: CandidateTurn, withheld: boolean): RelayBanner {
    const serious = mostSerious(turn.decisions.filter((d) => d.evidence.length > 0));
    const evidence = serious?.evidence[0]?.sentence;
    const sentiment = turn.reply.classification?.sentiment.label;
    return {
      flags: turn.decisions.map((d) => d.flag),
      ...(evidence === undefined || withheld ? {} : { evidence }),
      ...definedFields({ sentiment }),
      candidateUrl: candidateUrl(deps.relay.dashboardUrl, turn.notice.candidateId),
      ...(withheld ? { withheld: true } : {}),
      ...(turn.attachments.length === 0 ? {} : { attachments: turn.attachments }),
    };
  }

  function baseSubject(notice: Notice, reply: Reply): string {
    const subject = sentSubjectOf(deps, notice) ?? reply.subject ?? `${notice.candidate.name}: ${notice.job.title}`;
    return subject.replace(/^\s*((re|aw|sv|fw|fwd)\s*:\s*)+/i, '').trim();
  }
}

export { openRelay } from '../thread-window.ts';

/**
 * What relays wrote for their thread, for erasure racing this message: the relays, the thread item (hourly
 * window) and the recruiter tokens of their Reply-To. Deleting an item already gone is fine.
 */
export function threadItemsOf(...written: (Relay | undefined)[]) {
  const relays = written.filter((r): r is Relay => r !== undefined);
  const tokens = relays.flatMap((r) => /^recruiter\+([a-z2-7]{32})@/.exec(r.replyTo)?.[1] ?? []);
  return {
    relays,
    relayThreads: [...new Set(relays.map((r) => r.noticeId))],
    recruiterTokens: [...new Set(tokens)],
  };
}
