import { ValidationError } from '../domain/errors.ts';
import type { Notice, NoticeStatus } from '../domain/notice.ts';
import type { NoticeFilter } from '../domain/notice-filter.ts';
import { definedFields } from '../domain/optional.ts';
import type { Clock } from '../ports/clock.ts';
import type { NoticeListing, NoticeListQuery, NoticePage } from '../ports/notice-listing.ts';

/** What a recruiter asks `GET /notices` for, as the request said it (validated for shape, not yet meaning). */
export interface FindNoticesRequest {
  readonly statuses?: readonly NoticeStatus[];
  readonly q?: string;
  /** An owner's inbox, or `me`. */
  readonly recruiter?: string;
  /** Who is asking: `recruiter=me` means their inbox (undefined when the sign-in carries no address). */
  readonly callerEmail?: string;
  readonly job?: string;
  /** `YYYY-MM-DD` (the whole day, UTC) or an ISO instant with its offset. */
  readonly decidedFrom?: string;
  readonly decidedTo?: string;
}

/** The most rows an export holds (docs: README, Find notices); `truncated` says when the view had more. */
export const EXPORT_ROW_CAP = 10_000;
const EXPORT_PAGE = 200;

export interface FindNotices {
  page(request: FindNoticesRequest, page: { readonly limit: number; readonly cursor?: string }): Promise<NoticePage>;
  count(
    request: FindNoticesRequest,
  ): Promise<{ readonly counts: Readonly<Record<NoticeStatus, number>>; readonly total: number }>;
  /** Every notice of the view, newest first, up to EXPORT_ROW_CAP. */
  exportAll(request: FindNoticesRequest): Promise<{ readonly notices: readonly Notice[]; readonly truncated: boolean }>;
}

/**
 * The recruiter's workspace: notices found by status, owner, text, job and decision time.
 *
 * Primary course:
 *  1. Turn the request into a filter: `me` becomes the caller's inbox, dates become instants, text is lowercased,
 *     an owner is matched with the default inbox's notices when it is that inbox.
 *  2. Bound the months a search by time may walk (the retention period and a year before it).
 *  3. Read a page, the counts, or every page of the view (an export) from the notice listing.
 */
export function makeFindNotices(deps: {
  readonly listing: NoticeListing;
  readonly clock: Clock;
  readonly defaultInbox: string;
  readonly retentionDays: number;
}): FindNotices {
  const queryOf = (request: FindNoticesRequest): NoticeListQuery => {
    const filter = filterOf(request, deps.defaultInbox);
    return { filter, defaultInbox: deps.defaultInbox, window: windowOf(filter, deps.clock.now(), deps.retentionDays) };
  };
  return {
    page: (request, page) => deps.listing.page(queryOf(request), page),
    count: async (request) => {
      const { statuses: _ignored, ...rest } = request;
      const counts = await deps.listing.count(queryOf(rest));
      return { counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
    },
    exportAll: async (request) => {
      const query = queryOf(request);
      const notices: Notice[] = [];
      let cursor: string | undefined;
      do {
        const page = await deps.listing.page(query, { limit: EXPORT_PAGE, ...definedFields({ cursor }) });
        notices.push(...page.notices);
        cursor = page.nextCursor;
      } while (cursor !== undefined && notices.length < EXPORT_ROW_CAP);
      return {
        notices: notices.slice(0, EXPORT_ROW_CAP),
        truncated: notices.length > EXPORT_ROW_CAP || cursor !== undefined,
      };
    },
  };
}

function filterOf(request: FindNoticesRequest, defaultInbox: string): NoticeFilter {
  const decidedFrom = request.decidedFrom === undefined ? undefined : instantOf(request.decidedFrom, 'start');
  const decidedTo = request.decidedTo === undefined ? undefined : instantOf(request.decidedTo, 'end');
  if (decidedFrom !== undefined && decidedTo !== undefined && decidedFrom > decidedTo) {
    throw new ValidationError('The decided range ends before it starts', [
      { field: 'decidedTo', message: 'must not be before decidedFrom' },
    ]);
  }
  const text = request.q?.trim().toLocaleLowerCase('en');
  const job = request.job?.trim();
  return {
    ...definedFields({ decidedFrom, decidedTo }),
    ...(request.statuses === undefined || request.statuses.length === 0 ? {} : { statuses: request.statuses }),
    ...(text === undefined || text === '' ? {} : { text }),
    ...(job === undefined || job === '' ? {} : { job }),
    ...ownerFilterOf(request, defaultInbox),
  };
}

function ownerFilterOf(request: FindNoticesRequest, defaultInbox: string): Pick<NoticeFilter, 'owner'> {
  const asked = request.recruiter?.trim();
  if (asked === undefined || asked === '') return {};
  const email = (asked.toLowerCase() === 'me' ? callerInbox(request.callerEmail) : asked).toLowerCase();
  return { owner: { email, includesDefault: email === defaultInbox.toLowerCase() } };
}

function callerInbox(callerEmail: string | undefined): string {
  if (callerEmail !== undefined) return callerEmail;
  throw new ValidationError('Your sign-in carries no email address, so "me" names no inbox', [
    { field: 'recruiter', message: 'give the inbox itself' },
  ]);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day is all of it in UTC; an instant is normalised, so it compares with the stored `toISOString` times. */
function instantOf(value: string, end: 'start' | 'end'): string {
  const text = DAY.test(value) ? `${value}T${end === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : value;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) {
    throw new ValidationError('Not a date', [
      { field: end === 'start' ? 'decidedFrom' : 'decidedTo', message: 'a date (YYYY-MM-DD) or an ISO date-time' },
    ]);
  }
  return new Date(ms).toISOString();
}

const DAY_MS = 86_400_000;

/**
 * Notices are deleted `retentionDays` after they are planned, and a decision is rarely recorded more than a year
 * after it was taken: a search by time walks back no further (a month in the future allows for clock skew).
 */
function windowOf(filter: NoticeFilter, now: Date, retentionDays: number): NoticeListQuery['window'] {
  return {
    oldest: filter.decidedFrom ?? new Date(now.getTime() - (retentionDays + 366) * DAY_MS).toISOString(),
    newest: filter.decidedTo ?? new Date(now.getTime() + 31 * DAY_MS).toISOString(),
  };
}
