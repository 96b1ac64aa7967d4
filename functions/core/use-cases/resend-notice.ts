import { emailDigest, normalizeEmail } from '../domain/email-address.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { Notice, NoticeStatus } from '../domain/notice.ts';
import type { SendPolicy } from '../domain/send-policy.ts';
import type { Clock } from '../ports/clock.ts';
import type { Log } from '../ports/log.ts';
import type { NoticeRepository } from '../ports/notice-repository.ts';
import type { SuppressionRepository } from '../ports/suppression-repository.ts';

export interface ResendRequest {
  readonly noticeId: string;
  /** `recruiter:<subject>`. Never an email address. */
  readonly actor: string;
  /** Why, for the timeline ("candidate says it never arrived"). */
  readonly reason?: string;
  /** A corrected address; the notice goes there from now on. */
  readonly email?: string;
  /** When to send; default: the next moment inside the candidate's business hours. Never in the past. */
  readonly sendAt?: Date;
}

export type ResendNotice = (request: ResendRequest) => Promise<Notice>;

/**
 * Statuses a recruiter may resend from: everything but a notice being sent right now. A scheduled or deferred
 * notice is rescheduled (and may get a corrected address); a sent, delivered, bounced, complained, failed,
 * cancelled or suppressed one is scheduled again.
 */
const RESENDABLE: readonly NoticeStatus[] = [
  'scheduled',
  'deferred',
  'sent',
  'delivered',
  'bounced',
  'complained',
  'failed',
  'cancelled',
  'suppressed',
];

/** Conditional writes can lose to the sweep or to tracking; re-read and retry a few times. */
const MAX_RACES = 5;

export interface ResendNoticeDeps {
  readonly notices: NoticeRepository;
  readonly suppressions: SuppressionRepository;
  readonly policy: SendPolicy;
  readonly clock: Clock;
  readonly log: Log;
}

/**
 * A recruiter sends a notice again, optionally to a corrected address.
 *
 * Primary course:
 *  1. Refuse an address on our suppression list (it bounced for good, complained or was erased): the send would
 *     only end `suppressed`. A corrected address is the way forward.
 *  2. Move the notice back to `scheduled` at the requested time (default: next business-hours moment), with a
 *     fresh attempt budget and the corrected address, in one conditional write on its current status.
 *  3. The sweep sends it like any other; reports about the earlier message stay on the timeline but no longer
 *     move the status (they carry an attempt number at or below `attemptBase`).
 */
export function makeResendNotice(deps: ResendNoticeDeps): ResendNotice {
  return async ({ noticeId, actor, reason, email, sendAt }) => {
    for (let race = 0; race < MAX_RACES; race++) {
      const notice = await deps.notices.get(noticeId);
      if (notice === undefined) throw new NotFoundError(`No notice with id ${noticeId}`);
      if (notice.status === 'sending') {
        throw new ConflictError('The notice is being sent right now; look again in a minute before resending.');
      }
      if (!RESENDABLE.includes(notice.status)) {
        throw new ConflictError(`A ${notice.status} notice cannot be resent.`);
      }

      const address = email === undefined ? undefined : normalizeEmail(email);
      const digest = address === undefined ? notice.emailDigest : emailDigest(address);
      const suppression = await deps.suppressions.find(digest);
      if (suppression !== undefined) {
        const whose = address === undefined ? "candidate's" : 'given';
        const advice = address === undefined ? ' Resend to a corrected address.' : '';
        throw new ConflictError(
          `The ${whose} address is suppressed (${suppression.reason}); nothing would be sent.${advice}`,
        );
      }

      const now = deps.clock.now();
      const at =
        sendAt === undefined
          ? deps.policy.nextSendableAt(now, notice.candidate.timeZone)
          : new Date(Math.max(sendAt.getTime(), now.getTime()));
      const when = at.toISOString();
      const changedAddress = address !== undefined && address !== notice.candidate.email;
      const why = reason === undefined ? '' : ` (${reason})`;
      const where = changedAddress ? ' to a corrected address' : '';
      const detail = `Resend requested by ${actor}${why}${where}; scheduled for ${when}`;

      const moved = await deps.notices.transition(noticeId, {
        from: [notice.status],
        to: 'scheduled',
        attemptsEquals: notice.attempts,
        event: { at: now.toISOString(), event: 'resend', detail },
        dueAt: when,
        patch: {
          sendAt: when,
          attemptBase: notice.attempts,
          nextAttemptAt: null,
          leaseUntil: null,
          failureReason: null,
          // The recruiter means it: a cancel requested while the earlier attempt was leaving no longer holds.
          cancelRequestedAt: null,
          ...(changedAddress ? { candidateEmail: address, emailDigest: digest } : {}),
        },
      });
      if (moved !== undefined) {
        deps.log.info('notice resend scheduled', { noticeId, actor, sendAt: when, correctedAddress: changedAddress });
        return moved;
      }
    }
    throw new ConflictError('The notice changed while it was being rescheduled; try again.');
  };
}
