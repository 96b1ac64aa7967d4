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
  readonly action: 'raised' | 'raised-again' | 'confirmed' | 'dismissed' | 'answered';
  readonly at: string;
  /** `closeloop` for the system, else the recruiter's subject (never an email address in logs). */
  readonly by: string;
  readonly reason: string;
  readonly replyId?: string;
  /** `answered`: the follow-up that answered it, when one did. */
  readonly relayId?: string;
}

/** A `feedback-requested` flag was answered: by a recruiter's follow-up (`relayId`) or marked by hand. */
export interface FlagAnswer {
  readonly at: string;
  /** `closeloop` when a follow-up answered it, else the recruiter's subject. */
  readonly by: string;
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
  readonly history: readonly FlagHistoryEntry[];
  /** Set once the request was answered (the status does not change: the flag stays listed). */
  readonly answered?: FlagAnswer;
  readonly retainUntil: string;
}

/** What the flag policy decided for one reply. */
export interface FlagDecision {
  readonly flag: FlagName;
  readonly reason: string;
  readonly evidence: readonly HostileEvidence[];
}
