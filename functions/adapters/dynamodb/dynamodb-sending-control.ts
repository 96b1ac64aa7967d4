import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SendingControl, SendingState } from '#core/ports/sending-control.ts';
import { isConditionalCheckFailed } from './document-client.ts';

const KEY = { pk: 'CONTROL#sending', sk: 'CONTROL' } as const;

/**
 * The sending switch, one item, flipped with conditional writes (the first pause's reason is the one kept). Read
 * with a strongly consistent GetItem, remembered for `cacheMs`: the send function asks before every email, and a
 * pause that takes effect a few seconds later costs a few emails at most, where a read per email costs on every
 * email. A pause or resume through this instance takes effect at once.
 */
export class DynamoDbSendingControl implements SendingControl {
  private cached: { state: SendingState; until: number } | undefined;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: { readonly cacheMs: number } = { cacheMs: 0 },
  ) {}

  async state(): Promise<SendingState> {
    const now = Date.now();
    if (this.cached !== undefined && now < this.cached.until) return this.cached.state;
    const state = await this.read();
    if (this.options.cacheMs > 0) this.cached = { state, until: now + this.options.cacheMs };
    return state;
  }

  private async read(): Promise<SendingState> {
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
    this.cached = undefined;
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
