import type { Decision } from '../domain/decision.ts';

export interface StoredDecision extends Decision {
  readonly recordedAt: string;
  /** Personal data is deleted after this instant (DynamoDB TTL). */
  readonly retainUntil: string;
  /** The notice planned for it; absent when nothing may be sent (for instance the ATS says can_email: false). */
  readonly noticeId?: string;
  /** Why no email is sent, when none is. */
  readonly noEmailReason?: string;
  /** The latest the ATS said about this application (see `advance`); absent until it says more than once. */
  readonly atsStatus?: AtsStatus;
  readonly atsStatusAt?: string;
}

/** Where an application stands in its ATS: rejected, or the rejection reversed (unrejected, unarchived). */
export type AtsStatus = 'rejected' | 'cancelled';

export type AdvanceOutcome =
  | { readonly advanced: true; readonly previous: AtsStatus }
  | { readonly advanced: false; readonly reason: 'stale' | 'not-found' };

export type RecordOutcome = { readonly created: true } | { readonly created: false; readonly existing: StoredDecision };

export interface DecisionRepository {
  /** Records the decision unless one with the same key exists (a conditional put: the decision-level dedupe). */
  recordOnce(decision: StoredDecision): Promise<RecordOutcome>;
  get(key: string): Promise<StoredDecision | undefined>;
  /**
   * Moves the application's ATS status to `status` as of `at`, only if `at` is not older than what is known
   * (a conditional write): a rejection must be strictly newer, a reversal at least as new. A stale or
   * replayed event changes nothing. Before any change, the status is `rejected` as of `decidedAt`.
   */
  advance(key: string, status: AtsStatus, at: string): Promise<AdvanceOutcome>;
}
