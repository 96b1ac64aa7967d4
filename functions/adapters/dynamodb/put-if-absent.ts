import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from './document-client.ts';

export type PutIfAbsentOutcome<T> = { created: true } | { created: false; existing: T };

export interface PutIfAbsent<T> {
  readonly tableName: string;
  /** The whole item, keys included. */
  readonly item: Record<string, unknown>;
  /** What the item is, for the error when it exists but cannot be read: `Reply r-1`. */
  readonly what: string;
  /** Reads the item that holds the key (strongly consistent), when the write was refused because one does. */
  readonly readBack: () => Promise<T | undefined>;
}

/**
 * Creates an item only if none has its key (`attribute_not_exists(pk)`), a single conditional write, so two
 * deliveries of the same event create it once; the second gets the stored one back to answer from.
 */
export async function putIfAbsent<T>(
  client: DynamoDBDocumentClient,
  put: PutIfAbsent<T>,
): Promise<PutIfAbsentOutcome<T>> {
  try {
    await client.send(
      new PutCommand({ TableName: put.tableName, Item: put.item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return { created: true };
  } catch (e: unknown) {
    if (!isConditionalCheckFailed(e)) throw e;
    const existing = await put.readBack();
    if (existing === undefined) throw new Error(`${put.what} exists but could not be read back`, { cause: e });
    return { created: false, existing };
  }
}
