import type { Recruiter } from '../domain/decision.ts';
import type { Notice, NoticeEvent, NoticeReplySummary, NoticeStatus } from '../domain/notice.ts';

export interface DueNotice {
  readonly id: string;
  /** The due time the index holds; the sweep's lease is conditional on it still being this value. */
  readonly dueAt: string;
}

/** Fields a transition may set besides the status. `null` removes an optional field. */
export interface NoticePatch {
  readonly sesMessageId?: string | null;
  readonly attemptBase?: number;
  readonly nextAttemptAt?: string | null;
  readonly leaseUntil?: string | null;
  readonly failureReason?: string | null;
  readonly cancelRequestedAt?: string | null;
  readonly sendAt?: string;
  readonly candidateEmail?: string;
  readonly emailDigest?: string;
}

export interface NoticeTransition {
  /** The move happens only if the notice is in one of these statuses (a conditional write). */
  readonly from: readonly NoticeStatus[];
  readonly to: NoticeStatus;
  readonly event: Omit<NoticeEvent, 'status'>;
  /** Also require `leaseUntil` to be before this instant (reclaiming a `sending` notice whose worker died). */
  readonly leaseExpiredBefore?: string;
  /** Where the notice sits in the due index afterwards: a time, or null to leave the index. */
  readonly dueAt?: string | null;
  readonly incrementAttempts?: boolean;
  /** Also require `attempts` to be exactly this (a report about one attempt must not move the next one). */
  readonly attemptsEquals?: number;
  /**
   * Also require a cancel to have been requested (`true`: `cancelRequestedAt` present) or not (`false`: absent),
   * so a retry never re-queues a notice whose decision was reversed while it was being sent.
   */
  readonly cancelRequested?: boolean;
  /**
   * Apply the transition only if no earlier transition carried this key, and remember it: a report delivered
   * twice (SES and EventBridge deliver at least once) changes the notice once.
   */
  readonly onceKey?: string;
  readonly patch?: NoticePatch;
}

/**
 * A conditional transition's result with the notice as it stood when the condition refused it, so a caller can
 * try the move first and read only when it fails. `readBack` says whether the adapter had to read the notice
 * again to say so (a store that cannot return the refused item), which costs a read the caller meant to save.
 */
export type TransitionAttempt =
  | { readonly moved: true; readonly notice: Notice }
  | { readonly moved: false; readonly current: Notice | undefined; readonly readBack: boolean };
/** A new owner for a notice (`PUT /notices/{id}/owner`), written with its timeline entry. */
export interface OwnerChange {
  readonly owner: Recruiter;
  /** The write happens only if the notice is still in this status (the timeline entry repeats it)… */
  readonly expectedStatus: NoticeStatus;
  /** …and its owner was last changed at this instant (undefined: never changed since it was planned). */
  readonly expectedChangedAt: string | undefined;
  /** Its `at` becomes `ownerChangedAt` and `updatedAt`. */
  readonly event: NoticeEvent;
}

export type CreateOutcome = { readonly created: true } | { readonly created: false; readonly existing: Notice };

export interface NoticeRepository {
  /** Creates the notice unless one with its id exists, and puts it in the due index at `sendAt`. */
  create(notice: Notice): Promise<CreateOutcome>;
  /**
   * Reads consistently unless `consistent: false` (half the read cost), for a reader whose next write is
   * conditional on what it read, so a stale answer is refused and read again.
   */
  get(id: string, options?: { readonly consistent?: boolean }): Promise<Notice | undefined>;
  /** Notices whose due time is at or before `now`, oldest first, from the due index (never a scan). */
  findDue(now: Date, limit: number): Promise<DueNotice[]>;
  /**
   * Moves a due notice's index entry to `until` if it still holds `expectedDueAt`, so two concurrent sweeps
   * never both enqueue it. Returns false when another sweep won.
   */
  leaseDue(id: string, expectedDueAt: string, until: Date): Promise<boolean>;
  /**
   * The conditional state transition. Returns the updated notice, or undefined if the condition failed. The
   * first move to `delivered` also records `deliveredAt` (the event's time).
   */
  transition(id: string, transition: NoticeTransition): Promise<Notice | undefined>;
  /** The same transition, returning the notice as it stood when the condition refused it (see TransitionAttempt). */
  tryTransition(id: string, transition: NoticeTransition): Promise<TransitionAttempt>;
  /** Appends an event that does not change the status (an open, a delivery delay, a recruiter's note). */
  appendEvent(id: string, event: NoticeEvent): Promise<void>;
  /**
   * Sets the owner, `ownerChangedAt` and a timeline entry in one conditional write. Returns the updated notice, or
   * undefined when the notice is gone or no longer as expected (the caller reads again).
   */
  changeOwner(id: string, change: OwnerChange): Promise<Notice | undefined>;
  /** Keeps the first human reply's summary on the notice (later ones change nothing); a gone notice is ignored. */
  noteFirstReply(id: string, reply: NoticeReplySummary): Promise<void>;
}
