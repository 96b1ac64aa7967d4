import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one definition of the table's keys and indexes. The CDK stateful stack and the local stack
 * (`createTableInput`) both read it, so the two can never drift.
 *
 * Items (pk / sk):
 *   NOTICE#<id> / NOTICE                 a notice and its status history
 *   DECISION#<key> / DECISION            a recorded decision (dedupe by source, application, decision)
 *   DELIVERY#<digest> / DELIVERY         a handled webhook delivery (dedupe by source and delivery id; TTL)
 *   SUPPRESSION#<email digest> / SUPPRESSION
 *   REPLY#<id> / REPLY                   an inbound reply (dedupe by Message-ID digest)
 *   CAND#<candidateId> / FLAG#<flag>     a flag on a candidate, with its evidence and review history
 * Indexes:
 *   byDue        dueShard / dueAt        notices waiting to be sent (sparse: only while due)
 *   byCandidate  candidateKey / timelineKey   everything about one candidate (timeline, erasure): keys,
 *                                        `entity` and `fromDigest` only; readers BatchGet the items
 *   byFlag       flagKey / flagAt        candidates by flag, newest first (sparse); under `SUPPRESSION`
 *                                        (`<time>#<digest>`), the suppression list (GSI overloading)
 *   byReplyToken     replyToken          the notice a reply's token belongs to (sparse, keys only)
 *   bySesMessageId   sesMessageId        the notice a reply's In-Reply-To names (sparse, keys only)
 *   byPeriod     periodKey / periodAt    decisions and notices by the month of the decision, with only the
 *                                        attributes the loop-closing record counts (`GET /stats`, no scans)
 * The last two index attributes every notice already carries, so replies correlate without pointer items.
 * DynamoDB adds one index per table update: a stack deployed before they existed needs two deploys
 * (docs/replies.md).
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const INDEXES = {
  byDue: { partitionKey: 'dueShard', sortKey: 'dueAt', projection: 'KEYS_ONLY' },
  // Keys, and the two attributes that never change after an item is written: no notice update touches this
  // index. Its readers (timeline, erasure, the unmatched inbox) read the items with one BatchGetItem per page.
  byCandidate: {
    partitionKey: 'candidateKey',
    sortKey: 'timelineKey',
    projection: 'INCLUDE',
    nonKeyAttributes: ['entity', 'fromDigest'],
  },
  byFlag: { partitionKey: 'flagKey', sortKey: 'flagAt', projection: 'ALL' },
  byReplyToken: { partitionKey: 'replyToken', projection: 'KEYS_ONLY' },
  bySesMessageId: { partitionKey: 'sesMessageId', projection: 'KEYS_ONLY' },
  byPeriod: {
    partitionKey: 'periodKey',
    sortKey: 'periodAt',
    projection: 'INCLUDE',
    // What the stats count, nothing personal: no names, addresses or reply text enter this index.
    nonKeyAttributes: [
      'entity',
      'status',
      'templateId',
      'reason',
      'stage',
      'decidedAt',
      'deliveredAt',
      'firstReply',
      'noticeId',
      'atsStatus',
    ],
  },
} as const satisfies Record<string, IndexDefinition>;

export interface IndexDefinition {
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  /** With `INCLUDE`: the attributes copied into the index besides the keys. */
  readonly nonKeyAttributes?: readonly string[];
}

export type IndexName = keyof typeof INDEXES;

/** Epoch seconds after which DynamoDB deletes the item (personal data retention). */
export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * Due notices are spread over shards so a bulk rejection of 10,000 candidates does not write one index
 * partition hot; the sweep queries every shard.
 */
export const DUE_SHARDS = 8;

export function createTableInput(tableName: string): CreateTableCommandInput {
  const attributeNames = new Set<string>([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
  for (const index of Object.values(INDEXES) as IndexDefinition[]) {
    attributeNames.add(index.partitionKey);
    if (index.sortKey !== undefined) attributeNames.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributeNames].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: (Object.entries(INDEXES) as [string, IndexDefinition][]).map(([IndexName, index]) => ({
      IndexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        ...(index.sortKey === undefined ? [] : [{ AttributeName: index.sortKey, KeyType: 'RANGE' as const }]),
      ],
      Projection: {
        ProjectionType: index.projection,
        ...(index.nonKeyAttributes === undefined ? {} : { NonKeyAttributes: [...index.nonKeyAttributes] }),
      },
    })),
  };
}

/**
 * The `byPeriod` keys of a decision or notice: one partition per month of the decision, sorted by the decision
 * time. A month takes at most DynamoDB's 1,000 writes per second per partition, far above the rate decisions
 * arrive and notices change (paced by the SES send rate).
 */
export function periodKeys(decidedAt: string, kind: 'D' | 'N', id: string): { periodKey: string; periodAt: string } {
  return { periodKey: `PERIOD#${decidedAt.slice(0, 7)}`, periodAt: `${decidedAt}#${kind}#${id}` };
}
