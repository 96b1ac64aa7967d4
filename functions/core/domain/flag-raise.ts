import type { HostileEvidence } from '../ports/reply-classifier.ts';
import { appendHistory, type CandidateFlag, type FlagHistoryEntry, type FlagName } from './candidate-flag.ts';
import { definedFields } from './optional.ts';

/** A reply raising a flag on its candidate. */
export interface RaiseFlag {
  readonly candidateId: string;
  readonly flag: FlagName;
  readonly reason: string;
  readonly evidence: readonly HostileEvidence[];
  readonly replyId: string;
  readonly noticeId?: string;
  readonly candidateName?: string;
  readonly job?: { readonly id: string; readonly title: string };
  readonly at: string;
  readonly retainUntil: string;
}

/** Older entries fall off the flag; the replies themselves keep everything. */
export const MAX_FLAG_REPLY_IDS = 50;
export const MAX_FLAG_EVIDENCE = 10;

/** The flag a reply raises on a candidate who has none of that name yet. */
export function firstRaise(input: RaiseFlag): CandidateFlag {
  return {
    candidateId: input.candidateId,
    flag: input.flag,
    status: 'raised',
    raisedAt: input.at,
    updatedAt: input.at,
    reason: input.reason,
    evidence: input.evidence.slice(0, MAX_FLAG_EVIDENCE),
    replyIds: [input.replyId],
    ...subjectOf(input),
    history: [{ ...entryOf(input), action: 'raised' }],
    retainUntil: input.retainUntil,
  };
}

/**
 * A later reply raising the same flag: `unchanged` for a reply that already raised it (a redelivery). A dismissed
 * flag comes back `raised` (a new reply is new evidence a recruiter has not seen), a confirmed one stays
 * confirmed. The newest evidence comes first, the replies keep their order, the subject (notice, name, job)
 * follows the newest reply, and the retention the newest data.
 */
export function raiseAgain(current: CandidateFlag, input: RaiseFlag): CandidateFlag | 'unchanged' {
  if (current.replyIds.includes(input.replyId)) return 'unchanged';
  return {
    ...current,
    ...subjectOf(input),
    status: current.status === 'dismissed' ? 'raised' : current.status,
    updatedAt: input.at,
    reason: input.reason,
    evidence: [...input.evidence, ...current.evidence].slice(0, MAX_FLAG_EVIDENCE),
    replyIds: [...current.replyIds, input.replyId].slice(-MAX_FLAG_REPLY_IDS),
    ...appendHistory(current, { ...entryOf(input), action: 'raised-again' }),
    retainUntil: [input.retainUntil, current.retainUntil].sort().at(-1) ?? input.retainUntil,
  };
}

function entryOf(input: RaiseFlag): Omit<FlagHistoryEntry, 'action'> {
  return { at: input.at, by: 'closeloop', reason: input.reason, replyId: input.replyId };
}

function subjectOf(input: RaiseFlag): Pick<CandidateFlag, 'noticeId' | 'candidateName' | 'job'> {
  return {
    ...definedFields({ noticeId: input.noticeId, candidateName: input.candidateName, job: input.job }),
  };
}
