import type { FlagName } from '../domain/candidate-flag.ts';
import type { Reply, ReplyResolution } from '../domain/reply.ts';

export interface UnmatchedRepliesQuery {
  readonly limit: number;
  /** Where the previous page stopped (opaque; from `UnmatchedRepliesPage.cursor`). */
  readonly cursor?: string;
}

export interface UnmatchedRepliesPage {
  readonly items: readonly Reply[];
  /** Present when there may be more. */
  readonly cursor?: string;
}

export type ReplyCreateOutcome = { readonly created: true } | { readonly created: false; readonly existing: Reply };

/** Replies, on the candidate's timeline (or the unmatched inbox), deleted with the candidate's other data. */
export interface ReplyRepository {
  /** Records the reply unless one with its id exists (the same message delivered twice). */
  create(reply: Reply): Promise<ReplyCreateOutcome>;
  get(id: string): Promise<Reply | undefined>;
  /** Records that flags and notifications are done. */
  markProcessed(id: string, at: string, flags: readonly FlagName[]): Promise<void>;
  /**
   * Replies no notice matched, newest first, a page at a time. A cursor that is not one this list handed out
   * throws `ValidationError`.
   */
  listUnmatched(query: UnmatchedRepliesQuery): Promise<UnmatchedRepliesPage>;
  /**
   * Replaces an unmatched reply, not yet resolved, by its linked version (on the candidate's timeline from then
   * on). False when it is no longer unmatched or was resolved meanwhile (a conditional write).
   */
  link(reply: Reply): Promise<boolean>;
  /**
   * Dismisses an unmatched reply, not yet resolved: it leaves the unmatched list, and stays where erasure of its
   * sender's address finds it until its TTL. False when it is no longer unmatched or was resolved.
   */
  dismiss(id: string, resolution: ReplyResolution): Promise<boolean>;
}
