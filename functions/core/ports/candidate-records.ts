import type { CandidateFlag } from '../domain/candidate-flag.ts';
import type { Notice } from '../domain/notice.ts';
import type { Relay } from '../domain/relay.ts';
import type { Reply } from '../domain/reply.ts';
import type { StoredDecision } from './decision-repository.ts';

/** Everything held about one candidate, by kind. */
export interface CandidateRecord {
  readonly decisions: readonly StoredDecision[];
  readonly notices: readonly Notice[];
  readonly replies: readonly Reply[];
  readonly flags: readonly CandidateFlag[];
  /** Relays of the candidate's threads, both directions. */
  readonly relays: readonly Relay[];
  /** Notices whose thread state (recruiter token, hourly window) is held: the thread items. */
  readonly relayThreads: readonly string[];
  /** Recruiter side tokens (`recruiter+<token>@`) minted for the candidate's threads. */
  readonly recruiterTokens: readonly string[];
}

export interface ErasedItems {
  readonly decisions: number;
  readonly notices: number;
  readonly replies: number;
  readonly flags: number;
  readonly relays: number;
  readonly relayThreads: number;
  readonly recruiterTokens: number;
}

/**
 * A candidate's items, found through the `byCandidate` index (`CAND#<id>`): the timeline reads them, erasure
 * deletes them.
 */
export interface CandidateRecords {
  /** Everything; `{ replies: false }` leaves the replies out (a candidate may have thousands: see `replyPage`). */
  read(candidateId: string, options?: { readonly replies?: boolean }): Promise<CandidateRecord>;
  /**
   * The candidate's replies newest first, a page at a time, strictly before `before` in (receivedAt, id) order;
   * a `before` without id excludes every reply of that instant. `more` when older ones remain.
   */
  replyPage(
    candidateId: string,
    page: { readonly limit: number; readonly before?: { readonly at: string; readonly id?: string } },
  ): Promise<{ readonly replies: readonly Reply[]; readonly more: boolean }>;
  /** Replies no notice matched that came from one of these address digests (the unmatched inbox). */
  unmatchedRepliesFrom(emailDigests: readonly string[]): Promise<Reply[]>;
  /** Deletes these items; counts the ones that were still there. Deleting a missing item is fine. */
  delete(record: CandidateRecord): Promise<ErasedItems>;
}
