import type { DeliveryEvent } from '../domain/delivery-event.ts';
import { SUPPRESSION_LIST_SUBTYPES } from '../domain/delivery-event.ts';
import { deterministicId } from '../domain/ids.ts';
import { NOT_ACCEPTED_STATUSES, type Notice, type NoticeStatus } from '../domain/notice.ts';
import { definedFields } from '../domain/optional.ts';
import { reputationSignalsOf } from '../domain/reputation.ts';
import { backoffDelayMs, type RetryPolicy } from '../domain/retry-policy.ts';
import type { SendPolicy } from '../domain/send-policy.ts';
import type { Clock } from '../ports/clock.ts';
import type { Log } from '../ports/log.ts';
import type { NoticePatch, NoticeRepository } from '../ports/notice-repository.ts';
import type { ReputationLedger } from '../ports/reputation-ledger.ts';
import type { SuppressionReason, SuppressionRepository } from '../ports/suppression-repository.ts';
import type { GuardReputation } from './guard-reputation.ts';

export interface TrackDeliveryDeps {
  readonly notices: NoticeRepository;
  readonly suppressions: SuppressionRepository;
  readonly ledger: ReputationLedger;
  readonly guardReputation: GuardReputation;
  readonly policy: SendPolicy;
  readonly clock: Clock;
  readonly log: Log;
  readonly retry: RetryPolicy;
  readonly random: () => number;
  readonly trackOpensAndClicks: boolean;
}

export type TrackOutcome =
  /** The notice changed status, or the event was added to its timeline. */
  | 'recorded'
  /** The same report again: nothing changed. */
  | 'duplicate'
  /** Nothing to record (an SES Send for a notice already marked sent; opens and clicks while off). */
  | 'ignored'
  /** No such notice (erased, expired, or not ours): suppression still applied. */
  | 'unknown-notice';

export type TrackDelivery = (event: DeliveryEvent) => Promise<TrackOutcome>;

interface Plan {
  readonly to: NoticeStatus;
  readonly detail: string;
  readonly patch?: NoticePatch;
  readonly dueAt?: string | null;
  /** The notice moves out of the not-accepted statuses: the send is counted here, not by the send function. */
  readonly accepted?: boolean;
  /** The move also requires a cancel to have been requested (or not): see `retryOrFail`. */
  readonly cancelRequested?: boolean;
}

/** Conditional writes lose to concurrent ones (Send and Delivery arrive together); re-read and re-plan. */
const MAX_RACES = 8;

/**
 * Records what SES reports about a sent message on the notice's timeline and status, suppresses addresses that
 * bounce for good or complain, and lets the reputation guard pause sending.
 *
 * Primary course:
 *  1. Drop opens and clicks unless they are switched on.
 *  2. Suppress the recipients of a permanent bounce or a complaint (even if the notice is gone: the address
 *     must never be mailed again).
 *  3. Plan the notice's move from its current status: reports arrive twice and out of order (a Delivery before
 *     its Send), so each move only goes forward, and a report about an earlier attempt only adds to the timeline.
 *  4. Apply it with one conditional write keyed by the report, so a repeat changes nothing.
 *  5. Count sends, bounces and complaints for the rolling rates, and ask the guard whether to pause.
 */
export function makeTrackDelivery(deps: TrackDeliveryDeps): TrackDelivery {
  return async (event) => {
    if ((event.type === 'open' || event.type === 'click') && !deps.trackOpensAndClicks) return 'ignored';

    await suppressRecipients(event);
    if (await deliveredAsExpected(event)) return 'recorded';

    for (let race = 0; race < MAX_RACES; race++) {
      const notice = await readNotice(event, race);
      if (notice === undefined) {
        deps.log.warn('delivery event for an unknown notice', { noticeId: event.noticeId, type: event.type });
        return 'unknown-notice';
      }
      const plan = planFor(notice, event);
      if (plan === undefined) return 'ignored';

      const moved = await deps.notices.transition(notice.id, {
        from: [notice.status],
        to: plan.to,
        attemptsEquals: notice.attempts,
        onceKey: event.key,
        event: { at: deps.clock.now().toISOString(), event: sesEventName(event), detail: plan.detail },
        ...definedFields({ dueAt: plan.dueAt, patch: plan.patch, cancelRequested: plan.cancelRequested }),
      });
      if (moved === undefined) {
        const current = await deps.notices.get(notice.id);
        // Same status, attempt and cancel request, yet the write was refused: only the once-key can have failed.
        if (
          current?.status === notice.status &&
          current.attempts === notice.attempts &&
          current.cancelRequestedAt === notice.cancelRequestedAt
        ) {
          return 'duplicate';
        }
        continue;
      }

      deps.log.info('delivery event recorded', {
        noticeId: notice.id,
        type: event.type,
        from: notice.status,
        to: plan.to,
        attempt: event.attempt,
      });
      await countSignals(event, plan);
      return 'recorded';
    }
    throw new Error(`Notice ${event.noticeId} kept changing while recording its ${event.type} event`);
  };

  /**
   * The Send report's first read is eventually consistent: it only ever reconciles a notice whose sender died
   * before writing `sent`, and the write it plans is conditional on the status read, so a stale read is refused
   * and the next pass reads consistently. Everything else, and every retry, reads consistently.
   */
  async function readNotice(event: DeliveryEvent, race: number): Promise<Notice | undefined> {
    if (event.type !== 'send' || race > 0) return deps.notices.get(event.noticeId);
    return (await deps.notices.get(event.noticeId, { consistent: false })) ?? deps.notices.get(event.noticeId);
  }

  /**
   * The common case in one write instead of a read and a write: a Delivery for a notice that is `sent` at the
   * attempt the report is about. Any other state refuses the condition and takes the general path below.
   */
  async function deliveredAsExpected(event: DeliveryEvent): Promise<boolean> {
    if (event.type !== 'delivery' || event.attempt === undefined) return false;
    const moved = await deps.notices.transition(event.noticeId, {
      from: ['sent'],
      to: 'delivered',
      attemptsEquals: event.attempt,
      onceKey: event.key,
      event: { at: deps.clock.now().toISOString(), event: sesEventName(event), detail: describe(event) },
      dueAt: null,
      patch: { sesMessageId: event.messageId, leaseUntil: null, nextAttemptAt: null },
    });
    if (moved !== undefined) {
      deps.log.info('delivery event recorded', {
        noticeId: event.noticeId,
        type: event.type,
        from: 'sent',
        to: 'delivered',
        attempt: event.attempt,
      });
    }
    return moved !== undefined;
  }

  async function suppressRecipients(event: DeliveryEvent): Promise<void> {
    const reason: SuppressionReason | undefined =
      event.type === 'complaint' ? 'complaint' : event.bounce?.kind === 'permanent' ? 'hard-bounce' : undefined;
    if (reason === undefined) return;
    for (const emailDigest of event.recipientDigests) {
      await deps.suppressions.add({ emailDigest, reason, at: event.at, origin: `notice:${event.noticeId}` });
    }
    deps.log.info('address suppressed', { noticeId: event.noticeId, reason });
  }

  async function countSignals(event: DeliveryEvent, plan: Plan): Promise<void> {
    const now = deps.clock.now();
    const signals = reputationSignalsOf(event, plan.accepted === true);
    for (const signal of signals) await deps.ledger.record(signal, now);
    if (signals.includes('bounces') || signals.includes('complaints')) await deps.guardReputation();
  }

  function planFor(notice: Notice, event: DeliveryEvent): Plan | undefined {
    const what = describe(event);
    // A recruiter's resend sets `attemptBase` to the attempts made before it: reports about those (a Delivery of
    // the old message arriving late) must not complete the resend nor clear its due time.
    const current =
      event.attempt === undefined || (event.attempt >= notice.attempts && event.attempt > (notice.attemptBase ?? 0));
    if (!current) {
      // A report about a message an earlier attempt sent: history, never a status change.
      return { to: notice.status, detail: `${what} (about attempt ${event.attempt}, since superseded)` };
    }
    const notAccepted = NOT_ACCEPTED_STATUSES.includes(notice.status);
    const accepted = (to: NoticeStatus, detail: string, patch: NoticePatch = {}): Plan => ({
      to,
      detail,
      dueAt: null,
      accepted: notAccepted,
      patch: {
        sesMessageId: event.messageId,
        leaseUntil: null,
        nextAttemptAt: null,
        ...(notice.status === 'failed' ? { failureReason: null } : {}),
        ...patch,
      },
    });
    const note = (): Plan => ({ to: notice.status, detail: what });

    switch (event.type) {
      case 'send':
        return notAccepted ? accepted('sent', `${what}; recorded from the mail service's report`) : undefined;
      case 'delivery':
        if (notAccepted || notice.status === 'sent') return accepted('delivered', what);
        return notice.status === 'delivered' ? undefined : note();
      case 'delivery-delay':
        return notAccepted ? accepted('sent', what) : note();
      case 'open':
      case 'click':
        return notAccepted || notice.status === 'sent' ? accepted('delivered', what) : note();
      case 'complaint':
        return notAccepted || ['sent', 'delivered', 'bounced'].includes(notice.status)
          ? accepted('complained', what)
          : note();
      case 'bounce': {
        if (event.bounce?.kind === 'permanent') {
          const to = SUPPRESSION_LIST_SUBTYPES.includes(event.bounce.subType) ? 'suppressed' : 'bounced';
          return notAccepted || ['sent', 'delivered'].includes(notice.status) ? accepted(to, what) : note();
        }
        // A soft bounce: SES retried for a while and gave up. Try again later, within the attempt cap.
        return notice.status === 'sending' || notice.status === 'sent' ? retryOrFail(notice, what) : note();
      }
      case 'reject':
      case 'rendering-failure':
        return notAccepted || notice.status === 'sent'
          ? {
              to: 'failed',
              detail: what,
              dueAt: null,
              patch: { sesMessageId: event.messageId, failureReason: what, leaseUntil: null, nextAttemptAt: null },
            }
          : note();
    }
  }

  /**
   * A cancel requested while the notice was leaving (an unreject after the send) means it is never sent again:
   * it ends `cancelled`. The deferral is conditional on no such request, so one arriving meanwhile re-plans.
   */
  function retryOrFail(notice: Notice, what: string): Plan {
    if (notice.cancelRequestedAt !== undefined) {
      return {
        to: 'cancelled',
        detail: `${what}; not retried: a cancel was requested after it was sent`,
        dueAt: null,
        cancelRequested: true,
        patch: { leaseUntil: null, nextAttemptAt: null },
      };
    }
    const made = notice.attempts - (notice.attemptBase ?? 0);
    if (made >= deps.retry.maxAttempts) {
      const reason = `Gave up after ${made} attempts; the last: ${what}`;
      return { to: 'failed', detail: reason, dueAt: null, patch: { failureReason: reason, leaseUntil: null } };
    }
    const backoff = backoffDelayMs(deps.retry, made, deps.random);
    const next = deps.policy
      .nextSendableAt(new Date(deps.clock.now().getTime() + backoff), notice.candidate.timeZone)
      .toISOString();
    return {
      to: 'deferred',
      detail: `${what}; next attempt at ${next}`,
      dueAt: next,
      cancelRequested: false,
      patch: { nextAttemptAt: next, leaseUntil: null },
    };
  }
}

/** The timeline's origin label: SES's own event name. */
function sesEventName(event: DeliveryEvent): string {
  const names: Record<DeliveryEvent['type'], string> = {
    send: 'Send',
    delivery: 'Delivery',
    bounce: 'Bounce',
    complaint: 'Complaint',
    reject: 'Reject',
    'delivery-delay': 'DeliveryDelay',
    'rendering-failure': 'RenderingFailure',
    open: 'Open',
    click: 'Click',
  };
  return names[event.type];
}

/** What a recruiter reads on the timeline. */
function describe(event: DeliveryEvent): string {
  switch (event.type) {
    case 'send':
      return 'The mail service accepted the message';
    case 'delivery':
      return "Delivered to the candidate's mail server";
    case 'bounce': {
      const code = event.bounce?.status === undefined ? '' : `, status ${event.bounce.status}`;
      const subType = event.bounce?.subType ?? 'General';
      if (event.bounce?.kind === 'permanent') {
        return SUPPRESSION_LIST_SUBTYPES.includes(subType)
          ? `Not delivered: the address is on the mail service's suppression list (${subType})`
          : `Bounced permanently (${subType}${code}); the address is suppressed`;
      }
      return `Bounced temporarily (${event.bounce?.kind ?? 'transient'}, ${subType}${code})`;
    }
    case 'complaint':
      return `The candidate marked the email as spam${event.complaint?.feedbackType ? ` (${event.complaint.feedbackType})` : ''}; the address is suppressed`;
    case 'reject':
      return `The mail service rejected the message: ${event.reason ?? 'no reason given'}`;
    case 'rendering-failure':
      return `The mail service could not render the message: ${event.reason ?? 'no reason given'}`;
    case 'delivery-delay':
      return `Delivery delayed (${event.reason ?? 'unknown reason'}); the mail service keeps trying`;
    case 'open':
      return 'Opened';
    case 'click':
      return 'A link in the email was clicked';
  }
}

/** A stable key for a report that has no id of its own. */
export function deliveryEventKey(messageId: string, type: string, at: string, extra = ''): string {
  return deterministicId('t', messageId, type, at, extra);
}
