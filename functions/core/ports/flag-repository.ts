import type { CandidateFlag, FlagHistoryEntry, FlagName, FlagStatus } from '../domain/candidate-flag.ts';
import type { HostileEvidence } from './reply-classifier.ts';

export interface RaiseFlag {
  readonly candidateId: string;
  readonly flag: FlagName;
  readonly reason: string;
  readonly evidence: readonly HostileEvidence[];
  readonly replyId: string;
  readonly noticeId?: string;
  readonly at: string;
  readonly retainUntil: string;
}

/**
 * `raised`: new; `raised-again`: another reply raised a flag that existed (a dismissed one becomes raised
 * again); `unchanged`: this reply had already raised it (a retry).
 */
export type RaiseOutcome = 'raised' | 'raised-again' | 'unchanged';

export interface FlagReviewChange {
  /** The move happens only from this status (a conditional write). */
  readonly from: FlagStatus;
  readonly to: Exclude<FlagStatus, 'raised'>;
  readonly entry: FlagHistoryEntry;
}

/** Flags on candidates, listed by flag newest first through the `byFlag` index. */
export interface FlagRepository {
  raise(input: RaiseFlag): Promise<RaiseOutcome>;
  get(candidateId: string, flag: FlagName): Promise<CandidateFlag | undefined>;
  /** Returns the updated flag, or undefined when its status was no longer `from`. */
  review(candidateId: string, flag: FlagName, change: FlagReviewChange): Promise<CandidateFlag | undefined>;
}
