import { type CandidateFlag, FLAG_NAMES, type FlagName } from '../domain/candidate-flag.ts';
import { definedFields } from '../domain/optional.ts';
import type { FlagFilter, FlagRepository } from '../ports/flag-repository.ts';
import type { NoticeRepository } from '../ports/notice-repository.ts';

export interface FlaggedCandidatesQuery extends FlagFilter {
  readonly flag: FlagName;
  readonly limit: number;
  readonly cursor?: string;
}

export interface FlaggedCandidate {
  readonly candidateId: string;
  readonly name?: string;
  readonly job?: { readonly id: string; readonly title: string };
  readonly flag: CandidateFlag;
}

export interface FlaggedCandidatesPage {
  readonly flag: FlagName;
  readonly items: readonly FlaggedCandidate[];
  readonly nextCursor?: string;
  /** Candidates per flag with the same job and date filter, so the tabs say what each list holds. */
  readonly counts: Readonly<Record<FlagName, number>>;
}

export type ListFlaggedCandidates = (query: FlaggedCandidatesQuery) => Promise<FlaggedCandidatesPage>;

/**
 * Candidates with a raised or confirmed flag of one kind, newest raise first.
 *
 * Primary course:
 *  1. Read one page of the flag's list (the `byFlag` index), filtered by job and by when it was raised.
 *  2. Count every flag's list with the same filter (one index query each, in parallel).
 *  3. A flag raised before it carried the candidate's name and job gets them from its notice.
 */
export function makeListFlaggedCandidates(deps: {
  readonly flags: FlagRepository;
  readonly notices: Pick<NoticeRepository, 'get'>;
}): ListFlaggedCandidates {
  return async (query) => {
    const filter: FlagFilter = {
      ...definedFields({ jobId: query.jobId, from: query.from, to: query.to }),
    };
    const [page, counted] = await Promise.all([
      deps.flags.list({
        ...filter,
        flag: query.flag,
        limit: query.limit,
        ...definedFields({ cursor: query.cursor }),
      }),
      Promise.all(FLAG_NAMES.map(async (flag) => [flag, await deps.flags.count(flag, filter)] as const)),
    ]);
    const items = await Promise.all(page.items.map((flag) => withSubject(flag)));
    return {
      flag: query.flag,
      items,
      ...definedFields({ nextCursor: page.cursor }),
      counts: Object.fromEntries(counted) as Record<FlagName, number>,
    };
  };

  async function withSubject(flag: CandidateFlag): Promise<FlaggedCandidate> {
    let name = flag.candidateName;
    let job = flag.job;
    if ((name === undefined || job === undefined) && flag.noticeId !== undefined) {
      const notice = await deps.notices.get(flag.noticeId);
      name ??= notice?.candidate.name;
      job ??= notice === undefined ? undefined : { id: notice.job.id, title: notice.job.title };
    }
    return {
      candidateId: flag.candidateId,
      ...definedFields({ name, job }),
      flag,
    };
  }
}
