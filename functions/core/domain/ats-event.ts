import type { DecisionInput } from './decision.ts';

/**
 * What an ATS webhook means once its vendor format is read: a rejection (the decision contract), the
 * reversal of one (Greenhouse unreject, Lever unarchive, Ashby reactivation, Workable requalify), or
 * something Closeloop does not act on, with the reason (a prospect, a hire, a stage move).
 */
export type AtsEvent =
  | { readonly kind: 'decision'; readonly decision: DecisionInput }
  | {
      readonly kind: 'cancel';
      readonly source: string;
      readonly applicationId: string;
      /** When the ATS says the reversal happened; older than the latest rejection means it is stale. */
      readonly at: string;
      readonly reason: string;
    }
  | { readonly kind: 'ignore'; readonly reason: string };

/** One verified webhook delivery. `deliveryId` is the vendor's event/action id (or a body digest). */
export interface AtsDelivery {
  readonly source: string;
  readonly deliveryId: string;
  readonly event: AtsEvent;
}

export type DeliveryAction =
  /** A new decision: recorded, a notice planned (or, with canEmail false, recorded without one). */
  | 'recorded'
  /** Rejected again after an unreject: the cancelled notice is scheduled again. */
  | 'rescheduled'
  /** The notice had not gone out: it never will. */
  | 'cancelled'
  /** The notice had already gone out: the reversal is on its timeline. */
  | 'cancel-too-late'
  /** The decision had no notice (canEmail false) or it was already final: recorded, nothing to stop. */
  | 'cancel-recorded';

export type DeliveryOutcome =
  | {
      readonly status: 'accepted';
      readonly action: DeliveryAction;
      readonly decisionKey: string;
      readonly noticeId?: string;
      readonly sendAt?: string;
      readonly noEmailReason?: string;
    }
  | {
      readonly status: 'duplicate';
      /** Why nothing new happened: the same delivery again, or the same decision from another delivery. */
      readonly reason: string;
      readonly decisionKey?: string;
      readonly noticeId?: string;
    }
  | { readonly status: 'ignored'; readonly reason: string };
