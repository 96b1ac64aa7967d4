import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, paginateScan } from '@aws-sdk/lib-dynamodb';
import { INDEXES, type IndexDefinition, TABLE_KEYS } from '#adapters/dynamodb/table-definition.ts';
import { definedFields } from '#core/domain/optional.ts';

type Item = Record<string, unknown>;

export interface IndexRepair {
  /** Items written again, each restoring its index entries. */
  readonly items: number;
  /** Index entries that no item had any more, removed. */
  readonly staleEntries: number;
}

const keyOf = (item: Item) => `${String(item[TABLE_KEYS.partitionKey])}\u0000${String(item[TABLE_KEYS.sortKey])}`;

async function scanAll(documents: DynamoDBDocumentClient, tableName: string, indexName?: string): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of paginateScan(
    { client: documents },
    { TableName: tableName, ...definedFields({ IndexName: indexName }) },
  )) {
    items.push(...((page.Items ?? []) as Item[]));
  }
  return items;
}

/**
 * dynalite keeps a secondary index with writes apart from the item's (old entries deleted, new ones put, then the
 * item), so a process killed between them leaves an index that disagrees with its table: an entry missing (a due
 * notice the sweep would never see again) or one left over. DynamoDB maintains its indexes itself and never does
 * this; locally, after an unclean stop, this puts the indexes right before anything reads them:
 *
 *  1. every item is put again as it is, so dynalite writes each of its index entries again (a missing one returns);
 *  2. an index entry whose item is gone, or no longer carries that key, is removed the only way dynalite allows:
 *     by writing an item with that key and then putting the real item back (or deleting it, if there is none).
 *
 * It reads the whole table, so it runs only after an unclean stop (see `unclean-stop-marker.ts`).
 */
export async function repairDynaliteIndexes(
  documents: DynamoDBDocumentClient,
  tableName: string,
): Promise<IndexRepair> {
  const items = await scanAll(documents, tableName);
  const byKey = new Map(items.map((item) => [keyOf(item), item]));
  for (const item of items) await documents.send(new PutCommand({ TableName: tableName, Item: item }));

  let staleEntries = 0;
  for (const [indexName, index] of Object.entries(INDEXES) as [string, IndexDefinition][]) {
    const attributes = [index.partitionKey, ...(index.sortKey === undefined ? [] : [index.sortKey])];
    for (const entry of await scanAll(documents, tableName, indexName)) {
      const item = byKey.get(keyOf(entry));
      if (item !== undefined && attributes.every((a) => item[a] === entry[a])) continue;
      staleEntries++;
      const entryKeys = Object.fromEntries(attributes.map((a) => [a, entry[a]]));
      if (item === undefined) {
        const key = {
          [TABLE_KEYS.partitionKey]: entry[TABLE_KEYS.partitionKey],
          [TABLE_KEYS.sortKey]: entry[TABLE_KEYS.sortKey],
        };
        await documents.send(new PutCommand({ TableName: tableName, Item: { ...key, ...entryKeys } }));
        await documents.send(new DeleteCommand({ TableName: tableName, Key: key }));
      } else {
        await documents.send(new PutCommand({ TableName: tableName, Item: { ...item, ...entryKeys } }));
        await documents.send(new PutCommand({ TableName: tableName, Item: item }));
      }
    }
  }
  return { items: items.length, staleEntries };
}
