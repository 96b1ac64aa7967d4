import type { Clock } from '../ports/clock.ts';
import type { Log } from '../ports/log.ts';
import type { NoticeRepository } from '../ports/notice-repository.ts';
import type { SendQueue } from '../ports/send-queue.ts';

export interface SweepDeps {
  readonly notices: NoticeRepository;
  readonly queue: SendQueue;
  readonly clock: Clock;
  readonly log: Log;
  /** Notices read from the due index per page. */
  readonly pageSize: number;
  /** Pages per sweep at most, so one run stays within its time budget; the next sweep continues. */
  readonly maxPages: number;
  /**
   * How long an enqueued notice stays out of the due index. If its message is lost, the notice is due again
   * after this and the next sweep enqueues it once more: nothing is lost.
   */
  readonly queueLeaseMs: number;
}

export interface SweepResult {
  readonly now: string;
  readonly found: number;
  readonly enqueued: number;
  readonly noticeIds: readonly string[];
}

export type SweepDueNotices = (now?: Date) => Promise<SweepResult>;

/**
 * Finds due notices and enqueues them for sending.
 *
 * Primary course:
 *  1. Read a page of due notices from the due index (scheduled, deferred, or sending with an expired lease).
 *  2. Lease each one (a conditional move of its due time) so a concurrent sweep skips it.
 *  3. Enqueue the leased ids; repeat while pages come back full.
 */
export function makeSweepDueNotices(deps: SweepDeps): SweepDueNotices {
  return async (at) => {
    const now = at ?? deps.clock.now();
    const leaseUntil = new Date(now.getTime() + deps.queueLeaseMs);
    const enqueued: string[] = [];
    let found = 0;
    for (let page = 0; page < deps.maxPages; page++) {
      const due = await deps.notices.findDue(now, deps.pageSize);
      found += due.length;
      const leased: string[] = [];
      for (const notice of due) {
        if (await deps.notices.leaseDue(notice.id, notice.dueAt, leaseUntil)) leased.push(notice.id);
      }
      if (leased.length > 0) {
        await deps.queue.enqueue(leased);
        enqueued.push(...leased);
      }
      if (due.length < deps.pageSize) break;
    }
    if (found > 0)
      deps.log.info('sweep enqueued due notices', { now: now.toISOString(), found, enqueued: enqueued.length });
    return { now: now.toISOString(), found, enqueued: enqueued.length, noticeIds: enqueued };
  };
}
