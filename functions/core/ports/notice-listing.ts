import type { Notice, NoticeStatus } from '../domain/notice.ts';
import type { NoticeFilter } from '../domain/notice-filter.ts';

export interface NoticeListQuery {
  readonly filter: NoticeFilter;
  /** The default inbox, for the owner filter (`ownerOf`). */
  readonly defaultInbox: string;
  /**
   * The oldest and newest decision times a search may reach when no index narrows it to a status or an owner
   * (a search by text or job walks the notices by time, month by month, between these).
   */
  readonly window: { readonly oldest: string; readonly newest: string };
}

export interface NoticePage {
  /** Newest decision first. Fewer than the limit with a cursor: the page stopped at its reading budget. */
  readonly notices: readonly Notice[];
  readonly nextCursor?: string;
}

/** Notices as a recruiter looks for them (`GET /notices`), read through indexes, never a scan. */
export interface NoticeListing {
  /**
   * One page of the notices the filter keeps, newest decision first. A page reads a bounded number of index
   * entries (the adapter says how many), so a rare match costs a bounded read per request and the next page goes
   * on from where it stopped; a cursor this listing did not hand out is a ValidationError.
   */
  page(query: NoticeListQuery, page: { readonly limit: number; readonly cursor?: string }): Promise<NoticePage>;
  /** How many notices the filter keeps in each status (the filter's own statuses are ignored). */
  count(query: NoticeListQuery): Promise<Readonly<Record<NoticeStatus, number>>>;
}
