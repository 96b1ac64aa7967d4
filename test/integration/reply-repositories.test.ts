import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbFlagRepository } from '#adapters/dynamodb/dynamodb-flag-repository.ts';
import { DynamoDbNoticeLookup } from '#adapters/dynamodb/dynamodb-notice-lookup.ts';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { DynamoDbReplyRepository } from '#adapters/dynamodb/dynamodb-reply-repository.ts';
import type { Notice } from '#core/domain/notice.ts';
import { flagRepositoryContract } from '#test/contracts/flag-repository-contract.ts';
import { replyRepositoryContract } from '#test/contracts/reply-repository-contract.ts';
import { testTable } from '#test/support/dynamodb-test-table.ts';
import { replyWorld } from '#test/support/reply-world.ts';

let table: Awaited<ReturnType<typeof testTable>>;
beforeAll(async () => {
  table = await testTable();
});

flagRepositoryContract(
  'DynamoDbFlagRepository on dynalite',
  () => new DynamoDbFlagRepository(table.documents, table.tableName),
);
replyRepositoryContract(
  'DynamoDbReplyRepository on dynalite',
  () => new DynamoDbReplyRepository(table.documents, table.tableName),
);

/** A sent notice from the unit world, stored in the table as the send path stores it. */
async function storedSentNotice(applicationId: string): Promise<Notice> {
  const w = replyWorld();
  const notice = await w.sentNotice({ applicationId });
  const repo = new DynamoDbNoticeRepository(table.documents, table.tableName);
  await repo.create({ ...notice, status: 'scheduled', sesMessageId: undefined } as Notice);
  await repo.transition(notice.id, {
    from: ['scheduled'],
    to: 'sent',
    event: { at: notice.updatedAt, event: 'sent' },
    dueAt: null,
    patch: { sesMessageId: notice.sesMessageId ?? 'missing' },
  });
  return notice;
}

describe('DynamoDbNoticeLookup on dynalite', () => {
  it('finds a notice by its reply token, by its SES message id, and as the newest sent to a candidate', async () => {
    const notices = new DynamoDbNoticeRepository(table.documents, table.tableName);
    const lookup = new DynamoDbNoticeLookup(table.documents, table.tableName, notices);
    const notice = await storedSentNotice('lookup-1');

    expect((await lookup.byReplyToken(notice.replyToken))?.id).toBe(notice.id);
    expect((await lookup.bySesMessageId(notice.sesMessageId ?? ''))?.id).toBe(notice.id);
    expect((await lookup.latestSentTo(notice.candidateId))?.id).toBe(notice.id);
    expect(await lookup.byReplyToken('a'.repeat(32))).toBeUndefined();
    expect(await lookup.bySesMessageId('nope')).toBeUndefined();
    expect(await lookup.latestSentTo('c_000000000000000000000000')).toBeUndefined();
  });
});

describe('the byFlag index', () => {
  it('lists candidates by flag, newest first, and drops a dismissed flag', async () => {
    const flags = new DynamoDbFlagRepository(table.documents, table.tableName);
    const raise = (candidateId: string, at: string) =>
      flags.raise({
        candidateId,
        flag: 'warm',
        reason: 'Warm reply (thanks)',
        evidence: [],
        replyId: `r_${candidateId}`,
        at,
        retainUntil: '2027-12-01T00:00:00.000Z',
      });
    await raise('c_aaaaaaaaaaaaaaaaaaaaaaa1', '2026-11-20T10:00:00.000Z');
    await raise('c_aaaaaaaaaaaaaaaaaaaaaaa2', '2026-11-21T10:00:00.000Z');
    await raise('c_aaaaaaaaaaaaaaaaaaaaaaa3', '2026-11-22T10:00:00.000Z');
    await flags.review('c_aaaaaaaaaaaaaaaaaaaaaaa2', 'warm', {
      from: 'raised',
      to: 'dismissed',
      entry: { action: 'dismissed', at: '2026-11-23T00:00:00.000Z', by: 'sub-1', reason: 'Not warm.' },
    });

    const { Items } = await table.documents.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'byFlag',
        KeyConditionExpression: 'flagKey = :f',
        ExpressionAttributeValues: { ':f': 'FLAG#warm' },
        ScanIndexForward: false,
      }),
    );

    expect(Items?.map((i) => i.candidateId)).toEqual(['c_aaaaaaaaaaaaaaaaaaaaaaa3', 'c_aaaaaaaaaaaaaaaaaaaaaaa1']);
  });
});
