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
 *   byCandidate  candidateKey / timelineKey   everything about one candidate (timeline, erasure)
 *   byFlag       flagKey / flagAt        candidates by flag, newest first (sparse)
 *   byReplyToken     replyToken          the notice a reply's token belongs to (sparse, keys only)
 *   bySesMessageId   sesMessageId        the notice a reply's In-Reply-To names (sparse, keys only)
 * The last two index attributes every notice already carries, so replies correlate without pointer items.
 * DynamoDB adds one index per table update: a stack deployed before they existed needs two deploys
 * (docs/replies.md).
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const INDEXES = {
  byDue: { partitionKey: 'dueShard', sortKey: 'dueAt', projection: 'KEYS_ONLY' },
  byCandidate: { partitionKey: 'candidateKey', sortKey: 'timelineKey', projection: 'ALL' },
  byFlag: { partitionKey: 'flagKey', sortKey: 'flagAt', projection: 'ALL' },
  byReplyToken: { partitionKey: 'replyToken', projection: 'KEYS_ONLY' },
  bySesMessageId: { partitionKey: 'sesMessageId', projection: 'KEYS_ONLY' },
} as const satisfies Record<string, IndexDefinition>;

export interface IndexDefinition {
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly projection: 'ALL' | 'KEYS_ONLY';
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
      Projection: { ProjectionType: index.projection },
    })),
  };
}
