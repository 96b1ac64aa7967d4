import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Notice, SENT_STATUSES } from '#core/domain/notice.ts';
import type { NoticeLookup } from '#core/ports/notice-lookup.ts';
import { batchGetItems, tableKeysOf } from './batch-get.ts';
import type { DynamoDbNoticeRepository } from './dynamodb-notice-repository.ts';

/** How many of a candidate's newest notices the sender fallback looks through. */
const SENDER_LOOKBACK = 25;

/**
 * Reply correlation on the notice items themselves: two sparse keys-only indexes on the attributes every
 * notice carries (`replyToken`, and `sesMessageId` once sent), and the candidate index (keys only) for the
 * sender fallback. The notice is then read with a consistent GetItem.
 */
export class DynamoDbNoticeLookup implements NoticeLookup {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly notices: DynamoDbNoticeRepository,
  ) {}

  byReplyToken(token: string): Promise<Notice | undefined> {
    return this.byIndex('byReplyToken', 'replyToken', token);
  }

  bySesMessageId(sesMessageId: string): Promise<Notice | undefined> {
    return this.byIndex('bySesMessageId', 'sesMessageId', sesMessageId);
  }

  async latestSentTo(candidateId: string): Promise<Notice | undefined> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byCandidate',
        KeyConditionExpression: 'candidateKey = :c AND begins_with(timelineKey, :notice)',
        ExpressionAttributeValues: { ':c': `CAND#${candidateId}`, ':notice': 'NOTICE#' },
        ScanIndexForward: false,
        Limit: SENDER_LOOKBACK,
      }),
    );
    // The index holds keys only (status changes are not copied into it): the statuses come from the table.
    const statuses = await batchGetItems(this.client, this.tableName, tableKeysOf(Items ?? []), {
      projection: { expression: 'pk, sk, #status', names: { '#status': 'status' } },
    });
    const sent = statuses.find(
      (item) => typeof item.status === 'string' && (SENT_STATUSES as readonly string[]).includes(item.status),
    );
    return sent === undefined ? undefined : this.notices.get(String(sent.pk).slice('NOTICE#'.length));
  }

  private async byIndex(indexName: string, attribute: string, value: string): Promise<Notice | undefined> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexName,
        KeyConditionExpression: '#key = :value',
        ExpressionAttributeNames: { '#key': attribute },
        ExpressionAttributeValues: { ':value': value },
        Limit: 2,
      }),
    );
    const pk = Items?.find((item) => String(item.pk).startsWith('NOTICE#'))?.pk;
    return pk === undefined ? undefined : this.notices.get(String(pk).slice('NOTICE#'.length));
  }
}
