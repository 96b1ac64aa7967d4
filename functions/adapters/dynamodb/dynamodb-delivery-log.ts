import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { deterministicId } from '#core/domain/ids.ts';
import type { ClaimResult, DeliveryClaim, DeliveryLog, DeliveryRecord } from '#core/ports/delivery-log.ts';
import { isConditionalCheckFailed } from './document-client.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

/** Keys are digests: a delivery id is the vendor's text, of any length and alphabet. */
export function deliveryItemKey(source: string, deliveryId: string): { pk: string; sk: string } {
  return { pk: `DELIVERY#${deterministicId('w', source, deliveryId)}`, sk: 'DELIVERY' };
}

/**
 * Claimed and handled webhook deliveries, one small item each, deleted by DynamoDB TTL after the retention.
 * A claim is the item without `outcome` (and with `claimedAt`); handling replaces it with the outcome. Items
 * written before claims existed carry an outcome and no `claimedAt`: they read as handled.
 */
export class DynamoDbDeliveryLog implements DeliveryLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(source: string, deliveryId: string): Promise<DeliveryRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: deliveryItemKey(source, deliveryId), ConsistentRead: true }),
    );
    if (Item?.outcome === undefined) return undefined;
    return {
      source: String(Item.source),
      deliveryId: String(Item.deliveryId),
      outcome: Item.outcome as DeliveryRecord['outcome'],
      receivedAt: String(Item.receivedAt),
    };
  }

  async claim(claim: DeliveryClaim): Promise<ClaimResult> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...deliveryItemKey(claim.source, claim.deliveryId),
            entity: 'delivery',
            source: claim.source,
            deliveryId: claim.deliveryId,
            claimedAt: claim.claimedAt.toISOString(),
            [TTL_ATTRIBUTE]: Math.floor(claim.expiresAt.getTime() / 1000),
          },
          // New, or a claim whose worker is presumed dead; never an item that holds an outcome.
          ConditionExpression: 'attribute_not_exists(pk) OR (attribute_not_exists(outcome) AND claimedAt < :stale)',
          ExpressionAttributeValues: { ':stale': claim.staleBefore.toISOString() },
        }),
      );
      return { status: 'claimed' };
    } catch (e: unknown) {
      if (!isConditionalCheckFailed(e)) throw e;
    }
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: deliveryItemKey(claim.source, claim.deliveryId),
        ConsistentRead: true,
      }),
    );
    if (Item?.outcome !== undefined) {
      return {
        status: 'handled',
        record: {
          source: String(Item.source),
          deliveryId: String(Item.deliveryId),
          outcome: Item.outcome as DeliveryRecord['outcome'],
          receivedAt: String(Item.receivedAt),
        },
      };
    }
    // Released between the put and the read: report it as in progress; the vendor's next retry claims it.
    return { status: 'in-progress', claimedAt: String(Item?.claimedAt ?? claim.claimedAt.toISOString()) };
  }

  async release(source: string, deliveryId: string, claimedAt: Date): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: deliveryItemKey(source, deliveryId),
          ConditionExpression: 'attribute_not_exists(outcome) AND claimedAt = :mine',
          ExpressionAttributeValues: { ':mine': claimedAt.toISOString() },
        }),
      );
    } catch (e: unknown) {
      // Handled meanwhile, or taken over by another worker: theirs to keep.
      if (!isConditionalCheckFailed(e)) throw e;
    }
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
          ConditionExpression: 'attribute_not_exists(outcome)',
        }),
      );
    } catch (e: unknown) {
      // Another worker handled the same delivery at the same time: its record is as good as ours.
      if (!isConditionalCheckFailed(e)) throw e;
    }
  }
}
