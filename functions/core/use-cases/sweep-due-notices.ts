import type { Clock } from '../ports/clock.ts';
import type { Log } from '../ports/log.ts';
import type { NoticeRepository } from '../ports/notice-repository.ts';
import type { RelayQueue } from '../ports/relay-queue.ts';
import type { RelayRepository } from '../ports/relay-repository.ts';
import type { SendQueue } from '../ports/send-queue.ts';
import type { SendingControl } from '../ports/sending-control.ts';

export interface SweepDeps {
  readonly notices: NoticeRepository;
  readonly queue: SendQueue;
  /** While sending is paused the sweep enqueues nothing: due notices wait in the index, untouched. */
  readonly control: SendingControl;
  readonly clock: Clock;
  readonly log: Log;
  /** Notices read from the due index per page. */
  readonly pageSize: number;
  /** Pages per sweep at most, so one run stays within its time budget; the next sweep continues. */
  readonly maxPages: number;
  /**
   * Notices enqueued per run at most: about what the send function can send before the next runs, so the queue
   * never holds more than the SES rate drains well within `queueLeaseMs`.
   */
  readonly maxPerRun: number;
  /**
   * How long an enqueued notice stays out of the due index. If its message is lost, the notice is due again
   * after this and the next sweep enqueues it once more: nothing is lost.
   */
  readonly queueLeaseMs: number;
  /**
   * The backstop for relays (docs/conversations.md): each is enqueued when it is created, so only one still open
   * `graceMs` after it fell due (a lost message, a worker that died, a deferral whose time came) is enqueued again.
   * The send's claim makes a second message harmless.
   */
  readonly relayBackstop?: {
    readonly relays: Pick<RelayRepository, 'findDue'>;
    readonly queue: RelayQueue;
    readonly graceMs: number;
    readonly limit: number;
  };
}

export interface SweepResult {
  readonly now: string;
  readonly found: number;
  readonly enqueued: number;
  readonly noticeIds: readonly string[];
  /** Relays enqueued again by the backstop. */
  readonly relayIds: readonly string[];
  /** True when sending is paused and nothing was looked at. */
  readonly paused: boolean;
}

export type SweepDueNotices = (now?: Date) => Promise<SweepResult>;

/**
 * Finds due notices and enqueues them for sending.
 *
 * Primary course:
 *  1. While sending is paused, do nothing: the due index keeps every notice for after the resume.
 *  2. Read a page of due notices from the due index (scheduled, deferred, or sending with an expired lease).
 *  3. Lease each one (a conditional move of its due time) so a concurrent sweep skips it.
 *  4. Enqueue the leased ids; repeat while pages come back full.
 *  5. Enqueue again the open relays that are overdue (`relayBackstop`).
 */
export function makeSweepDueNotices(deps: SweepDeps): SweepDueNotices {
  return async (at) => {
    const now = at ?? deps.clock.now();
    if ((await deps.control.state()).paused) {
      deps.log.info('sending is paused; sweep skipped', { now: now.toISOString() });
      return { now: now.toISOString(), found: 0, enqueued: 0, noticeIds: [], relayIds: [], paused: true };
    }
    const leaseUntil = new Date(now.getTime() + deps.queueLeaseMs);
    const enqueued: string[] = [];
    let found = 0;
    for (let page = 0; page < deps.maxPages && enqueued.length < deps.maxPerRun; page++) {
      const want = Math.min(deps.pageSize, deps.maxPerRun - enqueued.length);
      const due = await deps.notices.findDue(now, want);
      found += due.length;
      const leased: string[] = [];
      for (const notice of due) {
        if (await deps.notices.leaseDue(notice.id, notice.dueAt, leaseUntil)) leased.push(notice.id);
      }
      if (leased.length > 0) {
        await deps.queue.enqueue(leased);
        enqueued.push(...leased);
      }
      if (due.length < want) break;
    }
    if (found > 0)
      deps.log.info('sweep enqueued due notices', { now: now.toISOString(), found, enqueued: enqueued.length });
    const relayIds = await enqueueOverdueRelays(now);
    return { now: now.toISOString(), found, enqueued: enqueued.length, noticeIds: enqueued, relayIds, paused: false };
  };

  async function enqueueOverdueRelays(now: Date): Promise<string[]> {
    const backstop = deps.relayBackstop;
    if (backstop === undefined) return [];
    const overdue = await backstop.relays.findDue(new Date(now.getTime() - backstop.graceMs), backstop.limit);
    const ids = overdue.map((relay) => relay.id);
    if (ids.length > 0) {
      await backstop.queue.enqueueRelays(ids);
      deps.log.info('sweep enqueued overdue relays again', { now: now.toISOString(), relays: ids.length });
    }
    return ids;
  }
}
