import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { deterministicId } from '#core/domain/ids.ts';
import type { DeliveryLog, DeliveryRecord } from '#core/ports/delivery-log.ts';
import { isConditionalCheckFailed } from './document-client.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

/** Keys are digests: a delivery id is the vendor's text, of any length and alphabet. */
export function deliveryItemKey(source: string, deliveryId: string): { pk: string; sk: string } {
  return { pk: `DELIVERY#${deterministicId('w', source, deliveryId)}`, sk: 'DELIVERY' };
}

/** Handled webhook deliveries, one small item each, deleted by DynamoDB TTL after the retention. */
export class DynamoDbDeliveryLog implements DeliveryLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(source: string, deliveryId: string): Promise<DeliveryRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: deliveryItemKey(source, deliveryId), ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    return {
      source: String(Item.source),
      deliveryId: String(Item.deliveryId),
      outcome: Item.outcome as DeliveryRecord['outcome'],
      receivedAt: String(Item.receivedAt),
    };
  }

  async remember(record: DeliveryRecord, expiresAt: Date): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...deliveryItemKey(record.source, record.deliveryId),
            entity: 'delivery',
            ...record,
            [TTL_ATTRIBUTE]: Math.floor(expiresAt.getTime() / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (e: unknown) {
      // Another worker handled the same delivery at the same time: its record is as good as ours.
      if (!isConditionalCheckFailed(e)) throw e;
    }
  }
}
