import type { FlagDecision } from '../../domain/candidate-flag.ts';
import { mostSerious } from '../../domain/conversation-flags.ts';
import { sesMessageIdHeader } from '../../domain/follow-up.ts';
import { randomToken } from '../../domain/ids.ts';
import type { Notice } from '../../domain/notice.ts';
import { type Relay, type RelayBanner, type RelayCause, relayIdFor } from '../../domain/relay.ts';
import { addressOf, displayAddress, recruiterAddress } from '../../domain/relay-addresses.ts';
import type { Reply } from '../../domain/reply.ts';
import type { AttachmentMetadata } from '../../ports/inbound-mail-parser.ts';
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
    const window = await deps.relays.countInWindow(
      notice.id,
      notice.candidateId,
      now,
      deps.relay.hourlyCap,
      relayIdFor(cause),
    );
    if (!window.counted) return { paused: await pauseThread(notice, now, reply.retainUntil, window.windowStart) };
    const token = await recruiterToken(notice, now, reply.retainUntil);
    const withheld = burned && deps.relay.hostileRelay === 'summary';
    // The flag tag (`[Bridge burned] Re: …`) is added from the banner when the email is rendered.
    const subject = `Re: ${baseSubject(notice, reply)}`;
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
      ...(sentiment === undefined ? {} : { sentiment }),
      candidateUrl: candidateUrl(deps.relay.dashboardUrl, turn.notice.candidateId),
      ...(withheld ? { withheld: true } : {}),
      ...(turn.attachments.length === 0 ? {} : { attachments: turn.attachments }),
    };
  }

  function baseSubject(notice: Notice, reply: Reply | undefined): string {
    const subject = sentSubjectOf(deps, notice) ?? reply?.subject ?? `${notice.candidate.name}: ${notice.job.title}`;
    return subject.replace(/^\s*((re|aw|sv|fw|fwd)\s*:\s*)+/i, '').trim();
  }

  /** The thread's recruiter side (`recruiter+<token>@`), minted at its first relay: concurrent callers agree. */
  function recruiterToken(notice: Notice, now: Date, retain: string) {
    return deps.relays.recruiterTokenFor(notice.id, notice.candidateId, {
      token: randomToken(),
      noticeId: notice.id,
      candidateId: notice.candidateId,
      createdAt: now.toISOString(),
      retainUntil: retain,
    });
  }

  /**
   * Tells the owner once per window that the thread is paused: the relay's id derives from the stored window
   * start (the window runs an hour from its first relay, not by the clock hour), and it says until when. The
   * owner answers it at the thread's recruiter side, as any relay (the relay address receives nothing).
   */
  async function pauseThread(notice: Notice, now: Date, retain: string, windowStart: string): Promise<Relay> {
    const cause: RelayCause = { kind: 'thread-paused', noticeId: notice.id, windowStart };
    const url = candidateUrl(deps.relay.dashboardUrl, notice.candidateId);
    deps.log.warn('thread paused: hourly relay cap reached', { noticeId: notice.id, cap: deps.relay.hourlyCap });
    const token = await recruiterToken(notice, now, retain);
    return deps.startRelay({
      ...openRelay(cause, notice, now.toISOString(), retain),
      direction: 'to-recruiter',
      to: ownerInbox(notice, deps.relay.defaultRecruiterInbox),
      from: displayAddress('Closeloop', addressOf(deps.relay.relayFrom)),
      replyTo: recruiterAddress(token.token, deps.replyDomain),
      // Rendered as `[Paused] Re: …`.
      subject: `Re: ${baseSubject(notice, undefined)}`.slice(0, 300),
      text:
        `More than ${deps.relay.hourlyCap} messages in this thread within an hour: Closeloop stopped relaying it ` +
        `until ${pausedUntil(windowStart)}. Every message is still read and recorded; read them in the dashboard: ${url}`,
      banner: { flags: [], candidateUrl: url },
      references: [],
    });
  }
}

/** When a paused thread relays again: an hour after its window's first relay (UTC, to the minute). */
function pausedUntil(windowStart: string): string {
  const start = Date.parse(windowStart);
  return Number.isNaN(start)
    ? 'the hour is over'
    : `${new Date(start + 3_600_000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The fields every new relay starts with. */
export function openRelay(cause: RelayCause, notice: Notice, at: string, retain: string) {
  return {
    id: relayIdFor(cause),
    noticeId: notice.id,
    candidateId: notice.candidateId,
    cause,
    status: 'pending' as const,
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    history: [{ at, status: 'pending' as const, detail: `Recorded (${cause.kind})` }],
    retainUntil: retain,
  };
}

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
