import type { CandidateFlag, FlagHistoryEntry, FlagName, FlagStatus } from '../domain/candidate-flag.ts';

import type { RaiseFlag } from '../domain/flag-raise.ts';

export type { RaiseFlag };

/** Which listed flags (raised or confirmed) to read: by job, and by when they were last raised. */
export interface FlagFilter {
  readonly jobId?: string;
  /** A job id, or words of its title as a recruiter types them (`Platform` finds `Platform Engineer`). */
  readonly job?: string;
  /** Inclusive ISO-8601 bounds on the time the flag was last raised. */
  readonly from?: string;
  readonly to?: string;
}

export interface FlagQuery extends FlagFilter {
  readonly flag: FlagName;
  readonly limit: number;
  /** Where the previous page stopped (opaque; from `FlagPage.cursor`). */
  readonly cursor?: string;
}

export interface FlagPage {
  readonly items: readonly CandidateFlag[];
  /** Present when there may be more. */
  readonly cursor?: string;
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

/** Who answered a flag (a feedback request), and with which follow-up. */
export interface FlagAnswer {
  readonly at: string;
  /** The recruiter's subject. */
  readonly by: string;
  readonly relayId?: string;
}

/** Flags on candidates, listed by flag newest first through the `byFlag` index. */
export interface FlagRepository {
  raise(input: RaiseFlag): Promise<RaiseOutcome>;
  get(candidateId: string, flag: FlagName): Promise<CandidateFlag | undefined>;
  /** Returns the updated flag, or undefined when its status was no longer `from`. */
  review(candidateId: string, flag: FlagName, change: FlagReviewChange): Promise<CandidateFlag | undefined>;
  /**
   * Raised and confirmed flags of one kind, newest raise first, a page at a time. A cursor that is not one
   * this list handed out throws `ValidationError`.
   */
  list(query: FlagQuery): Promise<FlagPage>;
  /**
   * Records that a recruiter answered the flag: an `answered` history entry and `answeredAt`; the status stays.
   * Undefined when the candidate has no such flag; the same `relayId` twice records it once.
   */
  markAnswered(candidateId: string, flag: FlagName, answer: FlagAnswer): Promise<CandidateFlag | undefined>;
  /** How many candidates a `list` with this filter would show in all. */
  count(flag: FlagName, filter: FlagFilter): Promise<number>;
}
