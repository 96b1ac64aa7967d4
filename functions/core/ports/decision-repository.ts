import type { Decision } from '../domain/decision.ts';

export interface StoredDecision extends Decision {
  readonly recordedAt: string;
  /** Personal data is deleted after this instant (DynamoDB TTL). */
  readonly retainUntil: string;
  /** The notice planned for it; absent when nothing may be sent (for instance the ATS says can_email: false). */
  readonly noticeId?: string;
  /** Why no email is sent, when none is. */
  readonly noEmailReason?: string;
}

export type RecordOutcome = { readonly created: true } | { readonly created: false; readonly existing: StoredDecision };

export interface DecisionRepository {
  /** Records the decision unless one with the same key exists (a conditional put: the decision-level dedupe). */
  recordOnce(decision: StoredDecision): Promise<RecordOutcome>;
  get(key: string): Promise<StoredDecision | undefined>;
}
