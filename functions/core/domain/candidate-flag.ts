import type { HostileEvidence } from '../ports/reply-classifier.ts';

/**
 * Flags a reply can raise on a candidate. `bridge-burned` needs a confidently hostile reply from the
 * candidate's own address; anything doubtful (a borderline score, a forward, legal or discrimination
 * language) raises `needs-review` instead, because a false `bridge-burned` harms a real person.
 */
export const FLAG_NAMES = ['bridge-burned', 'needs-review', 'warm', 'feedback-requested', 'withdrew'] as const;
export type FlagName = (typeof FLAG_NAMES)[number];

/** raised → confirmed | dismissed by a recruiter, and back again; each move is in the history. */
export const FLAG_STATUSES = ['raised', 'confirmed', 'dismissed'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

export type FlagReview = 'confirm' | 'dismiss';

export interface FlagHistoryEntry {
  /** `answered`: a recruiter answered the request (a follow-up, or marked by hand); the status does not change. */
  readonly action: 'raised' | 'raised-again' | 'confirmed' | 'dismissed' | 'answered';
  readonly at: string;
  /** `closeloop` for the system, else the recruiter's subject (never an email address in logs). */
  readonly by: string;
  readonly reason: string;
  readonly replyId?: string;
  /** `answered` by a follow-up: the relay that carried it. */
  readonly relayId?: string;
}

export interface CandidateFlag {
  readonly candidateId: string;
  readonly flag: FlagName;
  readonly status: FlagStatus;
  readonly raisedAt: string;
  readonly updatedAt: string;
  /** Why the system raised it, in words a recruiter can check ("hostile reply: insult, accusation"). */
  readonly reason: string;
  readonly evidence: readonly HostileEvidence[];
  /** Every reply that raised it, oldest first. */
  readonly replyIds: readonly string[];
  readonly noticeId?: string;
  /** Who and which job, from the notice the newest raising reply answered: the by-flag list shows them. */
  readonly candidateName?: string;
  readonly job?: { readonly id: string; readonly title: string };
  /** The first `FLAG_HISTORY_HEAD` and the last `FLAG_HISTORY_TAIL` events; `historyOmitted` counts the rest. */
  readonly history: readonly FlagHistoryEntry[];
  /** Events left out between the first and the last ones kept (issue 17: one item must stay under 400 KB). */
  readonly historyOmitted?: number;
  /** When a recruiter last answered it (`feedback-requested`); a later raise makes it open again. */
  readonly answeredAt?: string;
  readonly retainUntil: string;
}

/** Open: raised or confirmed and not answered since it was last raised. */
export function isUnanswered(flag: CandidateFlag): boolean {
  if (flag.status === 'dismissed') return false;
  const lastRaise = flag.history.filter((h) => h.action === 'raised' || h.action === 'raised-again').at(-1)?.at;
  return flag.answeredAt === undefined || (lastRaise !== undefined && lastRaise > flag.answeredAt);
}

/** What the flag policy decided for one reply. */
export interface FlagDecision {
  readonly flag: FlagName;
  readonly reason: string;
  readonly evidence: readonly HostileEvidence[];
}

/** How much of a flag's history one item keeps: the first events (how it began) and the latest. */
export const FLAG_HISTORY_HEAD = 5;
export const FLAG_HISTORY_TAIL = 45;

/**
 * The history with `entry` appended, capped: the first `FLAG_HISTORY_HEAD` and the last `FLAG_HISTORY_TAIL`
 * events, and how many between them were left out. Every reply that raised the flag is still on the timeline.
 */
export function appendHistory(
  flag: Pick<CandidateFlag, 'history' | 'historyOmitted'>,
  entry: FlagHistoryEntry,
): Pick<CandidateFlag, 'history' | 'historyOmitted'> {
  const all = [...flag.history, entry];
  const excess = all.length - FLAG_HISTORY_HEAD - FLAG_HISTORY_TAIL;
  if (excess <= 0) return { history: all, ...(flag.historyOmitted ? { historyOmitted: flag.historyOmitted } : {}) };
  return {
    history: [...all.slice(0, FLAG_HISTORY_HEAD), ...all.slice(FLAG_HISTORY_HEAD + excess)],
    historyOmitted: (flag.historyOmitted ?? 0) + excess,
  };
}
