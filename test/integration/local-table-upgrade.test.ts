import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { createTableInput, INDEXES } from '#adapters/dynamodb/table-definition.ts';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, waitUntilActive } from '#local/emulators.ts';

describe('the local table under .data', () => {
  it('gains the indexes a newer Closeloop defines, keeping every item', async () => {
    const client = new DynamoDBClient({
      endpoint: inject('dynamodbEndpoint'),
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const tableName = `old-${randomUUID()}`;
    const current = createTableInput(tableName);
    // The table as an older version created it: without the stats index.
    await client.send(
      new CreateTableCommand({
        ...current,
        GlobalSecondaryIndexes: current.GlobalSecondaryIndexes?.filter((i) => i.IndexName !== 'byPeriod'),
      }),
    );
    await waitUntilActive(client, tableName);
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { pk: { S: 'NOTICE#n_1' }, sk: { S: 'NOTICE' }, v: { N: '1' } },
      }),
    );

    await ensureTable(client, tableName);
    await ensureTable(client, tableName);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(Object.keys(INDEXES).sort());
    const { Item } = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'NOTICE#n_1' }, sk: { S: 'NOTICE' } } }),
    );
    expect(Item?.v).toEqual({ N: '1' });
    client.destroy();
  });
});
