import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynalite } from '#local/emulators.ts';
import { repairDynaliteIndexes } from '#local/repair-dynalite-indexes.ts';
import { testTable } from '#test/support/dynamodb-test-table.ts';

let table: Awaited<ReturnType<typeof testTable>>;
beforeAll(async () => {
  table = await testTable();
});

const notice = (i: number, due: boolean) => ({
  pk: `NOTICE#n${i}`,
  sk: 'NOTICE',
  status: due ? 'scheduled' : 'sent',
  replyToken: `token-${i}`,
  candidateKey: `CAND#c${i}`,
  timelineKey: `NOTICE#2026-11-20T10:00:0${i}Z`,
  ...(due ? { dueShard: `DUE#${i % 2}`, dueAt: `2026-11-2${i}T10:00:00.000Z` } : { sesMessageId: `msg-${i}` }),
});

const dueOn = async (shard: string) =>
  (
    await table.documents.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'byDue',
        KeyConditionExpression: 'dueShard = :s',
        ExpressionAttributeValues: { ':s': shard },
      }),
    )
  ).Items;

describe('repairing dynalite’s indexes after an unclean stop', () => {
  it('changes nothing in a table whose indexes agree with it', async () => {
    for (let i = 0; i < 6; i++) {
      await table.documents.send(new PutCommand({ TableName: table.tableName, Item: notice(i, i % 3 !== 0) }));
    }
    const scan = async () =>
      ((await table.documents.send(new ScanCommand({ TableName: table.tableName }))).Items ?? []).sort((a, b) =>
        String(a.pk).localeCompare(String(b.pk)),
      );
    const before = { items: await scan(), due: [await dueOn('DUE#0'), await dueOn('DUE#1')] };

    const repair = await repairDynaliteIndexes(table.documents, table.tableName);

    expect(repair).toEqual({ items: 6, staleEntries: 0 });
    expect(await scan()).toEqual(before.items);
    expect([await dueOn('DUE#0'), await dueOn('DUE#1')]).toEqual(before.due);
    expect(
      before.due
        .flat()
        .map((e) => e?.pk)
        .sort(),
    ).toEqual(['NOTICE#n1', 'NOTICE#n2', 'NOTICE#n4', 'NOTICE#n5']);
  });
});

/** dynalite's LevelDB, opened the way dynalite opens it, to do what a kill between two of its writes leaves. */
interface LevelDb {
  open(): Promise<void>;
  close(): Promise<void>;
  get(key: string): Promise<Record<string, unknown> | undefined>;
  put(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(options: { gte: string; lt: string }): AsyncIterable<string>;
}
const requireFromDynalite = createRequire(fileURLToPath(import.meta.resolve('dynalite')));
const { Level } = requireFromDynalite('level') as { Level: new (path: string, options: object) => LevelDb };

describe('repairing an index an interrupted write left wrong', () => {
  it('restores a missing due entry and removes entries whose item is gone or has moved', async () => {
    const path = await mkdtemp(join(tmpdir(), 'closeloop-dynalite-'));
    const tableName = 'closeloop-local';
    const connect = async () => {
      const server = await startDynalite({ port: 0, path });
      const client = new DynamoDBClient({ endpoint: server.url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
      await ensureTable(client, tableName);
      return { server, client, documents: DynamoDBDocumentClient.from(client) };
    };
    try {
      let db = await connect();
      for (let i = 1; i <= 3; i++) {
        await db.documents.send(new PutCommand({ TableName: tableName, Item: notice(i, true) }));
      }
      db.client.destroy();
      await db.server.close();

      // What three kills could leave: n1's index entry gone (deleted, the new one never written); n2 deleted
      // after its entry was written; n3's item moved on (due later) while its entry still says the old time.
      const level = new Level(path, { valueEncoding: 'json' });
      await level.open();
      const prefix = `index-global~${tableName}~byDue~`;
      const entries: string[] = [];
      for await (const key of level.keys({ gte: prefix, lt: `${prefix}\uffff` })) entries.push(key);
      expect(entries).toHaveLength(3);
      const itemKey = async (pk: string) => {
        for await (const key of level.keys({ gte: `item-${tableName}~`, lt: `item-${tableName}~\uffff` })) {
          const item = await level.get(key);
          if (JSON.stringify(item?.pk).includes(pk)) return key;
        }
        throw new Error(`no item ${pk}`);
      };
      const entryOf = async (pk: string) => {
        for (const key of entries) if (JSON.stringify(await level.get(key)).includes(pk)) return key;
        throw new Error(`no entry for ${pk}`);
      };
      await level.del(await entryOf('NOTICE#n1'));
      await level.del(await itemKey('NOTICE#n2'));
      const n3 = await itemKey('NOTICE#n3');
      await level.put(n3, { ...(await level.get(n3)), dueAt: { S: '2026-12-31T10:00:00.000Z' } });
      await level.close();

      db = await connect();
      const dueNow = async () =>
        (
          await db.documents.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: 'byDue',
              KeyConditionExpression: 'dueShard = :s',
              ExpressionAttributeValues: { ':s': 'DUE#1' },
            }),
          )
        ).Items?.map((e) => `${e.pk} ${e.dueAt}`);
      const repair = await repairDynaliteIndexes(db.documents, tableName);

      // n2's entries in byDue, byCandidate and byReplyToken, and n3's old byDue entry.
      expect(repair).toEqual({ items: 2, staleEntries: 4 });
      expect(await dueNow()).toEqual(['NOTICE#n1 2026-11-21T10:00:00.000Z', 'NOTICE#n3 2026-12-31T10:00:00.000Z']);
      expect(await repairDynaliteIndexes(db.documents, tableName)).toEqual({ items: 2, staleEntries: 0 });
      db.client.destroy();
      await db.server.close();
    } finally {
      await rm(path, { recursive: true, force: true });
    }
  });
});
