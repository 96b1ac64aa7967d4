import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { CandidateFlag } from '#core/domain/candidate-flag.ts';
import type { Notice } from '#core/domain/notice.ts';
import { definedFields } from '#core/domain/optional.ts';
import type { Relay } from '#core/domain/relay.ts';
import type { Reply } from '#core/domain/reply.ts';
import type { CandidateRecord, CandidateRecords, ErasedItems } from '#core/ports/candidate-records.ts';
import type { StoredDecision } from '#core/ports/decision-repository.ts';
import { batchGetItems, tableKeysOf } from './batch-get.ts';
import { stripKeys } from './document-client.ts';
import { decisionItemKey } from './dynamodb-decision-repository.ts';
import { flagItemKey } from './dynamodb-flag-repository.ts';
import { noticeKey } from './dynamodb-notice-repository.ts';
import {
  RECRUITER_TOKEN_TIMELINE_PREFIX,
  RELAY_TIMELINE_PREFIX,
  recruiterTokenItemKey,
  relayItemKey,
  THREAD_TIMELINE_PREFIX,
  threadItemKey,
} from './dynamodb-relay-repository.ts';
import { DISMISSED_REPLIES_KEY, replyItemKey, UNMATCHED_REPLIES_KEY } from './dynamodb-reply-repository.ts';
import { noticeFromItem } from './notice-item.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

/** Every storage-only attribute any candidate item carries: none of it is part of a domain object. */
const STORAGE_KEYS = [
  'pk',
  'sk',
  'entity',
  'candidateKey',
  'timelineKey',
  'dueShard',
  'dueAt',
  'periodKey',
  'periodAt',
  'trackedEvents',
  'flagKey',
  'flagAt',
  'version',
  TTL_ATTRIBUTE,
] as const;

/** DynamoDB's limit on the values of one `IN`. */
const MAX_IN = 100;
/** Deletes in flight at once: a candidate has tens of items, a bulk import hundreds. */
const DELETE_CONCURRENCY = 10;

/**
 * A candidate's items through the `byCandidate` index (`CAND#<id>` / `<TYPE>#<time>#<id>`): decisions,
 * notices, replies, flags and the conversation's items (relays, thread items, recruiter tokens) carry
 * `candidateKey`, so one query finds them all. The index holds keys only (no notice update is copied into it), so
 * the items themselves are then read with BatchGetItem. The conversation's items are told apart by their `timelineKey` prefix and deleted by keys the
 * index keys name (the thread's notice id, the token), so erasure needs no attribute beyond the keys for them.
 */
export class DynamoDbCandidateRecords implements CandidateRecords {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(candidateId: string, options: { readonly replies?: boolean } = {}): Promise<CandidateRecord> {
    const candidate = { ':candidate': `CAND#${candidateId}` };
    // Reply keys (`REPLY#…`) are one contiguous range of the partition: without replies, read around it.
    const items =
      options.replies === false
        ? [
            ...(await this.itemsOf({
              KeyConditionExpression: 'candidateKey = :candidate AND timelineKey < :replies',
              ExpressionAttributeValues: { ...candidate, ':replies': 'REPLY#' },
            })),
            ...(await this.itemsOf({
              KeyConditionExpression: 'candidateKey = :candidate AND timelineKey > :repliesEnd',
              ExpressionAttributeValues: { ...candidate, ':repliesEnd': 'REPLY$' },
            })),
          ]
        : await this.itemsOf({
            KeyConditionExpression: 'candidateKey = :candidate',
            ExpressionAttributeValues: candidate,
          });
    const decisions: StoredDecision[] = [];
    const notices: Notice[] = [];
    const replies: Reply[] = [];
    const flags: CandidateFlag[] = [];
    const relays: Relay[] = [];
    const relayThreads: string[] = [];
    const recruiterTokens: string[] = [];
    for (const item of items) {
      const timelineKey = String(item.timelineKey);
      if (item.entity === 'decision') decisions.push(stripKeys<StoredDecision>(item, STORAGE_KEYS));
      else if (item.entity === 'notice') notices.push(noticeFromItem(item));
      else if (item.entity === 'reply') replies.push(stripKeys<Reply>(item, STORAGE_KEYS));
      else if (item.entity === 'flag') flags.push(stripKeys<CandidateFlag>(item, STORAGE_KEYS));
      else if (timelineKey.startsWith(RELAY_TIMELINE_PREFIX)) relays.push(stripKeys<Relay>(item, STORAGE_KEYS));
      else if (timelineKey.startsWith(THREAD_TIMELINE_PREFIX)) {
        relayThreads.push(timelineKey.slice(THREAD_TIMELINE_PREFIX.length));
      } else if (timelineKey.startsWith(RECRUITER_TOKEN_TIMELINE_PREFIX)) {
        recruiterTokens.push(timelineKey.slice(RECRUITER_TOKEN_TIMELINE_PREFIX.length));
      }
    }
    return { decisions, notices, replies, flags, relays, relayThreads, recruiterTokens };
  }

  async replyPage(
    candidateId: string,
    page: { readonly limit: number; readonly before?: { readonly at: string; readonly id?: string } },
  ): ReturnType<CandidateRecords['replyPage']> {
    // Reply timeline keys are `REPLY#<receivedAt>#<id>`: BETWEEN is inclusive, so the cursor's own reply is
    // dropped below; `REPLY#<at>#` sorts before every reply of that instant and `REPLY$` after every reply.
    const upper = page.before === undefined ? 'REPLY$' : `REPLY#${page.before.at}#${page.before.id ?? ''}`;
    const { Items, LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byCandidate',
        KeyConditionExpression: 'candidateKey = :candidate AND timelineKey BETWEEN :lower AND :upper',
        ExpressionAttributeValues: { ':candidate': `CAND#${candidateId}`, ':lower': 'REPLY#', ':upper': upper },
        ScanIndexForward: false,
        Limit: page.limit + 1,
      }),
    );
    const keys = (Items ?? []).filter((item) => item.timelineKey !== upper);
    const items = await batchGetItems(this.client, this.tableName, tableKeysOf(keys.slice(0, page.limit)));
    return {
      replies: items.map((item) => stripKeys<Reply>(item, STORAGE_KEYS)),
      more: keys.length > page.limit || LastEvaluatedKey !== undefined,
    };
  }

  async unmatchedRepliesFrom(emailDigests: readonly string[]): Promise<Reply[]> {
    const found: Reply[] = [];
    // Dismissed ones too: off the recruiters' list, still the sender's data.
    for (const inbox of [UNMATCHED_REPLIES_KEY, DISMISSED_REPLIES_KEY])
      for (let i = 0; i < emailDigests.length; i += MAX_IN) {
        const chunk = emailDigests.slice(i, i + MAX_IN);
        const names = chunk.map((_, j) => `:d${j}`);
        const items = await this.itemsOf({
          KeyConditionExpression: 'candidateKey = :inbox',
          FilterExpression: `fromDigest IN (${names.join(', ')})`,
          ExpressionAttributeValues: {
            ':inbox': inbox,
            ...Object.fromEntries(chunk.map((digest, j) => [`:d${j}`, digest])),
          },
        });
        found.push(...items.map((item) => stripKeys<Reply>(item, STORAGE_KEYS)));
      }
    return found;
  }

  async delete(record: CandidateRecord): Promise<ErasedItems> {
    const keys = [
      ...record.decisions.map((d) => ['decisions', decisionItemKey(d.key)] as const),
      ...record.notices.map((n) => ['notices', noticeKey(n.id)] as const),
      ...record.replies.map((r) => ['replies', replyItemKey(r.id)] as const),
      ...record.flags.map((f) => ['flags', flagItemKey(f.candidateId, f.flag)] as const),
      ...record.relays.map((r) => ['relays', relayItemKey(r.id)] as const),
      ...record.relayThreads.map((noticeId) => ['relayThreads', threadItemKey(noticeId)] as const),
      ...record.recruiterTokens.map((token) => ['recruiterTokens', recruiterTokenItemKey(token)] as const),
    ];
    const counts = {
      decisions: 0,
      notices: 0,
      replies: 0,
      flags: 0,
      relays: 0,
      relayThreads: 0,
      recruiterTokens: 0,
    };
    for (let i = 0; i < keys.length; i += DELETE_CONCURRENCY) {
      await Promise.all(
        keys.slice(i, i + DELETE_CONCURRENCY).map(async ([kind, key]) => {
          const { Attributes } = await this.client.send(
            new DeleteCommand({ TableName: this.tableName, Key: key, ReturnValues: 'ALL_OLD' }),
          );
          if (Attributes !== undefined) counts[kind] += 1;
        }),
      );
    }
    return counts;
  }

  /** The items the index entries point at, read from the table (the index holds their keys only). */
  private async itemsOf(
    input: Pick<QueryCommandInput, 'KeyConditionExpression' | 'FilterExpression' | 'ExpressionAttributeValues'>,
  ): Promise<Record<string, unknown>[]> {
    return batchGetItems(this.client, this.tableName, tableKeysOf(await this.queryAll(input)));
  }

  private async queryAll(
    input: Pick<QueryCommandInput, 'KeyConditionExpression' | 'FilterExpression' | 'ExpressionAttributeValues'>,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byCandidate',
          ...input,
          ...definedFields({ ExclusiveStartKey: startKey }),
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items;
  }
}
