import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { backfillListingKeys } from '#adapters/dynamodb/notice-index-backfill.ts';
import { createTableInput } from '#adapters/dynamodb/table-definition.ts';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, waitUntilActive } from '#local/emulators.ts';
import { aNotice } from '#test/contracts/notice-repository-contract.ts';

function clients() {
  const client = new DynamoDBClient({
    endpoint: inject('dynamodbEndpoint'),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  return {
    client,
    documents: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
  };
}

/** Two notices as a Closeloop before issue 15 wrote them: no listing keys. */
async function oldNotices(documents: DynamoDBDocumentClient, tableName: string): Promise<string[]> {
  const notices = new DynamoDbNoticeRepository(documents, tableName);
  const owned = aNotice({ recruiter: { name: 'Jane Roe', email: 'jane@acme.example' } });
  const bounced = aNotice({ status: 'bounced' });
  for (const notice of [owned, bounced]) {
    await notices.create(notice);
    await documents.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: `NOTICE#${notice.id}`, sk: 'NOTICE' },
        UpdateExpression: 'REMOVE statusKey, ownerKey',
      }),
    );
  }
  return [owned.id, bounced.id];
}

async function partition(
  documents: DynamoDBDocumentClient,
  tableName: string,
  index: string,
  key: string,
  value: string,
) {
  const { Items } = await documents.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index,
      KeyConditionExpression: '#k = :v',
      ExpressionAttributeNames: { '#k': key },
      ExpressionAttributeValues: { ':v': value },
    }),
  );
  return (Items ?? []).map((item) => String(item.pk).slice('NOTICE#'.length));
}

describe('notices from before the listing indexes', () => {
  it('are listed by status and owner once the local table gains the indexes', async () => {
    const { client, documents } = clients();
    const tableName = `old-${randomUUID()}`;
    const current = createTableInput(tableName);
    await client.send(
      new CreateTableCommand({
        ...current,
        GlobalSecondaryIndexes: current.GlobalSecondaryIndexes?.filter(
          (i) => i.IndexName !== 'byStatus' && i.IndexName !== 'byOwner',
        ),
      }),
    );
    await waitUntilActive(client, tableName);
    const [owned, bounced] = await oldNotices(documents, tableName);

    await ensureTable(client, tableName);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(
      expect.arrayContaining(['byStatus', 'byOwner']),
    );
    expect(await partition(documents, tableName, 'byStatus', 'statusKey', 'pending')).toEqual([owned]);
    expect(await partition(documents, tableName, 'byStatus', 'statusKey', 'bounced')).toEqual([bounced]);
    expect(await partition(documents, tableName, 'byOwner', 'ownerKey', 'jane@acme.example')).toEqual([owned]);
    expect(await partition(documents, tableName, 'byOwner', 'ownerKey', '~default')).toEqual([bounced]);
    client.destroy();
  });

  it('are given their keys in an AWS table by the backfill, once, keeping a status key a newer write set', async () => {
    const { client, documents } = clients();
    const tableName = `aws-${randomUUID()}`;
    await ensureTable(client, tableName);
    const [owned, bounced] = await oldNotices(documents, tableName);
    expect(await partition(documents, tableName, 'byStatus', 'statusKey', 'bounced')).toEqual([]);
    // Cancelled by the new code before the backfill ran: its status key is set, its owner key still missing.
    const cancelled = await new DynamoDbNoticeRepository(documents, tableName).transition(owned ?? '', {
      from: ['scheduled'],
      to: 'cancelled',
      event: { at: '2026-11-20T10:05:00.000Z', event: 'test' },
    });
    expect(cancelled?.status).toBe('cancelled');

    expect(await backfillListingKeys(documents, tableName)).toBe(2);
    expect(await backfillListingKeys(documents, tableName)).toBe(0);

    expect(await partition(documents, tableName, 'byStatus', 'statusKey', 'pending')).toEqual([]);
    expect(await partition(documents, tableName, 'byStatus', 'statusKey', 'cancelled')).toEqual([owned]);
    expect(await partition(documents, tableName, 'byStatus', 'statusKey', 'bounced')).toEqual([bounced]);
    expect(await partition(documents, tableName, 'byOwner', 'ownerKey', 'jane@acme.example')).toEqual([owned]);
    expect(await partition(documents, tableName, 'byOwner', 'ownerKey', '~default')).toEqual([bounced]);
    client.destroy();
  });
});
