import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplyLinkMessage, SqsReplyLinkQueue } from '#adapters/sqs/sqs-reply-link-queue.ts';

// SQS has no local emulator here: aws-sdk-client-mock stands in for the service, the SDK client is real.
const sqs = mockClient(SQSClient);
afterEach(() => {
  sqs.reset();
});

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/closeloop-replies';
const request = { replyId: 'r_abcdefghijklmnopqrstuvwxyz', candidateId: 'c_0123456789abcdef01234567', by: 'sub-1' };

describe('the reply queue as the API hands links to the reply function', () => {
  it('sends one message the reply function reads back as a link request, not an S3 notification', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });

    await new SqsReplyLinkQueue(new SQSClient({ region: 'eu-west-1' }), QUEUE_URL).requestLink(request);

    const calls = sqs.commandCalls(SendMessageCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input.QueueUrl).toBe(QUEUE_URL);
    const body: unknown = JSON.parse(calls[0]?.args[0].input.MessageBody ?? 'null');
    expect(ReplyLinkMessage.parse(body)).toEqual({ linkReply: request });
  });

  it('lets a refusal from SQS reach the route (a 500, nothing half-done: the reply is untouched)', async () => {
    sqs.on(SendMessageCommand).rejects(new Error('AccessDenied'));

    await expect(
      new SqsReplyLinkQueue(new SQSClient({ region: 'eu-west-1' }), QUEUE_URL).requestLink(request),
    ).rejects.toThrow('AccessDenied');
  });
});
