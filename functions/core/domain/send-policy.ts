import type { Decision } from './decision.ts';

/** When a notice should go out. Issue #5 refines the default with business hours and holidays. */
export interface SendPolicy {
  sendAt(decision: Decision, now: Date): Date;
}

/**
 * The first policy: the decision time plus a fixed delay, never in the past (a decision reported late is
 * sent on the next sweep rather than backdated).
 */
export function fixedDelayPolicy(delayMinutes: number): SendPolicy {
  return {
    sendAt(decision, now) {
      const planned = new Date(decision.decidedAt).getTime() + delayMinutes * 60_000;
      return new Date(Math.max(planned, now.getTime()));
    },
  };
}
