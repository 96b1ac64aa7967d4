import type { Notice, NoticeStatus } from './notice.ts';
import { ownerOf } from './owner.ts';

/** Whose notices: an owner's inbox, lowercased; `includesDefault` when it is the deployment's default inbox. */
export interface OwnerFilter {
  readonly email: string;
  /** The default inbox also owns every notice whose decision named no inbox (`ownerOf`). */
  readonly includesDefault: boolean;
}

/** What `GET /notices` narrows the notices to. Every field is optional; together they all apply. */
export interface NoticeFilter {
  readonly statuses?: readonly NoticeStatus[];
  /** Lowercased text looked for in the candidate's name and address, the application id and the job title. */
  readonly text?: string;
  readonly owner?: OwnerFilter;
  /** A job title (any case) or a job id (exactly). */
  readonly job?: string;
  /** Inclusive bounds on the decision time (the creation time of a notice recorded without one), as ISO instants. */
  readonly decidedFrom?: string;
  readonly decidedTo?: string;
}

/** The time a notice is listed and ranged by: its decision's, or its creation's when it has none. */
export function listedAt(notice: Pick<Notice, 'decidedAt' | 'createdAt'>): string {
  return notice.decidedAt ?? notice.createdAt;
}

/** Whether a notice belongs in the filtered view (the indexes narrow the search; this decides). */
export function noticeMatches(notice: Notice, filter: NoticeFilter, defaultInbox: string): boolean {
  if (filter.statuses !== undefined && !filter.statuses.includes(notice.status)) return false;
  const at = listedAt(notice);
  if (filter.decidedFrom !== undefined && at < filter.decidedFrom) return false;
  if (filter.decidedTo !== undefined && at > filter.decidedTo) return false;
  if (filter.owner !== undefined && ownerOf(notice, defaultInbox).email.toLowerCase() !== filter.owner.email) {
    return false;
  }
  if (
    filter.job !== undefined &&
    notice.job.id !== filter.job &&
    notice.job.title.toLowerCase() !== lower(filter.job)
  ) {
    return false;
  }
  return filter.text === undefined || searchText(notice).includes(filter.text);
}

/** The text `q` is looked for in, lowercased; a newline keeps a match from spanning two fields. */
export function searchText(notice: Pick<Notice, 'candidate' | 'applicationId' | 'job'>): string {
  return [notice.candidate.name, notice.candidate.email, notice.applicationId, notice.job.title].map(lower).join('\n');
}

function lower(text: string): string {
  return text.toLocaleLowerCase('en');
}
