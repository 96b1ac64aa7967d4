import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DynamoDBClient,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** One document client per process; `removeUndefinedValues` lets domain objects with optional fields pass as is. */
export function createDocumentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export function isConditionalCheckFailed(e: unknown): boolean {
  return e instanceof Error && e.name === 'ConditionalCheckFailedException';
}

export function epochSeconds(iso: string): number {
  return Math.floor(new Date(iso).getTime() / 1000);
}

/** Removes the storage keys from an item so the domain object comes back as it went in. */
export function stripKeys<T>(item: Record<string, unknown>, keys: readonly string[]): T {
  const copy: Record<string, unknown> = { ...item };
  for (const key of keys) delete copy[key];
  return copy as T;
}

/**
 * The item a refused conditional write returned (`ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`), as a plain
 * object. The document client translates responses but not errors, so the exception's `Item` is still in
 * DynamoDB's wire form; undefined when there was no item or the store does not return it (dynalite).
 */
export function refusedItem(e: unknown): Record<string, unknown> | undefined {
  if (!(e instanceof ConditionalCheckFailedException) || e.Item === undefined) return undefined;
  return Object.fromEntries(Object.entries(e.Item).map(([name, value]) => [name, fromAttributeValue(value)]));
}

/** DynamoDB's wire form to plain values: the types this table stores (numbers as numbers, sets as Sets). */
function fromAttributeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.L !== undefined) return value.L.map(fromAttributeValue);
  if (value.M !== undefined) {
    return Object.fromEntries(Object.entries(value.M).map(([name, v]) => [name, fromAttributeValue(v)]));
  }
  if (value.SS !== undefined) return new Set(value.SS);
  if (value.NS !== undefined) return new Set(value.NS.map(Number));
  throw new Error(`Unsupported attribute type in a refused item: ${Object.keys(value).join(', ')}`);
}
