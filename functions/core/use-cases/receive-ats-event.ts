import type { AtsDelivery, AtsEvent, DeliveryOutcome } from '../domain/ats-event.ts';
import { type DecisionInput, decisionKeyOf } from '../domain/decision.ts';
import { errorMessage } from '../domain/error-message.ts';
import { NotFoundError } from '../domain/errors.ts';
import { decisionRecorded } from '../domain/events.ts';
import { definedFields } from '../domain/optional.ts';
import type { SendPolicy } from '../domain/send-policy.ts';
import type { Clock } from '../ports/clock.ts';
import type { DecisionRepository, StoredDecision } from '../ports/decision-repository.ts';
import type { DeliveryLog } from '../ports/delivery-log.ts';
import type { ErasureLog } from '../ports/erasure-log.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { Log } from '../ports/log.ts';
import type { NoticeRepository } from '../ports/notice-repository.ts';
import type { CancelNotice } from './cancel-notice.ts';
import { isErasedDecision } from './erased-decision.ts';
import type { RecordDecisions } from './record-decisions.ts';

export interface ReceiveAtsEventDeps {
  readonly deliveries: DeliveryLog;
  readonly decisions: DecisionRepository;
  readonly notices: NoticeRepository;
  readonly events: EventPublisher;
  /** Erased candidates and their applications: a webhook never recreates them. */
  readonly erasures: Pick<ErasureLog, 'get' | 'erasedApplication'>;
  readonly recordDecisions: RecordDecisions;
  readonly cancelNotice: CancelNotice;
  readonly policy: SendPolicy;
  readonly clock: Clock;
  readonly log: Log;
  /** How long a delivery id is remembered; vendors retry for hours (Greenhouse: up to 15), so days is plenty. */
  readonly deliveryRetentionDays: number;
}

export type ReceiveAtsEvent = (delivery: AtsDelivery) => Promise<DeliveryOutcome>;

/**
 * Acts on one verified ATS webhook delivery, exactly once per decision.
 *
 * Primary course:
 *  1. A delivery id already handled answers `duplicate` at once (delivery-level dedupe).
 *  2. A rejection is recorded through `record-decisions` (decision-level dedupe, notice planned, event published),
 *     unless its candidate was erased (their address's candidate id has an erasure receipt) or the application
 *     was (its digest is in the erasure log): answered as a duplicate, nothing recorded, a re-sent signed body
 *     under a new event id included.
 *  3. A reversal (unreject, unarchive, requalify) cancels the notice if it has not gone out, or puts it on the
 *     notice's timeline if it has.
 *  4. The delivery is remembered, after the work is durable: a crash before that only means a retry does the
 *     (idempotent) work again.
 *
 * Rejected, unrejected, rejected again: each event moves the application's ATS status with a conditional write
 * that refuses anything older than what is known. A rejection after a reversal schedules the cancelled notice
 * again (same notice, new send time), so the candidate still hears exactly once; if the notice had already
 * gone out, nothing more is sent. A replayed old rejection, or a reversal older than the latest rejection,
 * changes nothing.
 */
/**
 * A claim older than this is presumed to belong to a worker that died (an API Lambda lives at most 29 s per
 * request): the next copy of the delivery takes it over, so a vendor retry after a crash is processed.
 */
export const DELIVERY_CLAIM_TAKEOVER_MS = 5 * 60_000;

export function makeReceiveAtsEvent(deps: ReceiveAtsEventDeps): ReceiveAtsEvent {
  const reject = async (delivery: AtsDelivery, input: DecisionInput): Promise<DeliveryOutcome> => {
    if (await erasedBefore(input)) {
      // Ids only: the candidate's name and address were erased and must not reach a log either.
      deps.log.info('webhook decision for an erased candidate: nothing recorded', {
        source: delivery.source,
        deliveryId: delivery.deliveryId,
      });
      return { status: 'duplicate', reason: "This candidate's data was erased: nothing is recorded." };
    }
    const [result] = await deps.recordDecisions([input]);
    if (result === undefined) throw new Error('recordDecisions returned no result for one decision');
    const base = {
      decisionKey: result.decisionKey,
      ...definedFields({ noticeId: result.noticeId }),
    };
    if (!result.duplicate) {
      return {
        status: 'accepted',
        action: 'recorded',
        ...base,
        ...definedFields({ sendAt: result.sendAt, noEmailReason: result.noEmailReason }),
      };
    }

    // The decision was known: a replay of the same rejection, or a new one after a reversal.
    const at = new Date(input.decidedAt).toISOString();
    const moved = await deps.decisions.advance(result.decisionKey, 'rejected', at);
    if (!moved.advanced || moved.previous === 'rejected') {
      return { status: 'duplicate', reason: 'This rejection is already recorded.', ...base };
    }
    if (result.noticeId === undefined) {
      return {
        status: 'accepted',
        action: 'recorded',
        ...base,
        noEmailReason: 'The ATS said not to email this candidate.',
      };
    }
    return rescheduled(delivery, result.decisionKey, result.noticeId, at);
  };

  const erasedBefore = (input: DecisionInput): Promise<boolean> => isErasedDecision(deps.erasures, input);

  const rescheduled = async (
    delivery: AtsDelivery,
    decisionKey: string,
    noticeId: string,
    decidedAt: string,
  ): Promise<DeliveryOutcome> => {
    const now = deps.clock.now();
    const decision = await deps.decisions.get(decisionKey);
    if (decision === undefined) throw new Error(`Decision ${decisionKey} vanished while being rejected again`);
    const again = { ...decision, decidedAt };
    const sendAt = deps.policy.sendAt(again, now).toISOString();
    const revived = await deps.notices.transition(noticeId, {
      from: ['cancelled'],
      to: 'scheduled',
      dueAt: sendAt,
      // Rejected again: a cancel requested while the earlier attempt was being sent no longer holds.
      patch: { sendAt, cancelRequestedAt: null },
      event: {
        at: now.toISOString(),
        event: 'rescheduled',
        detail: `Rejected again in ${delivery.source} after the rejection was reversed; scheduled for ${sendAt}`,
      },
    });
    if (revived !== undefined) {
      await deps.events.publish([
        decisionRecorded({ ...again, deliveryId: delivery.deliveryId }, now, noticeId, decidedAt),
      ]);
      return { status: 'accepted', action: 'rescheduled', decisionKey, noticeId, sendAt };
    }

    const notice = await deps.notices.get(noticeId);
    if (notice === undefined) {
      // The reversal arrived before the notice was ever written: planning it now is the whole repair.
      const [repaired] = await deps.recordDecisions([{ ...toInput(decision), decidedAt }]);
      return {
        status: 'accepted',
        action: 'rescheduled',
        decisionKey,
        noticeId,
        ...definedFields({ sendAt: repaired?.sendAt }),
      };
    }
    await deps.notices.appendEvent(noticeId, {
      status: notice.status,
      at: now.toISOString(),
      event: 'rejected-again',
      detail: `Rejected again in ${delivery.source}; the notice was already ${notice.status}, so nothing more is sent`,
    });
    return {
      status: 'duplicate',
      reason: `The candidate was already notified (the notice is ${notice.status}).`,
      decisionKey,
      noticeId,
    };
  };

  const cancel = async (
    delivery: AtsDelivery,
    event: Extract<AtsEvent, { kind: 'cancel' }>,
  ): Promise<DeliveryOutcome> => {
    const decisionKey = decisionKeyOf(event.source, event.applicationId, 'rejected');
    const decision = await deps.decisions.get(decisionKey);
    if (decision === undefined) {
      return { status: 'ignored', reason: 'No rejection is recorded for this application: nothing to cancel.' };
    }
    const moved = await deps.decisions.advance(decisionKey, 'cancelled', new Date(event.at).toISOString());
    if (!moved.advanced) {
      return { status: 'ignored', reason: 'The reversal is older than the latest rejection: nothing to cancel.' };
    }
    if (decision.noticeId === undefined) {
      return { status: 'accepted', action: 'cancel-recorded', decisionKey };
    }
    try {
      const { outcome, notice } = await deps.cancelNotice({
        noticeId: decision.noticeId,
        actor: `webhook:${delivery.source}`,
        reason: event.reason,
      });
      const action =
        outcome === 'cancelled' ? 'cancelled' : outcome === 'too-late' ? 'cancel-too-late' : 'cancel-recorded';
      return { status: 'accepted', action, decisionKey, noticeId: notice.id };
    } catch (e: unknown) {
      // The decision was recorded but its notice never written: the ATS status now says cancelled, so no
      // retry of the rejection will plan it.
      if (e instanceof NotFoundError) {
        return { status: 'accepted', action: 'cancel-recorded', decisionKey, noticeId: decision.noticeId };
      }
      throw e;
    }
  };

  const act = (delivery: AtsDelivery): Promise<DeliveryOutcome> => {
    const { event } = delivery;
    switch (event.kind) {
      case 'decision':
        return reject(delivery, event.decision);
      case 'cancel':
        return cancel(delivery, event);
      case 'ignore':
        return Promise.resolve({ status: 'ignored', reason: event.reason });
    }
  };

  /** The delivery's claim, or why it is a duplicate (being processed elsewhere, or already handled). */
  const claimDelivery = async (
    delivery: AtsDelivery,
    claimedAt: Date,
    expiresAt: Date,
  ): Promise<DeliveryOutcome | undefined> => {
    const claim = await deps.deliveries.claim({
      source: delivery.source,
      deliveryId: delivery.deliveryId,
      claimedAt,
      staleBefore: new Date(claimedAt.getTime() - DELIVERY_CLAIM_TAKEOVER_MS),
      expiresAt,
    });
    const ids = { source: delivery.source, deliveryId: delivery.deliveryId };
    if (claim.status === 'in-progress') {
      deps.log.info('webhook delivery in progress elsewhere', ids);
      return { status: 'duplicate', reason: 'This delivery is being processed.' };
    }
    if (claim.status === 'handled') {
      const { outcome } = claim.record;
      deps.log.info('webhook delivery already handled', ids);
      return {
        status: 'duplicate',
        reason: 'This delivery was already processed.',
        ...('decisionKey' in outcome && outcome.decisionKey !== undefined ? { decisionKey: outcome.decisionKey } : {}),
        ...('noticeId' in outcome && outcome.noticeId !== undefined ? { noticeId: outcome.noticeId } : {}),
      };
    }
    return undefined;
  };

  /** Acts on the delivery; a failure releases the claim so the vendor's retry does the work. */
  const actOrRelease = async (delivery: AtsDelivery, claimedAt: Date): Promise<DeliveryOutcome> => {
    try {
      return await act(delivery);
    } catch (e: unknown) {
      // Let the vendor's retry do the work rather than wait for the claim to go stale.
      await deps.deliveries.release(delivery.source, delivery.deliveryId, claimedAt).catch((failure: unknown) =>
        deps.log.warn('webhook delivery claim not released; it is taken over once stale', {
          source: delivery.source,
          deliveryId: delivery.deliveryId,
          error: errorMessage(failure),
        }),
      );
      throw e;
    }
  };

  /** Remembers the outcome, so a repeat of the delivery answers the same without acting again. */
  const remember = async (delivery: AtsDelivery, outcome: DeliveryOutcome, expiresAt: Date): Promise<void> => {
    const now = deps.clock.now();
    await deps.deliveries.remember(
      { source: delivery.source, deliveryId: delivery.deliveryId, outcome, receivedAt: now.toISOString() },
      expiresAt,
    );
    deps.log.info('webhook delivery handled', {
      source: delivery.source,
      deliveryId: delivery.deliveryId,
      status: outcome.status,
      ...(outcome.status === 'accepted' ? { action: outcome.action } : {}),
      ...('decisionKey' in outcome ? { decisionKey: outcome.decisionKey } : {}),
      ...('noticeId' in outcome ? { noticeId: outcome.noticeId } : {}),
    });
  };

  return async (delivery) => {
    const claimedAt = deps.clock.now();
    const expiresAt = new Date(claimedAt.getTime() + deps.deliveryRetentionDays * 86_400_000);
    const duplicate = await claimDelivery(delivery, claimedAt, expiresAt);
    if (duplicate !== undefined) return duplicate;
    const outcome = await actOrRelease(delivery, claimedAt);
    await remember(delivery, outcome, expiresAt);
    return outcome;
  };
}

/** A stored decision back in the contract's shape, to let `record-decisions` repair a missing notice. */
function toInput(decision: StoredDecision): DecisionInput {
  return {
    source: decision.source,
    applicationId: decision.applicationId,
    decision: decision.decision,
    decidedAt: decision.decidedAt,
    job: decision.job,
    candidate: decision.candidate,
    reason: decision.reason.name ?? decision.reason.category,
    reasonCategory: decision.reason.category,
    ...definedFields({ reasonId: decision.reason.id }),
    stage: decision.stageName ?? decision.stage,
    stageCategory: decision.stage,
    ...definedFields({ recruiter: decision.recruiter, personalNote: decision.personalNote }),
    feedbackOffered: decision.feedbackOffered,
    canEmail: decision.canEmail,
    ...definedFields({ deliveryId: decision.deliveryId }),
  };
}
