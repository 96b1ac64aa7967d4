import type { CandidateFlag, FlagName, FlagReview } from '../domain/candidate-flag.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { candidateFlagReviewed } from '../domain/events.ts';
import type { Clock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { FlagRepository } from '../ports/flag-repository.ts';
import type { Log } from '../ports/log.ts';

export interface FlagReviewInput {
  readonly candidateId: string;
  readonly flag: FlagName;
  readonly action: FlagReview;
  /** The recruiter's subject (Cognito `sub` or the local developer). */
  readonly by: string;
  readonly reason: string;
}

export type ReviewFlag = (input: FlagReviewInput) => Promise<CandidateFlag>;

/**
 * A recruiter confirms or dismisses a flag, with a reason: who, when and why go into the flag's history
 * (the audit trail). A dismissed flag leaves the by-flag list; it comes back if a later reply raises it.
 *
 * Primary course:
 *  1. Load the flag (404 when the candidate has none of that kind).
 *  2. Refuse a no-op (confirming a confirmed flag) with 409, so a double click is visible, not silent.
 *  3. Move it with a write conditional on the status read in 1 (a concurrent review gets 409).
 *  4. Publish CandidateFlagReviewed.
 */
export function makeReviewFlag(deps: {
  flags: FlagRepository;
  events: EventPublisher;
  clock: Clock;
  log: Log;
}): ReviewFlag {
  return async (input) => {
    const current = await deps.flags.get(input.candidateId, input.flag);
    if (current === undefined) {
      throw new NotFoundError(`Candidate ${input.candidateId} has no ${input.flag} flag`);
    }
    const to = input.action === 'confirm' ? 'confirmed' : 'dismissed';
    if (current.status === to) throw new ConflictError(`The ${input.flag} flag is already ${to}`);

    const at = deps.clock.now().toISOString();
    const updated = await deps.flags.review(input.candidateId, input.flag, {
      from: current.status,
      to,
      entry: { action: to, at, by: input.by, reason: input.reason },
    });
    if (updated === undefined) {
      throw new ConflictError(`The ${input.flag} flag changed while you were reviewing it; reload and try again`);
    }
    const event = candidateFlagReviewed(
      { candidateId: input.candidateId, flag: input.flag, status: to, by: input.by },
      at,
    );
    await deps.events.publish([event]);
    deps.log.info('candidate flag reviewed', {
      candidateId: input.candidateId,
      flag: input.flag,
      status: to,
      by: input.by,
    });
    return updated;
  };
}
