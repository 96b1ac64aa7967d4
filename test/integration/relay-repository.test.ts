import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll } from 'vitest';
import { noticeKey } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { DynamoDbRelayRepository } from '#adapters/dynamodb/dynamodb-relay-repository.ts';
import { relayRepositoryContract } from '#test/contracts/relay-repository-contract.ts';
import { testTable } from '#test/support/dynamodb-test-table.ts';

let table: Awaited<ReturnType<typeof testTable>>;
beforeAll(async () => {
  table = await testTable();
});

relayRepositoryContract(
  'DynamoDbRelayRepository on dynalite',
  () => new DynamoDbRelayRepository(table.documents, table.tableName),
  // The adapter finds a thread's candidate on its notice's `candidateKey` (notice-item.ts): only that is read.
  async (noticeId, candidateId) => {
    await table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...noticeKey(noticeId), entity: 'notice', candidateKey: `CAND#${candidateId}` },
      }),
    );
  },
);
