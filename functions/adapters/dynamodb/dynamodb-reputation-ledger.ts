import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { definedFields } from '#core/domain/optional.ts';
import {
  REPUTATION_BUCKET_MS,
  type ReputationCounts,
  type ReputationSignal,
  reputationBucketOf,
} from '#core/domain/reputation.ts';
import type { ReputationLedger } from '#core/ports/reputation-ledger.ts';
import { epochSeconds } from './document-client.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

const PARTITION = 'REPUTATION';

/** Buckets are kept a little longer than the longest window the configuration allows (14 days). */
const KEEP_MS = 15 * 86_400_000;

/**
 * Rolling counts in one partition, one item per 15-minute bucket (`REPUTATION` / `BUCKET#<start>`): each signal
 * is an atomic ADD, and a window's totals are one Query over a range of sort keys. Counts hold no personal data.
 */
export class DynamoDbReputationLedger implements ReputationLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(signal: ReputationSignal, at: Date, count = 1): Promise<void> {
    const bucket = reputationBucketOf(at);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: PARTITION, sk: `BUCKET#${bucket.toISOString()}` },
        UpdateExpression: 'ADD #signal :count SET #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#signal': signal, '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':count': count,
          ':ttl': epochSeconds(new Date(bucket.getTime() + KEEP_MS).toISOString()),
        },
      }),
    );
  }

  async totals(since: Date, until: Date): Promise<ReputationCounts> {
    const totals = { sends: 0, bounces: 0, complaints: 0 };
    if (until.getTime() < since.getTime()) return totals;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': PARTITION,
            ':from': `BUCKET#${since.toISOString()}`,
            ':to': `BUCKET#${new Date(reputationBucketOf(until).getTime() + REPUTATION_BUCKET_MS - 1).toISOString()}`,
          },
          ...definedFields({ ExclusiveStartKey: startKey }),
        }),
      );
      for (const item of page.Items ?? []) {
        totals.sends += Number(item.sends ?? 0);
        totals.bounces += Number(item.bounces ?? 0);
        totals.complaints += Number(item.complaints ?? 0);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return totals;
  }
}
