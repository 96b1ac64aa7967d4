import type { Branding } from '../domain/branding.ts';
import { emailVariables } from '../domain/email-variables.ts';
import { PermanentSendError, TemplateVariableError, TransientSendError } from '../domain/errors.ts';
import { type Notice, SENDABLE_STATUSES } from '../domain/notice.ts';
import { definedFields } from '../domain/optional.ts';
import { backoffDelayMs, type RetryPolicy } from '../domain/retry-policy.ts';
import type { SendPolicy } from '../domain/send-policy.ts';
import type { Clock } from '../ports/clock.ts';
import type { Log } from '../ports/log.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { NoticeRepository, NoticeTransition } from '../ports/notice-repository.ts';
import type { ReputationLedger } from '../ports/reputation-ledger.ts';
import type { SendingControl } from '../ports/sending-control.ts';
import type { SuppressionRepository } from '../ports/suppression-repository.ts';
import type { RenderedEmail, TemplateRenderer } from '../ports/template-renderer.ts';

export interface SenderIdentity {
  /** `Name <address>` on the verified sending domain. */
  readonly from: string;
  /** Replies go to `reply+<token>@<replyDomain>`, which the inbound path receives. */
  readonly replyDomain: string;
}

export interface SendNoticeDeps {
  readonly notices: NoticeRepository;
  readonly suppressions: SuppressionRepository;
  /** The sending switch: while paused nothing is claimed, so every notice waits where it is. */
  readonly control: SendingControl;
  /** Counts accepted messages for the reputation guard's rolling rates. */
  readonly ledger: ReputationLedger;
  /** Retries land inside the candidate's business hours too. */
  readonly policy: SendPolicy;
  readonly mailer: Mailer;
  readonly renderer: TemplateRenderer;
  readonly clock: Clock;
  readonly log: Log;
  readonly sender: SenderIdentity;
  readonly branding: Branding;
  readonly retry: RetryPolicy;
  /** How long a claimed notice is left to its worker before another may retry it. */
  readonly sendLeaseMs: number;
  readonly random: () => number;
}

export type SendOutcome = 'sent' | 'skipped' | 'suppressed' | 'failed' | 'deferred' | 'paused' | 'cancelled';

export interface SendNoticeOptions {
  /**
   * The instant the sweep that enqueued the notice ran as of. Leases are judged and granted as of the later of it
   * and the clock, so a lease that sweep found expired is expired here too, and a claim made now stays out of
   * sweeps run as of that instant. Locally `POST /local/sweep?now=` moves time forward this way: a restarted stack
   * retries a notice its killed predecessor had claimed without anyone sleeping through the lease. In AWS the
   * sweep runs on the clock, so this is never later than the clock and changes nothing.
   */
  readonly asOf?: Date;
}

export type SendNotice = (noticeId: string, options?: SendNoticeOptions) => Promise<SendOutcome>;

/** What the claim step decided: go on with the claimed notice, or stop with this outcome. */
type Claim = { readonly claimed: Notice } | { readonly outcome: SendOutcome };

/**
 * Sends one notice, at most once.
 *
 * Primary course:
 *  1. While sending is paused, leave the notice untouched: it is due again once the sweep's lease runs out.
 *  2. Claim it (`scheduled|deferred → sending`, or a `sending` whose lease expired) with a conditional write,
 *     without reading it first: see `claim`. Anything not sendable (already sent, cancelled, claimed by a live
 *     worker) is skipped.
 *  3. Check our suppression list (after the claim, see `stopIfSuppressed`); a suppressed address moves the
 *     claimed notice `sending → suppressed`.
 *  4. Render the precompiled template; a missing variable fails the notice before anything is sent.
 *  5. Send through the mailer with the notice id and the attempt number as message tags.
 *  6. Record `sent` and count it. If the function dies before this write, the SES Send event reconciles it.
 * Transient failures defer the notice with backoff (into business hours) until the attempt cap, then fail it;
 * permanent ones fail it.
 */
export function makeSendNotice(deps: SendNoticeDeps): SendNotice {
  return async (noticeId, options = {}) => {
    if ((await deps.control.state()).paused) {
      deps.log.info('sending is paused; notice left scheduled', { noticeId });
      return 'paused';
    }
    const claim = await claimNotice(noticeId, leaseNowOf(options));
    if ('outcome' in claim) return claim.outcome;
    const notice = claim.claimed;
    const suppressed = await stopIfSuppressed(notice);
    if (suppressed !== undefined) return suppressed;
    const email = render(notice);
    if ('outcome' in email) return email.outcome;
    const sent = await send(notice, email.rendered);
    if ('outcome' in sent) return sent.outcome;
    return recordSent(notice, sent.messageId);
  };

  /** Leases are judged and granted as of the later of the sweep's instant and the clock (`SendNoticeOptions`). */
  function leaseNowOf(options: SendNoticeOptions): Date {
    const now = deps.clock.now();
    return options.asOf !== undefined && options.asOf > now ? options.asOf : now;
  }

  /**
   * The claim is tried first, as the common case (a scheduled notice's first attempt, `attempts` 0), and the
   * notice is looked at only when the condition refuses it: the refusal carries the notice as it stood, so a
   * retry (a deferred notice, a resend, a reclaim of an expired lease) or a skip costs no read first.
   */
  async function claimNotice(noticeId: string, leaseNow: Date): Promise<Claim> {
    const first = await deps.notices.tryTransition(noticeId, claimMove(0, false, leaseNow));
    if (first.moved) return { claimed: first.notice };
    const notice = first.current;
    deps.log.debug('first claim refused', { noticeId, readBack: first.readBack, status: notice?.status });
    if (notice === undefined) {
      deps.log.warn('notice to send does not exist', { noticeId });
      return { outcome: 'skipped' };
    }
    const reclaim =
      notice.status === 'sending' && notice.leaseUntil !== undefined && notice.leaseUntil <= leaseNow.toISOString();
    if (!SENDABLE_STATUSES.includes(notice.status) && !reclaim) {
      deps.log.debug('notice not sendable, skipped', { noticeId, status: notice.status });
      return { outcome: 'skipped' };
    }
    if (reclaim && notice.cancelRequestedAt !== undefined) {
      return { outcome: await cancelInstead(notice, 'the previous worker did not finish', leaseNow.toISOString()) };
    }
    // Sendable, attempts 0 and no cancel requested, yet refused: another worker's claim landed in between.
    const raced = !reclaim && notice.attempts === 0 && notice.cancelRequestedAt === undefined;
    // A cancel requested meanwhile leaves it for the next sweep, which cancels it.
    const claimed =
      raced || notice.cancelRequestedAt !== undefined
        ? undefined
        : await deps.notices.transition(noticeId, claimMove(notice.attempts, reclaim, leaseNow));
    if (claimed === undefined) {
      deps.log.debug('notice claimed by another worker', { noticeId });
      return { outcome: 'skipped' };
    }
    return { claimed };
  }

  /**
   * `sending` for one lease, conditional on the attempt count the attempt's number is written from. The due time
   * is left where the sweep's lease put it (no `dueAt`): moving it would delete and re-add the notice's `byDue`
   * entry (2 write units) on every send. A `sending` notice therefore falls due again when the sweep's lease ends,
   * about when its own lease does (both 15 minutes, taken seconds apart): the sweep then finds a worker that died,
   * and the claim's lease check decides; a lease still live for those seconds is skipped and found again one queue
   * lease later.
   */
  function claimMove(attempts: number, reclaim: boolean, leaseNow: Date): NoticeTransition {
    const leaseUntil = new Date(leaseNow.getTime() + deps.sendLeaseMs).toISOString();
    return {
      from: reclaim ? ['sending'] : SENDABLE_STATUSES,
      ...(reclaim ? { leaseExpiredBefore: leaseNow.toISOString() } : {}),
      attemptsEquals: attempts,
      cancelRequested: false,
      to: 'sending',
      event: {
        at: deps.clock.now().toISOString(),
        event: 'send-attempt',
        detail: reclaim ? `Attempt ${attempts + 1} (the previous worker did not finish)` : `Attempt ${attempts + 1}`,
      },
      incrementAttempts: true,
      patch: { leaseUntil, nextAttemptAt: null },
    };
  }

  /**
   * Checked after the claim, not before: a suppression (a recruiter's, or an erasure's tombstone) written before
   * this read stops the email, and one written after it finds the notice already `sending`, which an erasure
   * leaves alone until the lease ends. Checked before the claim, a suppression landing in between would slip
   * through and the email would go out after an erasure reported itself complete.
   */
  async function stopIfSuppressed(notice: Notice): Promise<SendOutcome | undefined> {
    const suppression = await deps.suppressions.find(notice.emailDigest);
    if (suppression === undefined) return undefined;
    const moved = await deps.notices.transition(notice.id, {
      from: ['sending'],
      to: 'suppressed',
      event: {
        at: deps.clock.now().toISOString(),
        event: 'suppression',
        detail: `Not sent: the address is suppressed (${suppression.reason})`,
      },
      dueAt: null,
      patch: { leaseUntil: null, nextAttemptAt: null },
    });
    deps.log.info('notice suppressed', { noticeId: notice.id, reason: suppression.reason });
    return moved ? 'suppressed' : 'skipped';
  }

  /** A missing variable fails the notice before anything is sent; the template is the operator's to fix. */
  function render(notice: Notice): { readonly rendered: RenderedEmail } | { readonly outcome: Promise<SendOutcome> } {
    try {
      return {
        rendered: deps.renderer.render(notice.templateId, notice.locale, emailVariables(notice, deps.branding)),
      };
    } catch (e: unknown) {
      if (e instanceof TemplateVariableError)
        return { outcome: fail(notice, `Template ${notice.templateId} cannot be rendered: ${e.message}`) };
      throw e;
    }
  }

  async function send(
    notice: Notice,
    email: RenderedEmail,
  ): Promise<{ readonly messageId: string } | { readonly outcome: SendOutcome }> {
    try {
      return await deps.mailer.send({
        from: deps.sender.from,
        to: notice.candidate.email,
        replyTo: `reply+${notice.replyToken}@${deps.sender.replyDomain}`,
        subject: email.subject,
        html: email.html,
        text: email.text,
        tags: { noticeId: notice.id, templateId: notice.templateId, attempt: String(notice.attempts) },
      });
    } catch (e: unknown) {
      if (e instanceof PermanentSendError)
        return { outcome: await fail(notice, `The mail service rejected the message: ${e.message}`) };
      if (e instanceof TransientSendError) return { outcome: await defer(notice, e.message, e.ambiguous) };
      throw e;
    }
  }

  async function recordSent(notice: Notice, messageId: string): Promise<SendOutcome> {
    const sent = await deps.notices.transition(notice.id, {
      from: ['sending'],
      to: 'sent',
      event: { at: deps.clock.now().toISOString(), event: 'sent', detail: 'Accepted by the mail service' },
      dueAt: null,
      patch: { sesMessageId: messageId, leaseUntil: null },
    });
    // Undefined means the SES Send event got there first: it recorded the notice as sent and counted it.
    if (sent !== undefined) await deps.ledger.record('sends', deps.clock.now());
    deps.log.info('notice sent', {
      noticeId: notice.id,
      attempt: notice.attempts,
      sesMessageId: messageId,
      reconciledFirst: sent === undefined,
    });
    return 'sent';
  }

  async function fail(notice: Notice, reason: string): Promise<SendOutcome> {
    await deps.notices.transition(notice.id, {
      from: ['sending'],
      to: 'failed',
      event: { at: deps.clock.now().toISOString(), event: 'failed', detail: reason },
      dueAt: null,
      patch: { failureReason: reason, leaseUntil: null },
    });
    deps.log.warn('notice failed', { noticeId: notice.id, reason });
    return 'failed';
  }

  /**
   * A cancel came while the notice was being sent (an ATS unreject): it is never tried again. If the mail service
   * did accept the attempt after all, its Send report still records the notice as sent.
   */
  async function cancelInstead(notice: Notice, why: string, leaseExpiredBefore?: string): Promise<SendOutcome> {
    const cancelled = await deps.notices.transition(notice.id, {
      from: ['sending'],
      to: 'cancelled',
      cancelRequested: true,
      ...definedFields({ leaseExpiredBefore }),
      event: {
        at: deps.clock.now().toISOString(),
        event: 'cancelled',
        detail: `Not retried (${why}): a cancel was requested while it was being sent`,
      },
      dueAt: null,
      patch: { leaseUntil: null, nextAttemptAt: null },
    });
    deps.log.info('notice cancelled instead of retried', { noticeId: notice.id, moved: cancelled !== undefined });
    return cancelled === undefined ? 'skipped' : 'cancelled';
  }

  /**
   * `ambiguous`: the request may have reached SES (a timeout, a 5xx). The retry waits at least the send lease, so
   * the Send report of an accepted attempt reconciles the notice to `sent` before anything is sent again.
   */
  async function defer(notice: Notice, reason: string, ambiguous = false): Promise<SendOutcome> {
    const made = notice.attempts - (notice.attemptBase ?? 0);
    if (made >= deps.retry.maxAttempts) {
      return fail(notice, `Gave up after ${made} attempts; the last error: ${reason}`);
    }
    const now = deps.clock.now();
    const backoff = backoffDelayMs(deps.retry, made, deps.random);
    const delay = ambiguous ? Math.max(backoff, deps.sendLeaseMs) : backoff;
    const next = deps.policy.nextSendableAt(new Date(now.getTime() + delay), notice.candidate.timeZone).toISOString();
    const deferred = await deps.notices.transition(notice.id, {
      from: ['sending'],
      to: 'deferred',
      cancelRequested: false,
      event: {
        at: now.toISOString(),
        event: 'deferred',
        detail: `Temporary failure (${reason}); next attempt at ${next}`,
      },
      dueAt: next,
      patch: { nextAttemptAt: next, leaseUntil: null },
    });
    if (deferred === undefined) return cancelInstead(notice, `temporary failure: ${reason}`);
    deps.log.warn('notice deferred', { noticeId: notice.id, attempt: notice.attempts, nextAttemptAt: next });
    return 'deferred';
  }
}
