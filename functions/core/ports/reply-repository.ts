import type { FlagName } from '../domain/candidate-flag.ts';
import type { Reply } from '../domain/reply.ts';

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
}
