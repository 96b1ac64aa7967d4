import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NOTICE_STATUSES, type Notice, type NoticeStatus } from '#core/domain/notice.ts';
import { type NoticeFilter, noticeMatches } from '#core/domain/notice-filter.ts';
import type { NoticeListing, NoticeListQuery, NoticePage } from '#core/ports/notice-listing.ts';
import { batchGetItems } from './batch-get.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { monthsBetween } from './dynamodb-loop-record-source.ts';
import { mergeNewestFirst, type PeriodRange, partitionNewestFirst, type TimedEntry, take } from './newest-first.ts';
import { noticeFromItem } from './notice-item.ts';
import { DEFAULT_OWNER_KEY, PENDING_STATUS_KEY, statusKeyOf } from './table-definition.ts';

/**
 * The most index entries one page reads. A filter that matches rarely (a name typed in the search box) returns a
 * short page with a cursor rather than reading on: each request costs at most this many index entries and items.
 */
export const PAGE_READ_BUDGET = 2_000;
/** Items per BatchGetItem call (DynamoDB's limit). */
const CHUNK = 100;
const CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[ND]#[^#]+$/;

/**
 * `GET /notices` on DynamoDB, with no scan. The search picks the index that narrows it most:
 *  - a status filter reads that status's `byStatus` partition (several statuses: their partitions merged by time);
 *  - an owner filter reads the owner's `byOwner` partition (and the default inbox's, when it is that inbox), and
 *    is preferred to the status one when a status asked for shares its partition with most notices (`delivered`,
 *    or the statuses of a notice on its way, `pending`);
 *  - otherwise (text, job, or nothing) it walks `byPeriod`, month by month, newest first.
 * Every partition is sorted by `periodAt`, so the decided range is a key condition. The entries' items are read by
 * BatchGetItem and the whole filter decides (`noticeMatches`); the cursor is the last `periodAt` a page passed.
 */
export class DynamoDbNoticeListing implements NoticeListing {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async page(query: NoticeListQuery, page: { readonly limit: number; readonly cursor?: string }): Promise<NoticePage> {
    const below = page.cursor === undefined ? undefined : cursorAt(page.cursor);
    const stream = this.search(query, below);
    const notices: Notice[] = [];
    let examined = 0;
    let last: string | undefined;
    while (notices.length < page.limit && examined < PAGE_READ_BUDGET) {
      const chunk = await take(stream, Math.min(CHUNK, PAGE_READ_BUDGET - examined));
      if (chunk.length === 0) return { notices };
      examined += chunk.length;
      for (const { entry, notice } of await this.read(chunk)) {
        last = entry.periodAt;
        if (notice === undefined || !noticeMatches(notice, query.filter, query.defaultInbox)) continue;
        notices.push(notice);
        if (notices.length === page.limit) break;
      }
    }
    await stream.return(undefined);
    return { notices, ...(last === undefined ? {} : { nextCursor: encodeCursor({ at: last }) }) };
  }

  async count(query: NoticeListQuery): Promise<Readonly<Record<NoticeStatus, number>>> {
    const counts = Object.fromEntries(NOTICE_STATUSES.map((status) => [status, 0])) as Record<NoticeStatus, number>;
    const { statuses: _all, ...filter } = query.filter;
    const stream = this.search({ ...query, filter }, undefined);
    // `byPeriod` holds each notice's status: with no filter beyond the range, no item needs reading.
    const fromIndex = filter.owner === undefined && filter.text === undefined && filter.job === undefined;
    for (let chunk = await take(stream, CHUNK); chunk.length > 0; chunk = await take(stream, CHUNK)) {
      if (fromIndex) {
        for (const { item } of chunk) counts[item.status as NoticeStatus] += 1;
        continue;
      }
      for (const { notice } of await this.read(chunk)) {
        if (notice !== undefined && noticeMatches(notice, filter, query.defaultInbox)) counts[notice.status] += 1;
      }
    }
    return counts;
  }

  /** The entries of the index that narrows the filter most, newest first, strictly before `below`. */
  private search(query: NoticeListQuery, below: string | undefined): AsyncGenerator<TimedEntry> {
    const { filter } = query;
    const range = rangeOf(filter, query.window, below);
    const partitions = (index: string, partitionKey: string, values: readonly string[]) =>
      mergeNewestFirst(
        values.map((value) => partitionNewestFirst(this.client, this.tableName, { index, partitionKey, value }, range)),
      );
    const statusKeys = filter.statuses === undefined ? undefined : [...new Set(filter.statuses.map(statusKeyOf))];
    const ownerKeys =
      filter.owner === undefined
        ? undefined
        : [filter.owner.email, ...(filter.owner.includesDefault ? [DEFAULT_OWNER_KEY] : [])];
    const crowded = statusKeys?.some((key) => key === PENDING_STATUS_KEY || key === 'delivered') ?? false;
    const stream =
      statusKeys !== undefined && (ownerKeys === undefined || !crowded)
        ? partitions('byStatus', 'statusKey', statusKeys)
        : ownerKeys !== undefined
          ? partitions('byOwner', 'ownerKey', ownerKeys)
          : this.byTime(range);
    return below === undefined ? stream : strictlyBefore(stream, below);
  }

  /** `byPeriod`'s notices, month after month back in time: decisions share the index and are filtered out there. */
  private async *byTime(range: PeriodRange): AsyncGenerator<TimedEntry> {
    const months = monthsBetween(range.lo.slice(0, 7), range.hi.slice(0, 7)).reverse();
    const filter = { expression: 'entity = :notice', values: { ':notice': 'notice' } };
    for (const month of months) {
      yield* partitionNewestFirst(
        this.client,
        this.tableName,
        { index: 'byPeriod', partitionKey: 'periodKey', value: `PERIOD#${month}`, filter },
        range,
      );
    }
  }

  /** The chunk's notices, in its order; undefined where the item is gone (erased or expired since). */
  private async read(chunk: readonly TimedEntry[]): Promise<{ entry: TimedEntry; notice: Notice | undefined }[]> {
    const items = await batchGetItems(this.client, this.tableName, chunk);
    const byKey = new Map(items.map((item) => [String(item.pk), item]));
    return chunk.map((entry) => {
      const item = byKey.get(entry.pk);
      return { entry, notice: item === undefined ? undefined : noticeFromItem(item) };
    });
  }
}

/**
 * The decided range as `periodAt` bounds (`<time>#<kind>#<id>`: `~` sorts after every kind, so the last instant is
 * whole), narrowed to the cursor (inclusive here, the entry itself dropped by `strictlyBefore`).
 */
function rangeOf(filter: NoticeFilter, window: NoticeListQuery['window'], below: string | undefined): PeriodRange {
  const hi = `${filter.decidedTo ?? window.newest}#~`;
  return { lo: filter.decidedFrom ?? window.oldest, hi: below !== undefined && below < hi ? below : hi };
}

async function* strictlyBefore(stream: AsyncGenerator<TimedEntry>, below: string): AsyncGenerator<TimedEntry> {
  for await (const entry of stream) if (entry.periodAt < below) yield entry;
}

function cursorAt(cursor: string): string {
  const key = decodeCursor(cursor, (k) => Object.keys(k).length === 1 && typeof k.at === 'string' && CURSOR.test(k.at));
  return String(key.at);
}
