import type { FlagName } from '../domain/candidate-flag.ts';
import type { Reply } from '../domain/reply.ts';

export type ReplyCreateOutcome = { readonly created: true } | { readonly created: false; readonly existing: Reply };

/** Replies, on the candidate's timeline (or the unmatched inbox), deleted with the candidate's other data. */
export interface ReplyRepository {
  /** Records the reply unless one with its id exists (the same message delivered twice). */
  create(reply: Reply): Promise<ReplyCreateOutcome>;
  get(id: string): Promise<Reply | undefined>;
  /** Records that flags and notifications are done. */
  markProcessed(id: string, at: string, flags: readonly FlagName[]): Promise<void>;
  /** Replies no notice matched, newest first. */
  listUnmatched(limit: number): Promise<Reply[]>;
}
