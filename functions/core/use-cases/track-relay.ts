import type { RelayDeliveryEvent } from '../domain/delivery-event.ts';
import type { Relay, RelayStatus } from '../domain/relay.ts';
import { reputationSignalsOf } from '../domain/reputation.ts';
import type { Clock } from '../ports/clock.ts';
import type { Log } from '../ports/log.ts';
import type { RelayRepository, RelayTransition } from '../ports/relay-repository.ts';
import type { ReputationLedger } from '../ports/reputation-ledger.ts';
import type { SuppressionRepository } from '../ports/suppression-repository.ts';
import type { GuardReputation } from './guard-reputation.ts';

export interface TrackRelayDeps {
  readonly relays: Pick<RelayRepository, 'get' | 'transition' | 'note'>;
  readonly suppressions: Pick<SuppressionRepository, 'add'>;
  readonly ledger: Pick<ReputationLedger, 'record'>;
  readonly guardReputation: GuardReputation;
  readonly clock: Clock;
  readonly log: Log;
}

/** `recorded`: the status moved or the report joined the history; `ignored`: nothing to record. */
export type TrackRelayOutcome = 'recorded' | 'ignored' | 'unknown-relay';

export type TrackRelay = (event: RelayDeliveryEvent) => Promise<TrackRelayOutcome>;

/** Statuses that do not (yet) record an accepted message: a report about the current attempt proves otherwise. */
const NOT_ACCEPTED: readonly RelayStatus[] = ['pending', 'sending', 'deferred', 'failed'];

interface Plan {
  readonly to: RelayStatus;
  readonly detail: string;
  /** The relay leaves the not-accepted statuses: the send is counted here, not by the send function. */
  readonly accepted: boolean;
}

/** Conditional writes lose to concurrent ones (Send and Delivery arrive together); re-read and re-plan. */
const MAX_RACES = 8;

/**
 * Records what SES reports about a relay (docs/conversations.md, "track").
 *
 * Primary course:
 *  1. Load the relay; opens and clicks are not tracked on relays.
 *  2. A permanent bounce or a complaint of a relay to the candidate suppresses the candidate's address, as a
 *     notice's does; one of a relay to the recruiter is recorded and logged as a warning.
 *  3. A report about an earlier attempt only joins the history.
 *  4. Plan the move from the current status (each move only goes forward: `Send` reconciles a `sending` relay
 *     whose `sent` write was lost, `Delivery → delivered`, `Bounce → bounced`, `Complaint → complained`) and
 *     apply it with one conditional write on the status and attempt.
 *  5. Count sends, bounces and complaints for the rolling rates, and ask the guard whether to pause.
 */
export function makeTrackRelay(deps: TrackRelayDeps): TrackRelay {
  return async (event) => {
    if (event.type === 'open' || event.type === 'click') return 'ignored';
    for (let race = 0; race < MAX_RACES; race++) {
      const relay = await deps.relays.get(event.relayId);
      if (relay === undefined) {
        deps.log.warn('delivery event for an unknown relay', { relayId: event.relayId, type: event.type });
        return 'unknown-relay';
      }
      if (race === 0) await suppressOrWarn(relay, event);
      if (event.attempt !== undefined && event.attempt < relay.attempts) {
        await deps.relays.note(relay.id, {
          at: deps.clock.now().toISOString(),
          status: relay.status,
          detail: `${describe(event)} (about attempt ${event.attempt}, since superseded)`,
        });
        return 'recorded';
      }
      const plan = planFor(relay, event);
      if (plan === undefined) return 'ignored';
      const moved = await deps.relays.transition(relay.id, transitionFor(relay, event, plan));
      if (moved === undefined) continue;
      deps.log.info('relay delivery event recorded', {
        relayId: relay.id,
        noticeId: relay.noticeId,
        type: event.type,
        to: plan.to,
      });
      await countSignals(event, plan);
      return 'recorded';
    }
    throw new Error(`Relay ${event.relayId} kept changing while recording its ${event.type} event`);
  };

  function transitionFor(relay: Relay, event: RelayDeliveryEvent, plan: Plan): RelayTransition {
    const at = deps.clock.now().toISOString();
    const base = { from: [relay.status], to: plan.to, at, detail: plan.detail, expectedAttempts: relay.attempts };
    if (plan.to === 'failed') return { ...base, set: { sesMessageId: event.messageId, failureReason: plan.detail } };
    return plan.accepted || plan.to !== relay.status ? { ...base, set: { sesMessageId: event.messageId } } : base;
  }

  async function suppressOrWarn(relay: Relay, event: RelayDeliveryEvent): Promise<void> {
    const hard = event.type === 'complaint' || (event.type === 'bounce' && event.bounce?.kind === 'permanent');
    if (!hard) return;
    if (relay.direction === 'to-recruiter') {
      deps.log.warn("a relay to the owning recruiter's inbox bounced or was marked as spam", {
        relayId: relay.id,
        noticeId: relay.noticeId,
        type: event.type,
      });
      return;
    }
    const reason = event.type === 'complaint' ? 'complaint' : 'hard-bounce';
    for (const emailDigest of event.recipientDigests) {
      await deps.suppressions.add({ emailDigest, reason, at: event.at, origin: `relay:${relay.id}` });
    }
    deps.log.info('address suppressed', { relayId: relay.id, reason });
  }

  async function countSignals(event: RelayDeliveryEvent, plan: Plan): Promise<void> {
    const now = deps.clock.now();
    const signals = reputationSignalsOf(event, plan.accepted);
    for (const signal of signals) await deps.ledger.record(signal, now);
    if (signals.includes('bounces') || signals.includes('complaints')) await deps.guardReputation();
  }
}

function planFor(relay: Relay, event: RelayDeliveryEvent): Plan | undefined {
  const notAccepted = NOT_ACCEPTED.includes(relay.status);
  const what = describe(event);
  const move = (to: RelayStatus, detail = what): Plan => ({ to, detail, accepted: notAccepted });
  const note = (): Plan => ({ to: relay.status, detail: what, accepted: false });
  switch (event.type) {
    case 'send':
      return notAccepted ? move('sent', `${what}; recorded from the mail service's report`) : undefined;
    case 'delivery':
      return notAccepted || relay.status === 'sent' ? move('delivered') : undefined;
    case 'delivery-delay':
      return notAccepted ? move('sent') : note();
    case 'bounce':
      if (event.bounce?.kind !== 'permanent') return note();
      return notAccepted || ['sent', 'delivered'].includes(relay.status) ? move('bounced') : undefined;
    case 'complaint':
      return notAccepted || ['sent', 'delivered', 'bounced'].includes(relay.status) ? move('complained') : undefined;
    case 'reject':
    case 'rendering-failure':
      return notAccepted || relay.status === 'sent' ? { to: 'failed', detail: what, accepted: false } : undefined;
    case 'open':
    case 'click':
      return undefined;
  }
}

/** What the thread's history says. */
function describe(event: RelayDeliveryEvent): string {
  switch (event.type) {
    case 'send':
      return 'The mail service accepted the message';
    case 'delivery':
      return "Delivered to the recipient's mail server";
    case 'bounce': {
      const subType = event.bounce?.subType ?? 'General';
      return event.bounce?.kind === 'permanent'
        ? `Bounced permanently (${subType}${event.bounce.status === undefined ? '' : `, status ${event.bounce.status}`})`
        : `Bounced temporarily (${subType}); the mail service gave up`;
    }
    case 'complaint':
      return 'The recipient marked the email as spam';
    case 'reject':
      return `The mail service rejected the message: ${event.reason ?? 'no reason given'}`;
    case 'rendering-failure':
      return `The mail service could not render the message: ${event.reason ?? 'no reason given'}`;
    case 'delivery-delay':
      return `Delivery delayed (${event.reason ?? 'unknown reason'}); the mail service keeps trying`;
    case 'open':
      return 'Opened';
    case 'click':
      return 'A link was clicked';
  }
}
