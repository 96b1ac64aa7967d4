import { type CandidateFlag, isUnanswered } from '../domain/candidate-flag.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { FlagRepository } from '../ports/flag-repository.ts';
import type { Log } from '../ports/log.ts';

export type MarkFlagAnswered = (input: { readonly candidateId: string; readonly by: string }) => Promise<CandidateFlag>;

/**
 * A recruiter answered a candidate's feedback request outside Closeloop (a call, a meeting) and says so.
 *
 * Primary course:
 *  1. Find the candidate's `feedback-requested` flag (404 without one).
 *  2. Refuse one that is not open: dismissed, or answered since it was last raised (409).
 *  3. Record the answer: who and when, in the flag's history.
 */
export function makeMarkFlagAnswered(deps: {
  readonly flags: Pick<FlagRepository, 'get' | 'markAnswered'>;
  readonly clock: Clock;
  readonly log: Log;
}): MarkFlagAnswered {
  return async ({ candidateId, by }) => {
    const flag = await deps.flags.get(candidateId, 'feedback-requested');
    if (flag === undefined) throw new NotFoundError(`Candidate ${candidateId} has no feedback-requested flag`);
    if (!isUnanswered(flag)) {
      throw new ConflictError(
        flag.status === 'dismissed'
          ? 'The feedback request was dismissed: there is nothing to answer.'
          : `The feedback request was already answered on ${flag.answeredAt ?? flag.updatedAt}.`,
      );
    }
    const answered = await deps.flags.markAnswered(candidateId, 'feedback-requested', {
      at: deps.clock.now().toISOString(),
      by,
    });
    if (answered === undefined) throw new NotFoundError(`Candidate ${candidateId} has no feedback-requested flag`);
    deps.log.info('feedback request marked answered', { candidateId });
    return answered;
  };
}
