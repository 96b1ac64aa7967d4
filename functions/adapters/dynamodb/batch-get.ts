import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB's limit on the keys of one BatchGetItem. */
const MAX_KEYS = 100;
/** Rounds of unprocessed keys retried before giving up (DynamoDB returns some under throttling). */
const MAX_ROUNDS = 8;

export interface TableKey {
  readonly pk: string;
  readonly sk: string;
}

/**
 * The items behind a keys-only index page, in the order of `keys`, read consistently; a key whose item is gone
 * (deleted since the index was read) is left out. The `byCandidate` index projects only keys, so the timeline,
 * erasure and the unmatched inbox read their items here: a read costs less than copying every notice update
 * into the index (docs/architecture.md, Data model).
 */
export async function batchGetItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly TableKey[],
  options: { readonly projection?: { readonly expression: string; readonly names?: Record<string, string> } } = {},
): Promise<Record<string, unknown>[]> {
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < keys.length; i += MAX_KEYS) {
    let pending: Record<string, unknown>[] = keys.slice(i, i + MAX_KEYS).map(({ pk, sk }) => ({ pk, sk }));
    for (let round = 0; pending.length > 0; round++) {
      if (round === MAX_ROUNDS) throw new Error(`${pending.length} items stayed unprocessed after ${round} rounds`);
      const { Responses, UnprocessedKeys } = await client.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: pending,
              ConsistentRead: true,
              ...(options.projection === undefined
                ? {}
                : {
                    ProjectionExpression: options.projection.expression,
                    ...(options.projection.names === undefined
                      ? {}
                      : { ExpressionAttributeNames: options.projection.names }),
                  }),
            },
          },
        }),
      );
      for (const item of Responses?.[tableName] ?? []) found.set(keyOf(item), item);
      pending = UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return keys.flatMap((key) => {
    const item = found.get(keyOf(key));
    return item === undefined ? [] : [item];
  });
}

function keyOf(item: Record<string, unknown> | TableKey): string {
  return `${String(item.pk)}\u0000${String(item.sk)}`;
}

/** The table keys of index items (every index item carries them). */
export function tableKeysOf(items: readonly Record<string, unknown>[]): TableKey[] {
  return items.map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
}
