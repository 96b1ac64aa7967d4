import { randomToken } from '../domain/ids.ts';
import type { Notice } from '../domain/notice.ts';
import { type Relay, type RelayCause, relayIdFor } from '../domain/relay.ts';
import { addressOf, displayAddress, recruiterAddress } from '../domain/relay-addresses.ts';
import type { Log } from '../ports/log.ts';
import type { RecruiterToken, RelayRepository } from '../ports/relay-repository.ts';
import { candidateUrl, ownerInbox, type RelaySettings } from './inbound/inbound-deps.ts';
import type { StartRelay } from './start-relay.ts';

export interface ThreadWindowDeps {
  readonly relays: Pick<RelayRepository, 'countInWindow' | 'recruiterTokenFor'>;
  readonly startRelay: StartRelay;
  readonly relay: Pick<RelaySettings, 'hourlyCap' | 'relayFrom' | 'defaultRecruiterInbox' | 'dashboardUrl'>;
  readonly replyDomain: string;
  readonly log: Log;
}

/** A relay about to be created in a thread: its id (counted once per window), when, and how long it is kept. */
export interface ThreadRelay {
  readonly notice: Notice;
  readonly relayId: string;
  readonly at: Date;
  readonly retainUntil: string;
  /** The thread's subject (`Re: …`), for the thread-paused notice. */
  readonly subject: string;
}

export type ThreadWindowOutcome =
  | { readonly counted: true }
  /** Over the cap: `paused` is the owner's thread-paused notice (one per window), `until` when it ends. */
  | { readonly counted: false; readonly paused: Relay; readonly until: string };

/**
 * A thread's hourly cap (docs/conversations.md): every relay in a thread counts, in both directions (a
 * candidate's turn, the recruiter's answer from their mail client or the dashboard), so two autoresponders that
 * add no loop marker cannot keep a thread going faster than the cap.
 *
 * Primary course:
 *  1. Count the relay in the thread's window (once per relay id: a retry is free).
 *  2. Over the cap: tell the owner once per window, with a relay keyed on the stored window start that says until
 *     when (window start + 1 hour) and is answered at the thread's recruiter side.
 */
export function makeThreadWindow(deps: ThreadWindowDeps) {
  /** The thread's recruiter side (`recruiter+<token>@`), minted at its first relay: concurrent callers agree. */
  function recruiterToken(notice: Notice, at: Date, retain: string): Promise<RecruiterToken> {
    return deps.relays.recruiterTokenFor(notice.id, notice.candidateId, {
      token: randomToken(),
      noticeId: notice.id,
      candidateId: notice.candidateId,
      createdAt: at.toISOString(),
      retainUntil: retain,
    });
  }

  async function count(relay: ThreadRelay): Promise<ThreadWindowOutcome> {
    const { notice, at } = relay;
    const cap = deps.relay.hourlyCap;
    const window = await deps.relays.countInWindow(notice.id, notice.candidateId, at, cap, relay.relayId);
    if (window.counted) return { counted: true };
    deps.log.warn('thread paused: hourly relay cap reached', { noticeId: notice.id, cap });
    const until = pausedUntil(window.windowStart);
    return { counted: false, paused: await tellOwner(relay, window.windowStart, until), until };
  }

  async function tellOwner(relay: ThreadRelay, windowStart: string, until: string): Promise<Relay> {
    const { notice, at } = relay;
    const cause: RelayCause = { kind: 'thread-paused', noticeId: notice.id, windowStart };
    const url = candidateUrl(deps.relay.dashboardUrl, notice.candidateId);
    const token = await recruiterToken(notice, at, relay.retainUntil);
    return deps.startRelay({
      ...openRelay(cause, notice, at.toISOString(), relay.retainUntil),
      direction: 'to-recruiter',
      to: ownerInbox(notice, deps.relay.defaultRecruiterInbox),
      from: displayAddress('Closeloop', addressOf(deps.relay.relayFrom)),
      replyTo: recruiterAddress(token.token, deps.replyDomain),
      // Rendered as `[Paused] Re: …`.
      subject: relay.subject.slice(0, 300),
      text:
        `More than ${deps.relay.hourlyCap} messages in this thread within an hour: Closeloop stopped relaying it ` +
        `until ${until}. Every message is still read and recorded; read them in the dashboard: ${url}`,
      banner: { flags: [], candidateUrl: url },
      references: [],
    });
  }

  return { count, recruiterToken };
}

/** A relay about to be created, as the thread's window counts it. */
export function threadRelay(notice: Notice, relay: Relay): ThreadRelay {
  return {
    notice,
    relayId: relay.id,
    at: new Date(relay.createdAt),
    retainUntil: relay.retainUntil,
    subject: relay.subject,
  };
}

/** Why an answer was not relayed: the thread is paused. */
export function overTheCap(until: string): string {
  return `Not relayed: the thread reached its hourly limit of relayed messages and is paused until ${until}`;
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

/** When a paused thread relays again: an hour after its window's first relay (UTC, to the minute). */
function pausedUntil(windowStart: string): string {
  const start = Date.parse(windowStart);
  return Number.isNaN(start)
    ? 'the hour is over'
    : `${new Date(start + 3_600_000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
