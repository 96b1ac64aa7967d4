import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SendingControl, SendingState } from '#core/ports/sending-control.ts';
import { isConditionalCheckFailed } from './document-client.ts';

const KEY = { pk: 'CONTROL#sending', sk: 'CONTROL' } as const;

/**
 * The sending switch, one item. Read with a strongly consistent GetItem before every sweep and send, so a pause
 * takes effect at once; flipped with conditional writes, so the first pause's reason is the one kept.
 */
export class DynamoDbSendingControl implements SendingControl {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async state(): Promise<SendingState> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: KEY, ConsistentRead: true }),
    );
    if (Item === undefined) return { paused: false };
    return {
      paused: Item.paused === true,
      ...(typeof Item.reason === 'string' ? { reason: Item.reason } : {}),
      ...(typeof Item.changedAt === 'string' ? { changedAt: Item.changedAt } : {}),
      ...(typeof Item.changedBy === 'string' ? { changedBy: Item.changedBy } : {}),
      ...(typeof Item.resumedAt === 'string' ? { resumedAt: Item.resumedAt } : {}),
    };
  }

  pause(change: { reason: string; at: string; by: string }): Promise<boolean> {
    return this.flip(true, change, 'SET #paused = :true, #reason = :reason, #changedAt = :at, #changedBy = :by');
  }

  resume(change: { reason: string; at: string; by: string }): Promise<boolean> {
    return this.flip(
      false,
      change,
      'SET #paused = :false, #reason = :reason, #changedAt = :at, #changedBy = :by, #resumedAt = :at',
    );
  }

  private async flip(
    paused: boolean,
    change: { reason: string; at: string; by: string },
    expression: string,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: KEY,
          UpdateExpression: expression,
          ConditionExpression: paused
            ? 'attribute_not_exists(#paused) OR #paused = :false'
            : 'attribute_exists(#paused) AND #paused = :true',
          ExpressionAttributeNames: {
            '#paused': 'paused',
            '#reason': 'reason',
            '#changedAt': 'changedAt',
            '#changedBy': 'changedBy',
            ...(paused ? {} : { '#resumedAt': 'resumedAt' }),
          },
          ExpressionAttributeValues: {
            ':true': true,
            ':false': false,
            ':reason': change.reason,
            ':at': change.at,
            ':by': change.by,
          },
        }),
      );
      return true;
    } catch (e: unknown) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }
}
