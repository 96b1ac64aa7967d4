import { NotFoundError } from '../domain/errors.ts';
import type { Notice } from '../domain/notice.ts';
import type { Clock } from '../ports/clock.ts';
import type { Log } from '../ports/log.ts';
import type { NoticeRepository } from '../ports/notice-repository.ts';

export interface CancelRequest {
  readonly noticeId: string;
  /** Who asked: `webhook:greenhouse`, `recruiter:<subject>`. Never an email address. */
  readonly actor: string;
  readonly reason: string;
}

export type CancelOutcome =
  /** It had not gone out: it never will. */
  | 'cancelled'
  /** Too late: it was already sent (or is being sent); the request is on the timeline. */
  | 'too-late'
  /** It was already cancelled, suppressed or failed: nothing to do, recorded anyway. */
  | 'already-final';

export type CancelNotice = (request: CancelRequest) => Promise<{ outcome: CancelOutcome; notice: Notice }>;

const CANCELLABLE = ['scheduled', 'deferred'] as const;

/**
 * Cancels a notice that has not gone out (an ATS "unreject", a recruiter's change of mind).
 *
 * Primary course:
 *  1. Move `scheduled|deferred → cancelled` with a conditional write, leaving the due index.
 *  2. If the notice already left (or is leaving), record the request on its timeline instead: the recruiter
 *     sees that the candidate was told before the decision changed.
 */
export function makeCancelNotice(deps: { notices: NoticeRepository; clock: Clock; log: Log }): CancelNotice {
  return async ({ noticeId, actor, reason }) => {
    const at = deps.clock.now().toISOString();
    const cancelled = await deps.notices.transition(noticeId, {
      from: CANCELLABLE,
      to: 'cancelled',
      event: { at, event: 'cancelled', detail: `Cancelled by ${actor}: ${reason}` },
      dueAt: null,
      patch: { nextAttemptAt: null, leaseUntil: null },
    });
    if (cancelled !== undefined) {
      deps.log.info('notice cancelled', { noticeId, actor });
      return { outcome: 'cancelled', notice: cancelled };
    }

    const current = await deps.notices.get(noticeId);
    if (current === undefined) throw new NotFoundError(`No notice with id ${noticeId}`);
    const final = ['cancelled', 'suppressed', 'failed'].includes(current.status);
    const detail = final
      ? `Cancel requested by ${actor} (${reason}); the notice was already ${current.status}`
      : `Cancel requested by ${actor} (${reason}) after the notice was ${current.status === 'sending' ? 'being sent' : 'sent'}`;
    await deps.notices.appendEvent(noticeId, { status: current.status, at, event: 'cancel-requested', detail });
    deps.log.info('cancel requested too late', { noticeId, actor, status: current.status });
    const notice = (await deps.notices.get(noticeId)) ?? current;
    return { outcome: final ? 'already-final' : 'too-late', notice };
  };
}
