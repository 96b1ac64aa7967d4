import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SqsRelayQueue } from '#adapters/sqs/sqs-relay-queue.ts';

// SQS has no local emulator here: aws-sdk-client-mock stands in for the service, the SDK client is real.
const sqs = mockClient(SQSClient);
afterEach(() => {
  sqs.reset();
});
const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/closeloop-send';
const ids = (count: number) => Array.from({ length: count }, (_, n) => `m_${String(n).padStart(26, 'a')}`);

describe('relays on the send queue', () => {
  it('sends {"relayId"} messages, ten per call', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });

    await new SqsRelayQueue(new SQSClient({ region: 'eu-west-1' }), QUEUE_URL).enqueueRelays(ids(12));

    const calls = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => c.Entries?.length)).toEqual([10, 2]);
    expect(calls[1]?.Entries?.map((e) => JSON.parse(e.MessageBody ?? ''))).toEqual([
      { relayId: ids(12)[10] },
      { relayId: ids(12)[11] },
    ]);
  });

  it('throws when SQS refuses one, naming it (the sweep re-enqueues open relays)', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolves({ Successful: [], Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false }] });

    await expect(
      new SqsRelayQueue(new SQSClient({ region: 'eu-west-1' }), QUEUE_URL).enqueueRelays(ids(2)),
    ).rejects.toThrow(ids(2)[1] ?? 'missing');
  });
});
