import { sendingChanged } from '../domain/events.ts';
import { judgedSince, type ReputationCeiling, type ReputationCounts, rates } from '../domain/reputation.ts';
import type { Clock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { Log } from '../ports/log.ts';
import type { ReputationLedger } from '../ports/reputation-ledger.ts';
import type { SendingControl, SendingState } from '../ports/sending-control.ts';

export interface ManageSendingDeps {
  readonly control: SendingControl;
  readonly ledger: ReputationLedger;
  readonly events: EventPublisher;
  readonly clock: Clock;
  readonly log: Log;
  readonly ceiling: ReputationCeiling;
}

export interface SendingStatus extends SendingState {
  /** The rolling window the guard judges, since the last resume. */
  readonly window: { readonly since: string; readonly until: string } & ReputationCounts;
  readonly bounceRate: number;
  readonly complaintRate: number;
  readonly ceiling: ReputationCeiling;
}

export interface SendingChange {
  /** `admin:<subject>`; never an email address. */
  readonly actor: string;
  readonly reason: string;
}

export interface ManageSending {
  status(): Promise<SendingStatus>;
  /** Pauses sending by hand (a bad list was uploaded); `changed` is false when it was already paused. */
  pause(change: SendingChange): Promise<{ changed: boolean; status: SendingStatus }>;
  /** Resumes sending; notices that waited go out on the next sweeps. */
  resume(change: SendingChange): Promise<{ changed: boolean; status: SendingStatus }>;
}

/** The operator's view and levers of the sending switch the reputation guard flips. */
export function makeManageSending(deps: ManageSendingDeps): ManageSending {
  const status = async (): Promise<SendingStatus> => {
    const state = await deps.control.state();
    const now = deps.clock.now();
    const since = judgedSince(now, deps.ceiling.windowHours, state.resumedAt);
    const counts = await deps.ledger.totals(since, now);
    return {
      ...state,
      window: { since: since.toISOString(), until: now.toISOString(), ...counts },
      ...rates(counts),
      ceiling: deps.ceiling,
    };
  };

  const change = async (kind: 'pause' | 'resume', { actor, reason }: SendingChange) => {
    const at = deps.clock.now().toISOString();
    const changed =
      kind === 'pause'
        ? await deps.control.pause({ reason, at, by: actor })
        : await deps.control.resume({ reason, at, by: actor });
    if (changed) {
      deps.log.warn(kind === 'pause' ? 'sending paused by an operator' : 'sending resumed by an operator', { actor });
      await deps.events.publish([
        sendingChanged(kind === 'pause' ? 'SendingPaused' : 'SendingResumed', reason, actor, at),
      ]);
    }
    return { changed, status: await status() };
  };

  return {
    status,
    pause: (c) => change('pause', c),
    resume: (c) => change('resume', c),
  };
}
