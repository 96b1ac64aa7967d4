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
 *   byStatus     statusKey / periodAt    notices by where they stand, newest decision first (`GET /notices`);
 *                                        keys only. `statusKey` is the status once a notice has settled, and
 *                                        `pending` for the four it passes through on its way (see `statusKeyOf`)
 *   byOwner      ownerKey / periodAt     notices by the owning recruiter's inbox, newest decision first; keys
 *                                        only. `~default` holds the notices the default inbox owns (`ownerKeyOf`)
 * The reply indexes' attributes every notice already carries, so replies correlate without pointer items.
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
  // Keys only, like byCandidate: the listing reads a page's items with one BatchGetItem, and a notice update that
  // does not move the notice between partitions writes neither index (docs/architecture.md, Finding notices).
  byStatus: { partitionKey: 'statusKey', sortKey: 'periodAt', projection: 'KEYS_ONLY' },
  byOwner: { partitionKey: 'ownerKey', sortKey: 'periodAt', projection: 'KEYS_ONLY' },
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

/**
 * The statuses a notice passes through between its decision and its outcome share one `byStatus` partition: a
 * status change that moves an index entry costs two index writes (delete and put), and a notice on the common
 * path (scheduled, sending, sent, delivered) then moves once, not three times. They are few at any time (the
 * notices waiting for their send time or for the mail service's report), so a filter on one of them reads that
 * partition and keeps the notices in that exact status.
 */
export const PENDING_STATUS_KEY = 'pending';
const PASSING_STATUSES: readonly string[] = ['scheduled', 'sending', 'deferred', 'sent'];

export function statusKeyOf(status: string): string {
  return PASSING_STATUSES.includes(status) ? PENDING_STATUS_KEY : status;
}

/** The `byOwner` partition of the notices the deployment's default inbox owns because the decision named no inbox. */
export const DEFAULT_OWNER_KEY = '~default';

/** A notice's `byOwner` partition: its recruiter's inbox, lowercased, or the default inbox's marker. */
export function ownerKeyOf(recruiterEmail: string | undefined): string {
  return recruiterEmail === undefined ? DEFAULT_OWNER_KEY : recruiterEmail.toLowerCase();
}
