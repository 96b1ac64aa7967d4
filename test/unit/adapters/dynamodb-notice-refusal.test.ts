import { type AttributeValue, ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { aNotice } from '#test/contracts/notice-repository-contract.ts';

/** DynamoDB's wire form of the values a notice holds, as DynamoDB puts them in the refusal. */
function wire(item: Record<string, unknown>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, toAttribute(value)]));
}

function toAttribute(value: unknown): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value instanceof Set) return { SS: [...value].map(String) };
  if (Array.isArray(value)) return { L: value.map(toAttribute) };
  if (typeof value === 'object' && value !== null) return { M: wire(value as Record<string, unknown>) };
  throw new Error(`no wire form for ${String(value)}`);
}

/**
 * DynamoDB returns the refused item with a failed condition when asked (`ReturnValuesOnConditionCheckFailure`);
 * dynalite does not, so this path is shown here on a mocked client (dynalite's fallback read is shown in
 * test/integration/dynamodb-repositories.test.ts).
 */
describe('a refused claim on DynamoDB', () => {
  it('asks for the refused item and takes it from the refusal, with no read', async () => {
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
    const mock = mockClient(documents);
    const stored = aNotice({ status: 'deferred', attempts: 2 });
    mock.on(UpdateCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: wire({ ...stored, pk: `NOTICE#${stored.id}`, sk: 'NOTICE', trackedEvents: new Set(['k']) }),
      }),
    );
    const notices = new DynamoDbNoticeRepository(documents, 'table');

    const attempt = await notices.tryTransition(stored.id, {
      from: ['scheduled', 'deferred'],
      attemptsEquals: 0,
      to: 'sending',
      event: { at: '2026-11-20T11:00:00.000Z', event: 'send-attempt', detail: 'Attempt 1' },
    });

    expect(attempt).toEqual({ moved: false, current: stored, readBack: false });
    expect(mock.commandCalls(UpdateCommand)[0]?.args[0].input.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
    expect(mock.commandCalls(GetCommand)).toHaveLength(0);
  });
});
