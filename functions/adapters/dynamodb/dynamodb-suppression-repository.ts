import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { definedFields } from '#core/domain/optional.ts';
import type {
  AddedSuppression,
  Suppression,
  SuppressionPage,
  SuppressionQuery,
  SuppressionReason,
  SuppressionRepository,
} from '#core/ports/suppression-repository.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { isConditionalCheckFailed, stripKeys } from './document-client.ts';

const STORAGE_KEYS = ['pk', 'sk', 'entity', 'flagKey', 'flagAt'] as const;

/**
 * Suppressions are listed through the `byFlag` index under a key of their own (GSI overloading: one more sparse
 * partition beside the `FLAG#<flag>` lists, no new index to deploy). Sorted by time, then digest, so two
 * suppressions of one instant keep a stable order across pages.
 */
const LIST_KEY = 'SUPPRESSION';

function suppressionKey(emailDigest: string): { pk: string; sk: string } {
  return { pk: `SUPPRESSION#${emailDigest}`, sk: 'SUPPRESSION' };
}

function listKeys(suppression: Suppression): { flagKey: string; flagAt: string } {
  return { flagKey: LIST_KEY, flagAt: `${suppression.at}#${suppression.emailDigest}` };
}

/** A concurrent lift can remove what a refused add found; a few rounds settle it. */
const MAX_RACES = 3;

/**
 * Suppressions hold only the address digest (and a recruiter's note, checked to hold no address), so they may
 * outlive the candidate's personal data: that is what lets an erased address stay unmailed. No TTL.
 */
export class DynamoDbSuppressionRepository implements SuppressionRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(suppression: Suppression): Promise<AddedSuppression> {
    const erasing = suppression.reason === 'erased';
    for (let race = 0; race < MAX_RACES; race++) {
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...suppression,
              ...suppressionKey(suppression.emailDigest),
              ...listKeys(suppression),
              entity: 'suppression',
            },
            // The first reason is kept: it is the one that explains the suppression. An erasure replaces it.
            ConditionExpression: erasing
              ? 'attribute_not_exists(pk) OR #reason <> :erased'
              : 'attribute_not_exists(pk)',
            ...(erasing
              ? {
                  ExpressionAttributeNames: { '#reason': 'reason' },
                  ExpressionAttributeValues: { ':erased': 'erased' },
                }
              : {}),
          }),
        );
        return { added: true, suppression };
      } catch (e: unknown) {
        if (!isConditionalCheckFailed(e)) throw e;
      }
      const existing = await this.find(suppression.emailDigest);
      if (existing !== undefined) return { added: false, suppression: existing };
    }
    throw new Error('The suppression kept changing while it was being added; try again');
  }

  async find(emailDigest: string): Promise<Suppression | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: suppressionKey(emailDigest), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : stripKeys<Suppression>(Item, STORAGE_KEYS);
  }

  async list(query: SuppressionQuery): Promise<SuppressionPage> {
    const items: Suppression[] = [];
    let startKey = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isSuppressionCursor);
    // A reason filter applies after the key condition, so one request may match fewer than asked: read on (a
    // bounded number of times) asking for exactly what is missing, so the cursor never skips an item.
    for (let round = 0; round < 10 && items.length < query.limit; round++) {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byFlag',
          KeyConditionExpression: 'flagKey = :list',
          ...(query.reason === undefined
            ? { ExpressionAttributeValues: { ':list': LIST_KEY } }
            : {
                FilterExpression: '#reason = :reason',
                ExpressionAttributeNames: { '#reason': 'reason' },
                ExpressionAttributeValues: { ':list': LIST_KEY, ':reason': query.reason },
              }),
          ScanIndexForward: false,
          Limit: query.limit - items.length,
          ...definedFields({ ExclusiveStartKey: startKey }),
        }),
      );
      for (const item of page.Items ?? []) items.push(stripKeys<Suppression>(item, STORAGE_KEYS));
      startKey = page.LastEvaluatedKey;
      if (startKey === undefined) break;
    }
    return { items, ...(startKey === undefined ? {} : { cursor: encodeCursor(startKey) }) };
  }

  async remove(emailDigest: string, reason: SuppressionReason): Promise<boolean> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: suppressionKey(emailDigest),
          ConditionExpression: 'attribute_exists(pk) AND #reason = :reason',
          ExpressionAttributeNames: { '#reason': 'reason' },
          ExpressionAttributeValues: { ':reason': reason },
        }),
      );
      return true;
    } catch (e: unknown) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }
}

/** A position in the suppression list, and nothing else (a cursor is client input). */
function isSuppressionCursor(key: Record<string, unknown>): boolean {
  return (
    Object.keys(key).length === 4 &&
    key.flagKey === LIST_KEY &&
    typeof key.flagAt === 'string' &&
    typeof key.pk === 'string' &&
    key.pk.startsWith('SUPPRESSION#') &&
    key.sk === 'SUPPRESSION'
  );
}
