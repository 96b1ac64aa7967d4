import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { definedFields } from '#core/domain/optional.ts';

/** An index entry of a notice listed by time: its table keys, its `periodAt`, and whatever else the index holds. */
export interface TimedEntry {
  readonly pk: string;
  readonly sk: string;
  readonly periodAt: string;
  readonly item: Record<string, unknown>;
}

/** Inclusive bounds on `periodAt` (`<time>#<kind>#<id>`). */
export interface PeriodRange {
  readonly lo: string;
  readonly hi: string;
}

export interface PartitionQuery {
  readonly index: string;
  readonly partitionKey: string;
  readonly value: string;
  /** A filter on the index's own attributes (`byPeriod` holds decisions beside notices). */
  readonly filter?: { readonly expression: string; readonly values: Record<string, unknown> };
}

/** Index entries per Query call: a page of the listing rarely needs more, and a filtered one asks again. */
const QUERY_PAGE = 100;

/** One index partition, newest `periodAt` first, within the range, paged as it is read. */
export async function* partitionNewestFirst(
  client: DynamoDBDocumentClient,
  tableName: string,
  query: PartitionQuery,
  range: PeriodRange,
): AsyncGenerator<TimedEntry> {
  if (range.lo > range.hi) return;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: query.index,
        KeyConditionExpression: '#partition = :partition AND periodAt BETWEEN :lo AND :hi',
        ExpressionAttributeNames: { '#partition': query.partitionKey },
        ExpressionAttributeValues: {
          ':partition': query.value,
          ':lo': range.lo,
          ':hi': range.hi,
          ...query.filter?.values,
        },
        ScanIndexForward: false,
        Limit: QUERY_PAGE,
        ...definedFields({ FilterExpression: query.filter?.expression, ExclusiveStartKey: startKey }),
      }),
    );
    for (const item of page.Items ?? []) {
      yield { pk: String(item.pk), sk: String(item.sk), periodAt: String(item.periodAt), item };
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
}

/** Several streams, each newest first, as one newest-first stream (the partitions of several statuses, say). */
export async function* mergeNewestFirst(streams: readonly AsyncGenerator<TimedEntry>[]): AsyncGenerator<TimedEntry> {
  const heads = await Promise.all(streams.map((stream) => stream.next()));
  for (;;) {
    let newest = -1;
    heads.forEach((head, i) => {
      const current = newest === -1 ? undefined : heads[newest];
      if (
        head.done !== true &&
        (current === undefined || current.done === true || head.value.periodAt > current.value.periodAt)
      ) {
        newest = i;
      }
    });
    const head = heads[newest];
    const stream = streams[newest];
    if (head === undefined || head.done === true || stream === undefined) return;
    yield head.value;
    heads[newest] = await stream.next();
  }
}

/** Up to `count` entries from a stream; fewer only when it ends. */
export async function take(stream: AsyncGenerator<TimedEntry>, count: number): Promise<TimedEntry[]> {
  const taken: TimedEntry[] = [];
  while (taken.length < count) {
    const next = await stream.next();
    if (next.done === true) break;
    taken.push(next.value);
  }
  return taken;
}
