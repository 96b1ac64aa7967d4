import { type CandidateFlag, FLAG_NAMES, type FlagName } from '../domain/candidate-flag.ts';
import { definedFields } from '../domain/optional.ts';
import type { FlagFilter, FlagRepository } from '../ports/flag-repository.ts';
import type { NoticeRepository } from '../ports/notice-repository.ts';
import type { ReplyRepository } from '../ports/reply-repository.ts';

/** A card shows the start of the reply; the timeline has all of it. */
const REPLY_EXCERPT_CHARS = 600;

export interface FlaggedCandidatesQuery extends FlagFilter {
  readonly flag: FlagName;
  readonly limit: number;
  readonly cursor?: string;
}

export interface FlaggedCandidate {
  readonly candidateId: string;
  readonly name?: string;
  readonly job?: { readonly id: string; readonly title: string };
  /** The address the candidate's notice went to, so two people of one name can be told apart. */
  readonly email?: string;
  /** The latest reply that raised the flag: what the candidate wrote (its start), for every flag, warm too. */
  readonly reply?: {
    readonly id: string;
    readonly receivedAt: string;
    readonly text: string;
    readonly truncated: boolean;
  };
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
 *  3. Each card gets the candidate's address from the flag's notice (and, for a flag raised before it carried
 *     them, the name and job), and the text of the latest reply that raised it.
 */
export function makeListFlaggedCandidates(deps: {
  readonly flags: FlagRepository;
  readonly notices: Pick<NoticeRepository, 'get'>;
  readonly replies: Pick<ReplyRepository, 'get'>;
}): ListFlaggedCandidates {
  return async (query) => {
    const filter: FlagFilter = {
      ...definedFields({ jobId: query.jobId, job: query.job, from: query.from, to: query.to }),
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
    const latestReplyId = flag.replyIds.at(-1);
    const [notice, reply] = await Promise.all([
      flag.noticeId === undefined ? undefined : deps.notices.get(flag.noticeId),
      latestReplyId === undefined ? undefined : deps.replies.get(latestReplyId),
    ]);
    const name = flag.candidateName ?? notice?.candidate.name;
    const job = flag.job ?? (notice === undefined ? undefined : { id: notice.job.id, title: notice.job.title });
    return {
      candidateId: flag.candidateId,
      ...definedFields({ name, job, email: notice?.candidate.email }),
      ...(reply === undefined
        ? {}
        : {
            reply: {
              id: reply.id,
              receivedAt: reply.receivedAt,
              text: reply.text.slice(0, REPLY_EXCERPT_CHARS),
              truncated: reply.text.length > REPLY_EXCERPT_CHARS,
            },
          }),
      flag,
    };
  }
}
