import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeSendHandler } from '#handlers/make-send-handler.ts';

function sqsEvent(bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `m-${i}`,
      receiptHandle: `r-${i}`,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '0',
        SenderId: 's',
        ApproximateFirstReceiveTimestamp: '0',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:send',
      awsRegion: 'eu-west-1',
    })),
  };
}

const context = { functionName: 'send', awsRequestId: 'req' } as Context;
const id = (n: number) => `n_${String.fromCharCode(97 + n).repeat(26)}`;

/** A clock that only moves when the handler sleeps, so pacing is measured exactly. */
function virtualTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('the send handler', () => {
  it('sends one record after another at this worker’s share of the SES rate', async () => {
    const time = virtualTime();
    const started: number[] = [];
    const handler = makeSendHandler({
      sendNotice: async () => {
        started.push(time.now());
        time.advance(50); // SES answers in 50 ms
        return 'sent';
      },
      logger: new Logger({ logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'Test', serviceName: 'send' }),
      pace: { perSecond: 4, now: time.now, sleep: time.sleep },
    });

    const response = await handler(sqsEvent([0, 1, 2, 3].map((n) => JSON.stringify({ noticeId: id(n) }))), context);

    expect(response.batchItemFailures).toEqual([]);
    expect(started).toEqual([0, 250, 500, 750]);
  });

  it('reports a failed record for redelivery and drops a malformed one', async () => {
    const time = virtualTime();
    const handler = makeSendHandler({
      sendNotice: async (noticeId) => {
        if (noticeId === id(1)) throw new Error('DynamoDB unavailable');
        return 'sent';
      },
      logger: new Logger({ logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'Test', serviceName: 'send' }),
      pace: { perSecond: 1000, now: time.now, sleep: time.sleep },
    });

    const response = await handler(
      sqsEvent([JSON.stringify({ noticeId: id(0) }), JSON.stringify({ noticeId: id(1) }), '{"noticeId":"nope"}']),
      context,
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
  });
});
