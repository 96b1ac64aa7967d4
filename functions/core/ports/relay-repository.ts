import type { Relay, RelayHistoryEntry, RelayStatus } from '../domain/relay.ts';

export type RelayCreateOutcome = { readonly created: true } | { readonly created: false; readonly existing: Relay };

export interface RelayTransition {
  readonly from: readonly RelayStatus[];
  readonly to: RelayStatus;
  readonly at: string;
  readonly detail: string;
  /** Set with the move (e.g. `sesMessageId`, `leaseUntil`, `attempts`, `nextAttemptAt`, `failureReason`). */
  readonly set?: Partial<Pick<Relay, 'sesMessageId' | 'leaseUntil' | 'attempts' | 'nextAttemptAt' | 'failureReason'>>;
  /** Claim a `sending` relay only if its lease ended before this instant. */
  readonly leaseExpiredBefore?: string;
  /** Only if `attempts` still equals this (a report about an older attempt changes nothing). */
  readonly expectedAttempts?: number;
}

/** The outcome of counting a relay in its thread's hourly window. */
export interface WindowCount {
  readonly counted: boolean;
  /** The start of the thread's current window (ISO instant); the pause lasts until an hour after it. */
  readonly windowStart: string;
}

/** The recruiter side of one thread: `recruiter+<token>@` belongs to this notice. */
export interface RecruiterToken {
  readonly token: string;
  readonly noticeId: string;
  readonly candidateId: string;
  readonly createdAt: string;
  readonly retainUntil: string;
}

/**
 * Relays and the thread state they need (DynamoDB in AWS and under `npm start`). Every item carries the
 * candidate's `byCandidate` keys so the timeline shows it and erasure finds it.
 */
export interface RelayRepository {
  /** Creates the relay unless one with its id exists (conditional put), due now in the `RELAYDUE` partition. */
  create(relay: Relay): Promise<RelayCreateOutcome>;
  get(id: string): Promise<Relay | undefined>;
  /** Deletes the relay (one whose candidate was erased meanwhile); deleting a missing relay is fine. */
  delete(id: string): Promise<void>;
  /** The conditional move; undefined when the condition failed. Appends `history`. */
  transition(id: string, transition: RelayTransition): Promise<Relay | undefined>;
  /** Relays of a thread (one notice), oldest first. */
  listByNotice(noticeId: string): Promise<Relay[]>;
  /** Open relays whose due time passed (the sweep's backstop for a lost queue message). */
  findDue(now: Date, limit: number): Promise<Relay[]>;
  /** The thread's recruiter token, minted once: concurrent callers agree on the first one written. */
  recruiterTokenFor(noticeId: string, candidateId: string, mint: RecruiterToken): Promise<RecruiterToken>;
  byRecruiterToken(token: string): Promise<RecruiterToken | undefined>;
  /**
   * Counts the relay `relayId` in the thread's hourly window if fewer than `cap` distinct relays were counted
   * there (a conditional update). Idempotent per relay id: a retry of a relay already counted in the window is
   * counted (true) without spending the cap again. A window older than an hour starts again with this relay.
   * `windowStart` is the current window's start (when refused, the window that is full).
   */
  countInWindow(noticeId: string, candidateId: string, at: Date, cap: number, relayId: string): Promise<WindowCount>;
  /** Appends a history entry without changing the status. */
  note(id: string, entry: RelayHistoryEntry): Promise<void>;
}
