import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { FlagName } from '#core/domain/candidate-flag.ts';
import { definedFields } from '#core/domain/optional.ts';
import type { Reply, ReplyResolution } from '#core/domain/reply.ts';
import type {
  ReplyCreateOutcome,
  ReplyRepository,
  UnmatchedRepliesPage,
  UnmatchedRepliesQuery,
} from '#core/ports/reply-repository.ts';
import { batchGetItems, tableKeysOf } from './batch-get.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { epochSeconds, isConditionalCheckFailed, stripKeys } from './document-client.ts';
import { putIfAbsent } from './put-if-absent.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

const STORAGE_KEYS = ['pk', 'sk', 'entity', 'candidateKey', 'timelineKey', TTL_ATTRIBUTE] as const;

/** Replies nobody matched share one timeline, so recruiters can list them newest first. */
export const UNMATCHED_REPLIES_KEY = 'INBOX#unmatched';
/** Dismissed unmatched replies: off the list, still found by erasure (by sender digest) until their TTL. */
export const DISMISSED_REPLIES_KEY = 'INBOX#dismissed';

/** Still unmatched and unresolved: the only state a link or a dismissal starts from. */
const UNRESOLVED =
  'attribute_exists(pk) AND correlation.#method = :none AND attribute_not_exists(correlation.candidateId) AND attribute_not_exists(resolution)';

export function replyItemKey(id: string): { pk: string; sk: string } {
  return { pk: `REPLY#${id}`, sk: 'REPLY' };
}

export class DynamoDbReplyRepository implements ReplyRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(reply: Reply): Promise<ReplyCreateOutcome> {
    const candidateId = reply.correlation.candidateId;
    return putIfAbsent(this.client, {
      tableName: this.tableName,
      item: {
        ...reply,
        ...replyItemKey(reply.id),
        entity: 'reply',
        candidateKey: candidateId === undefined ? UNMATCHED_REPLIES_KEY : `CAND#${candidateId}`,
        timelineKey: `REPLY#${reply.receivedAt}#${reply.id}`,
        [TTL_ATTRIBUTE]: epochSeconds(reply.retainUntil),
      },
      what: `Reply ${reply.id}`,
      readBack: () => this.get(reply.id),
    });
  }

  async get(id: string): Promise<Reply | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: replyItemKey(id), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : stripKeys<Reply>(Item, STORAGE_KEYS);
  }

  async markProcessed(id: string, at: string, flags: readonly FlagName[]): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: replyItemKey(id),
        UpdateExpression: 'SET processedAt = :at, flags = :flags',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at, ':flags': flags },
      }),
    );
  }

  async link(reply: Reply): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...reply,
            ...replyItemKey(reply.id),
            entity: 'reply',
            candidateKey: `CAND#${reply.correlation.candidateId}`,
            timelineKey: `REPLY#${reply.receivedAt}#${reply.id}`,
            [TTL_ATTRIBUTE]: epochSeconds(reply.retainUntil),
          },
          ConditionExpression: UNRESOLVED,
          ExpressionAttributeNames: { '#method': 'method' },
          ExpressionAttributeValues: { ':none': 'none' },
        }),
      );
      return true;
    } catch (e: unknown) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }

  async dismiss(id: string, resolution: ReplyResolution): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: replyItemKey(id),
          UpdateExpression: 'SET resolution = :resolution, candidateKey = :dismissed',
          ConditionExpression: UNRESOLVED,
          ExpressionAttributeNames: { '#method': 'method' },
          ExpressionAttributeValues: {
            ':none': 'none',
            ':resolution': resolution,
            ':dismissed': DISMISSED_REPLIES_KEY,
          },
        }),
      );
      return true;
    } catch (e: unknown) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }

  async listUnmatched(query: UnmatchedRepliesQuery): Promise<UnmatchedRepliesPage> {
    const startKey = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isUnmatchedCursor);
    const { Items, LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byCandidate',
        KeyConditionExpression: 'candidateKey = :inbox',
        ExpressionAttributeValues: { ':inbox': UNMATCHED_REPLIES_KEY },
        ScanIndexForward: false,
        Limit: query.limit,
        ...definedFields({ ExclusiveStartKey: startKey }),
      }),
    );
    return {
      // The index holds keys only: the replies themselves, in the index's order.
      items: (await batchGetItems(this.client, this.tableName, tableKeysOf(Items ?? []))).map((item) =>
        stripKeys<Reply>(item, STORAGE_KEYS),
      ),
      ...(LastEvaluatedKey === undefined ? {} : { cursor: encodeCursor(LastEvaluatedKey) }),
    };
  }
}

/** A position in the unmatched inbox, and nothing else (a cursor is client input). */
function isUnmatchedCursor(key: Record<string, unknown>): boolean {
  return (
    Object.keys(key).length === 4 &&
    key.candidateKey === UNMATCHED_REPLIES_KEY &&
    typeof key.timelineKey === 'string' &&
    key.timelineKey.startsWith('REPLY#') &&
    typeof key.pk === 'string' &&
    key.pk.startsWith('REPLY#') &&
    key.sk === 'REPLY'
  );
}
