import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { INDEXES, type IndexDefinition, TABLE_KEYS } from '#adapters/dynamodb/table-definition.ts';

/**
 * A metering wrapper around the DynamoDB document client: it counts the calls the adapters make and prices each
 * write as on-demand DynamoDB bills it, from the items dynalite holds before and after the write (read through the
 * unwrapped client, so the metering itself is not counted).
 *
 * The formula (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html):
 *  - a write to the table costs ceil(size / 1 KB) write units, `size` being the larger of the item before and
 *    after (PutItem, UpdateItem), or the item before (DeleteItem); a write whose condition fails costs the same as
 *    if it had succeeded, at least 1;
 *  - each index whose projection changed costs writes of its own: ceil(entry / 1 KB) to put an entry, the same to
 *    delete one, both when the index key changed; `entry` = the table keys + the index keys + the projected
 *    attributes + 100 bytes (DynamoDB's index overhead). An update that changes no projected attribute writes no
 *    index;
 *  - `size` follows DynamoDB's item size rules: attribute names and strings as UTF-8 bytes, numbers
 *    (significant digits / 2) + 1 bytes, booleans and nulls 1 byte, lists and maps 3 bytes + 1 byte per element
 *    + their contents, sets their elements.
 */
export interface Meter {
  readonly calls: Record<string, number>;
  readonly tableWriteUnits: number;
  readonly indexWriteUnits: Record<string, number>;
  /** Every write, for the test's explanation when a figure moves. */
  readonly writes: {
    readonly command: string;
    readonly pk: string;
    readonly table: number;
    /** The item size billed: the larger of before and after. */
    readonly bytes: number;
    readonly indexes: number;
    /** The indexes this write changed, with their units. */
    readonly byIndex: Record<string, number>;
  }[];
}

type Item = Record<string, unknown>;

export function meteredDocuments(
  documents: DynamoDBDocumentClient,
  tableName: string,
): { client: DynamoDBDocumentClient; meter: Meter; reset(): void } {
  const meter = {
    calls: {} as Record<string, number>,
    tableWriteUnits: 0,
    indexWriteUnits: {} as Record<string, number>,
    writes: [] as Meter['writes'][number][],
  };
  const read = async (key: Item): Promise<Item | undefined> =>
    (await documents.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
  const client: DynamoDBDocumentClient = Object.create(documents);
  const send = async (command: unknown): Promise<unknown> => {
    const name = commandName(command);
    meter.calls[name] = (meter.calls[name] ?? 0) + 1;
    const key = writeKey(command);
    if (key === undefined) return documents.send(command as GetCommand);
    const before = await read(key);
    let refused = false;
    try {
      return await documents.send(command as PutCommand);
    } catch (e: unknown) {
      refused = e instanceof Error && e.name === 'ConditionalCheckFailedException';
      throw e;
    } finally {
      const after = refused ? before : await read(key);
      const bytes = Math.max(itemSize(before), name === 'Delete' ? 0 : itemSize(after));
      const table = Math.max(1, kilobytes(bytes));
      let indexes = 0;
      const byIndex: Record<string, number> = {};
      if (!refused) {
        for (const [index, definition] of Object.entries(INDEXES) as [string, IndexDefinition][]) {
          const units = indexWriteUnits(definition, before, after);
          meter.indexWriteUnits[index] = (meter.indexWriteUnits[index] ?? 0) + units;
          indexes += units;
          if (units > 0) byIndex[index] = units;
        }
      }
      meter.tableWriteUnits += table;
      meter.writes.push({
        command: refused ? `${name} (refused)` : name,
        pk: String(key.pk),
        table,
        bytes,
        indexes,
        byIndex,
      });
    }
  };
  client.send = send as DynamoDBDocumentClient['send'];
  return {
    client,
    meter,
    reset() {
      meter.calls = {};
      meter.tableWriteUnits = 0;
      meter.indexWriteUnits = {};
      meter.writes = [];
    },
  };
}

export function totalWriteUnits(meter: Meter): number {
  return meter.tableWriteUnits + Object.values(meter.indexWriteUnits).reduce((a, b) => a + b, 0);
}

function commandName(command: unknown): string {
  if (command instanceof GetCommand) return 'Get';
  if (command instanceof QueryCommand) return 'Query';
  if (command instanceof BatchGetCommand) return 'BatchGet';
  if (command instanceof PutCommand) return 'Put';
  if (command instanceof UpdateCommand) return 'Update';
  if (command instanceof DeleteCommand) return 'Delete';
  return (command as { constructor: { name: string } }).constructor.name;
}

function writeKey(command: unknown): Item | undefined {
  if (command instanceof PutCommand) {
    const item = command.input.Item ?? {};
    return { [TABLE_KEYS.partitionKey]: item[TABLE_KEYS.partitionKey], [TABLE_KEYS.sortKey]: item[TABLE_KEYS.sortKey] };
  }
  if (command instanceof UpdateCommand || command instanceof DeleteCommand) return command.input.Key;
  return undefined;
}

function indexWriteUnits(index: IndexDefinition, before: Item | undefined, after: Item | undefined): number {
  const old = entryOf(index, before);
  const next = entryOf(index, after);
  if (old === undefined && next === undefined) return 0;
  if (old === undefined) return kilobytes(entrySize(next));
  if (next === undefined) return kilobytes(entrySize(old));
  const keyChanged = [index.partitionKey, index.sortKey].some(
    (attribute) => attribute !== undefined && old[attribute] !== next[attribute],
  );
  if (keyChanged) return kilobytes(entrySize(old)) + kilobytes(entrySize(next));
  return JSON.stringify(canonical(old)) === JSON.stringify(canonical(next)) ? 0 : kilobytes(entrySize(next));
}

/** The index entry of an item, or undefined when the item lacks the index's keys (a sparse index). */
function entryOf(index: IndexDefinition, item: Item | undefined): Item | undefined {
  if (item === undefined || item[index.partitionKey] === undefined) return undefined;
  if (index.sortKey !== undefined && item[index.sortKey] === undefined) return undefined;
  if (index.projection === 'ALL') return item;
  const attributes = [
    TABLE_KEYS.partitionKey,
    TABLE_KEYS.sortKey,
    index.partitionKey,
    ...(index.sortKey === undefined ? [] : [index.sortKey]),
    ...(index.projection === 'INCLUDE' ? (index.nonKeyAttributes ?? []) : []),
  ];
  return Object.fromEntries(attributes.filter((a) => item[a] !== undefined).map((a) => [a, item[a]]));
}

const INDEX_OVERHEAD_BYTES = 100;

function entrySize(entry: Item | undefined): number {
  return itemSize(entry) + INDEX_OVERHEAD_BYTES;
}

function kilobytes(bytes: number): number {
  return Math.ceil(bytes / 1024);
}

export function itemSize(item: Item | undefined): number {
  if (item === undefined) return 0;
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
}

function valueSize(value: unknown): number {
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number') return Math.ceil(String(Math.abs(value)).replace(/[.-]|^0+/g, '').length / 2) + 1;
  if (typeof value === 'boolean' || value === null) return 1;
  if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + valueSize(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + valueSize(v), 0);
  if (typeof value === 'object' && value !== undefined) {
    return 3 + Object.entries(value).reduce((sum, [name, v]) => sum + 1 + utf8(name) + valueSize(v), 0);
  }
  return 0;
}

function utf8(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function canonical(value: unknown): unknown {
  if (value instanceof Set) return [...value].sort();
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Item)[k])]),
    );
  }
  return value;
}
