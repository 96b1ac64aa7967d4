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
 * Indexes:
 *   byDue        dueShard / dueAt        notices waiting to be sent (sparse: only while due)
 *   byCandidate  candidateKey / timelineKey   everything about one candidate (timeline, erasure)
 *   byFlag       flagKey / flagAt        candidates by flag, newest first (sparse)
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const INDEXES = {
  byDue: { partitionKey: 'dueShard', sortKey: 'dueAt', projection: 'KEYS_ONLY' },
  byCandidate: { partitionKey: 'candidateKey', sortKey: 'timelineKey', projection: 'ALL' },
  byFlag: { partitionKey: 'flagKey', sortKey: 'flagAt', projection: 'ALL' },
} as const satisfies Record<string, { partitionKey: string; sortKey: string; projection: 'ALL' | 'KEYS_ONLY' }>;

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
  for (const index of Object.values(INDEXES)) {
    attributeNames.add(index.partitionKey);
    attributeNames.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributeNames].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: Object.entries(INDEXES).map(([IndexName, index]) => ({
      IndexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: index.projection },
    })),
  };
}
