import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbDecisionRepository } from '#adapters/dynamodb/dynamodb-decision-repository.ts';
import { DynamoDbNoticeRepository, onceKeyDigest } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { DynamoDbReputationLedger } from '#adapters/dynamodb/dynamodb-reputation-ledger.ts';
import { DynamoDbSendingControl } from '#adapters/dynamodb/dynamodb-sending-control.ts';
import { DynamoDbSuppressionRepository } from '#adapters/dynamodb/dynamodb-suppression-repository.ts';
import { toDecision } from '#core/domain/decision.ts';
import { reputationLedgerContract, sendingControlContract } from '#test/contracts/delivery-controls-contract.ts';
import { aNotice, noticeRepositoryContract } from '#test/contracts/notice-repository-contract.ts';
import { suppressionRepositoryContract } from '#test/contracts/suppression-repository-contract.ts';
import { aDecision } from '#test/support/builders.ts';
import { testTable } from '#test/support/dynamodb-test-table.ts';

let table: Awaited<ReturnType<typeof testTable>>;
beforeAll(async () => {
  table = await testTable();
});

noticeRepositoryContract(
  'DynamoDbNoticeRepository on dynalite',
  () => new DynamoDbNoticeRepository(table.documents, table.tableName),
);

describe('a refused claim on dynalite', () => {
  it('reads the notice back, and says so: dynalite returns no item with a refused condition', async () => {
    const notices = new DynamoDbNoticeRepository(table.documents, table.tableName);
    const notice = aNotice({ status: 'deferred', attempts: 2 });
    await notices.create(notice);

    const attempt = await notices.tryTransition(notice.id, {
      from: ['scheduled', 'deferred'],
      attemptsEquals: 0,
      to: 'sending',
      event: { at: '2026-11-20T11:00:00.000Z', event: 'send-attempt', detail: 'Attempt 1' },
    });

    expect(attempt).toEqual({ moved: false, current: notice, readBack: true });
  });
});

describe('a report tracked once on dynalite', () => {
  const report = 'm-1:delivery:2026-11-20T11:00:05.000Z';
  const deliver = (notices: DynamoDbNoticeRepository, id: string) =>
    notices.transition(id, {
      from: ['sent', 'delivered'],
      to: 'delivered',
      event: { at: '2026-11-20T11:00:06.000Z', event: 'Delivery' },
      onceKey: report,
    });

  it('stores the key as its 16-character digest, not the key with its message id', async () => {
    const notices = new DynamoDbNoticeRepository(table.documents, table.tableName);
    const notice = aNotice({ status: 'sent' });
    await notices.create(notice);

    await deliver(notices, notice.id);

    const { Item } = await table.documents.send(
      new GetCommand({ TableName: table.tableName, Key: { pk: `NOTICE#${notice.id}`, sk: 'NOTICE' } }),
    );
    expect(Item?.trackedEvents).toEqual(new Set([onceKeyDigest(report)]));
    expect(onceKeyDigest(report)).toHaveLength(16);
  });

  it('refuses a report an item written before the digest holds as the key itself', async () => {
    const notices = new DynamoDbNoticeRepository(table.documents, table.tableName);
    const notice = aNotice({ status: 'sent' });
    await notices.create(notice);
    await table.documents.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { pk: `NOTICE#${notice.id}`, sk: 'NOTICE' },
        UpdateExpression: 'ADD trackedEvents :keys',
        ExpressionAttributeValues: { ':keys': new Set([report]) },
      }),
    );

    expect(await deliver(notices, notice.id)).toBeUndefined();
    expect((await notices.get(notice.id))?.status).toBe('sent');
  });
});

describe('DynamoDbDecisionRepository on dynalite', () => {
  it('records a decision once; concurrent duplicates all see the first', async () => {
    const repo = new DynamoDbDecisionRepository(table.documents, table.tableName);
    const decision = {
      ...toDecision(aDecision({ applicationId: 'concurrent' })),
      recordedAt: 'now',
      retainUntil: '2027-01-01T00:00:00.000Z',
    };

    const outcomes = await Promise.all(Array.from({ length: 10 }, () => repo.recordOnce(decision)));

    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    expect(await repo.get(decision.key)).toEqual(decision);
  });
});

suppressionRepositoryContract('DynamoDbSuppressionRepository on dynalite', async () => {
  const fresh = await testTable();
  return new DynamoDbSuppressionRepository(fresh.documents, fresh.tableName);
});

reputationLedgerContract('DynamoDbReputationLedger on dynalite', async () => {
  const fresh = await testTable();
  return new DynamoDbReputationLedger(fresh.documents, fresh.tableName);
});

sendingControlContract('DynamoDbSendingControl on dynalite', async () => {
  const fresh = await testTable();
  return new DynamoDbSendingControl(fresh.documents, fresh.tableName);
});

describe('DynamoDbSendingControl with a cache', () => {
  it('answers from its cache, yet applies its own pause and resume at once', async () => {
    const fresh = await testTable();
    const cached = new DynamoDbSendingControl(fresh.documents, fresh.tableName, { cacheMs: 60_000 });
    const other = new DynamoDbSendingControl(fresh.documents, fresh.tableName);

    expect((await cached.state()).paused).toBe(false);
    await other.pause({ reason: 'elsewhere', at: '2026-11-20T10:00:00.000Z', by: 'admin:x' });
    expect((await cached.state()).paused).toBe(false);
    await cached.resume({ reason: 'here', at: '2026-11-20T10:01:00.000Z', by: 'admin:y' });
    expect(await cached.state()).toMatchObject({ paused: false, changedBy: 'admin:y' });
  });
});
