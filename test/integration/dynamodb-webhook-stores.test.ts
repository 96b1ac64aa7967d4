import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbDecisionRepository } from '#adapters/dynamodb/dynamodb-decision-repository.ts';
import { DynamoDbDeliveryLog, deliveryItemKey } from '#adapters/dynamodb/dynamodb-delivery-log.ts';
import { decisionAdvanceContract, deliveryLogContract } from '#test/contracts/webhook-stores-contract.ts';
import { testTable } from '#test/support/dynamodb-test-table.ts';

let table: Awaited<ReturnType<typeof testTable>>;
beforeAll(async () => {
  table = await testTable();
});

decisionAdvanceContract(
  'DynamoDbDecisionRepository on dynalite',
  () => new DynamoDbDecisionRepository(table.documents, table.tableName),
);
deliveryLogContract('DynamoDbDeliveryLog on dynalite', () => new DynamoDbDeliveryLog(table.documents, table.tableName));

describe('DynamoDbDeliveryLog on dynalite', () => {
  it('keys the item by a digest and gives it a TTL', async () => {
    const log = new DynamoDbDeliveryLog(table.documents, table.tableName);
    const id = 'a delivery id with spaces and ünïcode';

    await log.remember(
      {
        source: 'workable',
        deliveryId: id,
        receivedAt: '2026-11-20T10:00:00.000Z',
        outcome: { status: 'ignored', reason: 'x' },
      },
      new Date('2026-11-27T10:00:00Z'),
    );

    const key = deliveryItemKey('workable', id);
    const { Item } = await table.documents.send(new GetCommand({ TableName: table.tableName, Key: key }));
    expect(key.pk).toMatch(/^DELIVERY#w_[a-z2-7]{26}$/);
    expect(Item?.expiresAt).toBe(Math.floor(new Date('2026-11-27T10:00:00Z').getTime() / 1000));
  });
});
