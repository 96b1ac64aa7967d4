import { sendingChanged } from '../domain/events.ts';
import { ceilingCrossed, judgedSince, type ReputationCeiling } from '../domain/reputation.ts';
import type { Clock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { Log } from '../ports/log.ts';
import type { ReputationLedger } from '../ports/reputation-ledger.ts';
import type { SendingControl } from '../ports/sending-control.ts';

export interface GuardReputationDeps {
  readonly ledger: ReputationLedger;
  readonly control: SendingControl;
  readonly events: EventPublisher;
  readonly clock: Clock;
  readonly log: Log;
  readonly ceiling: ReputationCeiling;
}

/** Returns the reason when this call paused sending. */
export type GuardReputation = () => Promise<string | undefined>;

export const REPUTATION_GUARD = 'reputation-guard';

/**
 * Pauses sending when the rolling bounce or complaint rate crosses the configured ceiling, before AWS reviews or
 * pauses the account. Notices stay scheduled; nothing is lost; an operator resumes.
 *
 * Primary course:
 *  1. Nothing to do while already paused.
 *  2. Total the sends, permanent bounces and complaints of the window, counting only what came after the last
 *     resume (an operator who resumed after cleaning a list starts from a clean slate).
 *  3. If a rate reached its ceiling, pause (a conditional write: one pause, one reason) and announce it.
 */
export function makeGuardReputation(deps: GuardReputationDeps): GuardReputation {
  return async () => {
    const state = await deps.control.state();
    if (state.paused) return undefined;
    const now = deps.clock.now();
    const since = judgedSince(now, deps.ceiling.windowHours, state.resumedAt);
    const counts = await deps.ledger.totals(since, now);
    const reason = ceilingCrossed(counts, deps.ceiling);
    if (reason === undefined) return undefined;

    const at = now.toISOString();
    if (!(await deps.control.pause({ reason, at, by: REPUTATION_GUARD }))) return undefined;
    deps.log.error('sending paused by the reputation guard', { ...counts, reason });
    await deps.events.publish([sendingChanged('SendingPaused', reason, REPUTATION_GUARD, at)]);
    return reason;
  };
}
