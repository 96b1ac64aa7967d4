import { ConflictError, NotFoundError } from '../domain/errors.ts';
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
  /**
   * Too late to cancel outright: it was already sent, or is being sent right now. The request is on the timeline,
   * and nothing sends it again: if the mail service had not accepted it yet (a transient error, a worker that
   * died) or it bounces softly, it ends `cancelled` instead of being retried.
   */
  | 'too-late'
  /** It was already cancelled, suppressed or failed: nothing to do, recorded anyway. */
  | 'already-final';

export type CancelNotice = (request: CancelRequest) => Promise<{ outcome: CancelOutcome; notice: Notice }>;

const CANCELLABLE = ['scheduled', 'deferred'] as const;

/** The notice can move under us (the send finishing, a report arriving); re-read and retry a few times. */
const MAX_RACES = 5;

/**
 * Cancels a notice that has not gone out (an ATS "unreject", a recruiter's change of mind).
 *
 * Primary course:
 *  1. Move `scheduled|deferred → cancelled` with a conditional write, leaving the due index.
 *  2. If the notice already left (or is leaving), record the request (`cancelRequestedAt`) on it and its timeline
 *     with a conditional write on that status: the recruiter sees that the candidate may have been told before
 *     the decision changed, and every retry path (send-notice's defer and reclaim, track-delivery's soft bounce)
 *     ends the notice `cancelled` instead of sending it again.
 */
export function makeCancelNotice(deps: { notices: NoticeRepository; clock: Clock; log: Log }): CancelNotice {
  return async ({ noticeId, actor, reason }) => {
    const at = deps.clock.now().toISOString();
    const cancel = async (): Promise<{ outcome: CancelOutcome; notice: Notice } | undefined> => {
      const cancelled = await deps.notices.transition(noticeId, {
        from: CANCELLABLE,
        to: 'cancelled',
        event: { at, event: 'cancelled', detail: `Cancelled by ${actor}: ${reason}` },
        dueAt: null,
        patch: { nextAttemptAt: null, leaseUntil: null },
      });
      if (cancelled === undefined) return undefined;
      deps.log.info('notice cancelled', { noticeId, actor });
      return { outcome: 'cancelled', notice: cancelled };
    };
    const cancelledFirst = await cancel();
    if (cancelledFirst !== undefined) return cancelledFirst;

    for (let race = 0; race < MAX_RACES; race++) {
      const current = await deps.notices.get(noticeId);
      if (current === undefined) throw new NotFoundError(`No notice with id ${noticeId}`);
      const leaving = current.status === 'sending' || current.status === 'sent';
      if (leaving) {
        const stopped =
          current.status === 'sending'
            ? ' it is stopped if the mail service has not accepted it yet'
            : ' it will not be sent again';
        const requested = await deps.notices.transition(noticeId, {
          from: [current.status],
          to: current.status,
          event: {
            at,
            event: 'cancel-requested',
            detail: `Cancel requested by ${actor} (${reason}) after the notice was ${current.status === 'sending' ? 'being sent' : 'sent'};${stopped}`,
          },
          patch: { cancelRequestedAt: current.cancelRequestedAt ?? at },
        });
        // Refused: it moved on (sent, deferred, delivered) between the read and the write; look again.
        if (requested === undefined) continue;
        deps.log.info('cancel requested too late', { noticeId, actor, status: current.status });
        return { outcome: 'too-late', notice: requested };
      }
      if (CANCELLABLE.some((status) => status === current.status)) {
        const cancelledNow = await cancel();
        if (cancelledNow !== undefined) return cancelledNow;
        continue;
      }
      const final = ['cancelled', 'suppressed', 'failed'].includes(current.status);
      const detail = final
        ? `Cancel requested by ${actor} (${reason}); the notice was already ${current.status}`
        : `Cancel requested by ${actor} (${reason}) after the notice was ${current.status}`;
      await deps.notices.appendEvent(noticeId, { status: current.status, at, event: 'cancel-requested', detail });
      deps.log.info('cancel requested too late', { noticeId, actor, status: current.status });
      const notice = (await deps.notices.get(noticeId)) ?? current;
      return { outcome: final ? 'already-final' : 'too-late', notice };
    }
    throw new ConflictError('The notice kept changing while it was being cancelled; try again.');
  };
}
