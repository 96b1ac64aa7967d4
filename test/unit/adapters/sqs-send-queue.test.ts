import {
  SendMessageBatchCommand,
  type SendMessageBatchCommandInput,
  type SendMessageBatchCommandOutput,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { EnqueueError, SqsSendQueue } from '#adapters/sqs/sqs-send-queue.ts';

// SQS has no local emulator here: aws-sdk-client-mock stands in for the service, the SDK client is real.
const sqs = mockClient(SQSClient);
afterEach(() => {
  sqs.reset();
});

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/closeloop-send';
const letter = (n: number) => String.fromCharCode(97 + n);
const id = (n: number) => `n_${letter(Math.floor(n / 26))}${letter(n % 26)}${'a'.repeat(24)}`;
const ids = (count: number) => Array.from({ length: count }, (_, n) => id(n));

/** Backoff sleeps are recorded, never slept. */
function queue() {
  const sleeps: number[] = [];
  const q = new SqsSendQueue(new SQSClient({ region: 'eu-west-1' }), QUEUE_URL, {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  return { queue: q, sleeps };
}

const calls = () => sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input);
const noticeIdsOf = (input: SendMessageBatchCommandInput) =>
  (input.Entries ?? []).map((e) => (JSON.parse(e.MessageBody ?? '{}') as { noticeId: string }).noticeId);

/** Answers each call as SQS would, refusing the messages `refuse` picks (with `SenderFault` when it says so). */
function answer(refuse: (noticeId: string, call: number) => { code: string; senderFault: boolean } | undefined) {
  let call = 0;
  sqs.on(SendMessageBatchCommand).callsFake((input: SendMessageBatchCommandInput): SendMessageBatchCommandOutput => {
    call += 1;
    const output: SendMessageBatchCommandOutput = { $metadata: {}, Successful: [], Failed: [] };
    for (const [i, noticeId] of noticeIdsOf(input).entries()) {
      const entryId = input.Entries?.[i]?.Id ?? '';
      const refusal = refuse(noticeId, call);
      if (refusal === undefined)
        output.Successful?.push({ Id: entryId, MessageId: `m-${noticeId}`, MD5OfMessageBody: '' });
      else output.Failed?.push({ Id: entryId, Code: refusal.code, SenderFault: refusal.senderFault });
    }
    return output;
  });
}

describe('SqsSendQueue', () => {
  it('enqueues in calls of at most ten messages, in order, each a {"noticeId"} body with an id unique in its call', async () => {
    answer(() => undefined);
    const { queue: q } = queue();

    await q.enqueue(ids(25));

    expect(calls().map((c) => c.Entries?.length)).toEqual([10, 10, 5]);
    expect(calls().flatMap(noticeIdsOf)).toEqual(ids(25));
    for (const call of calls()) {
      expect(call.QueueUrl).toBe(QUEUE_URL);
      const entryIds = (call.Entries ?? []).map((e) => e.Id);
      expect(new Set(entryIds).size).toBe(entryIds.length);
    }
    expect(calls()[0]?.Entries?.[0]?.MessageBody).toBe(JSON.stringify({ noticeId: id(0) }));
  });

  it('enqueues relays on the same queue as {"relayId"} bodies, with the same refusal handling', async () => {
    answer(() => undefined);
    const { queue: q } = queue();
    const relayIds = Array.from({ length: 12 }, (_, n) => `m_${String.fromCharCode(97 + n).repeat(26)}`);

    await q.enqueueRelays(relayIds);

    expect(calls().map((c) => c.Entries?.length)).toEqual([10, 2]);
    expect(calls()[0]?.QueueUrl).toBe(QUEUE_URL);
    expect(calls().flatMap((c) => (c.Entries ?? []).map((e) => e.MessageBody))).toEqual(
      relayIds.map((relayId) => JSON.stringify({ relayId })),
    );
  });

  it('sends again, after a backoff, only the messages SQS refused on its side', async () => {
    answer((noticeId, call) =>
      call === 1 && (noticeId === id(2) || noticeId === id(7))
        ? { code: 'InternalError', senderFault: false }
        : undefined,
    );
    const { queue: q, sleeps } = queue();

    await q.enqueue(ids(10));

    expect(calls().map(noticeIdsOf)).toEqual([ids(10), [id(2), id(7)]]);
    expect(sleeps).toEqual([75]); // base 100 ms, half fixed and half jitter (random 0.5)
  });

  it('gives up after three attempts, still enqueues the batches after it, and names what it could not enqueue', async () => {
    answer((noticeId) => (noticeId === id(3) ? { code: 'RequestThrottled', senderFault: false } : undefined));
    const { queue: q, sleeps } = queue();

    const error = await q.enqueue(ids(15)).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(EnqueueError);
    expect(error).toMatchObject({ noticeIds: [id(3)], codes: ['RequestThrottled'] });
    expect(calls().map(noticeIdsOf)).toEqual([ids(10), [id(3)], [id(3)], ids(15).slice(10)]);
    expect(sleeps).toEqual([75, 150]);
  });

  it('does not send again a message refused as our fault', async () => {
    answer((noticeId) => (noticeId === id(1) ? { code: 'InvalidMessageContents', senderFault: true } : undefined));
    const { queue: q, sleeps } = queue();

    await expect(q.enqueue(ids(3))).rejects.toThrow(`SQS refused 1 messages (InvalidMessageContents): ${id(1)}`);
    expect(calls()).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it.each([
    [
      'throttled',
      Object.assign(new Error('Rate exceeded'), { name: 'RequestThrottled', $metadata: { httpStatusCode: 400 } }),
    ],
    [
      'a 5xx',
      Object.assign(new Error('Service unavailable'), {
        name: 'ServiceUnavailable',
        $metadata: { httpStatusCode: 503 },
      }),
    ],
  ])('surfaces a call that failed as a whole (%s, after the SDK retried it) at once', async (_, error) => {
    sqs.on(SendMessageBatchCommand).rejects(error);
    const { queue: q } = queue();

    await expect(q.enqueue(ids(25))).rejects.toBe(error);
    expect(calls()).toHaveLength(1);
  });

  it('makes no call for no ids', async () => {
    const { queue: q } = queue();

    await q.enqueue([]);

    expect(calls()).toHaveLength(0);
  });
});
