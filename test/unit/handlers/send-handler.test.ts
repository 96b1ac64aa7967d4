import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

  it('runs the after-batch step once per batch, after the last record, and survives its failure', async () => {
    const time = virtualTime();
    const steps: string[] = [];
    const handler = makeSendHandler({
      sendNotice: async (noticeId) => {
        steps.push(`send ${noticeId}`);
        return 'sent';
      },
      afterBatch: async () => {
        steps.push('after batch');
        throw new Error('DynamoDB unavailable');
      },
      logger: new Logger({ logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'Test', serviceName: 'send' }),
      pace: { perSecond: 1000, now: time.now, sleep: time.sleep },
    });

    const response = await handler(sqsEvent([0, 1].map((n) => JSON.stringify({ noticeId: id(n) }))), context);

    expect(response.batchItemFailures).toEqual([]);
    expect(steps).toEqual([`send ${id(0)}`, `send ${id(1)}`, 'after batch']);
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

  it('sends relays and notices from the one queue, paced alike', async () => {
    const time = virtualTime();
    const started: string[] = [];
    const relayId = `m_${'b'.repeat(26)}`;
    const handler = makeSendHandler({
      sendNotice: async (noticeId) => {
        started.push(`${noticeId}@${time.now()}`);
        return 'sent';
      },
      sendRelay: async (id) => {
        started.push(`${id}@${time.now()}`);
        return 'busy';
      },
      logger: new Logger({ logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'Test', serviceName: 'send' }),
      pace: { perSecond: 2, now: time.now, sleep: time.sleep },
    });

    const response = await handler(
      sqsEvent([JSON.stringify({ noticeId: id(0) }), JSON.stringify({ relayId }), JSON.stringify({ noticeId: id(1) })]),
      context,
    );

    // A busy relay is not failed back to SQS: its holder finishes it, or the sweep enqueues it again.
    expect(response.batchItemFailures).toEqual([]);
    expect(started).toEqual([`${id(0)}@0`, `${relayId}@500`, `${id(1)}@1000`]);
  });

  it('fails a relay record back to SQS when this worker sends no relays', async () => {
    const time = virtualTime();
    const handler = makeSendHandler({
      sendNotice: async () => 'sent',
      logger: new Logger({ logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'Test', serviceName: 'send' }),
      pace: { perSecond: 1000, now: time.now, sleep: time.sleep },
    });
    const response = await handler(
      sqsEvent([JSON.stringify({ relayId: `m_${'c'.repeat(26)}` }), JSON.stringify({ noticeId: id(0) })]),
      context,
    );
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-0' }]);
  });

  describe('a record that is not a send message', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    /** What the Powertools logger writes (Lambda ships stdout and stderr to CloudWatch as is), one JSON line each. */
    function captureLogLines(): () => Record<string, unknown>[] {
      const written: string[] = [];
      const capture = (chunk: string | Uint8Array) => {
        written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return true;
      };
      vi.spyOn(process.stdout, 'write').mockImplementation(capture);
      vi.spyOn(process.stderr, 'write').mockImplementation(capture);
      return () =>
        written
          .join('')
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as Record<string, unknown>);
    }

    it('is logged once and dropped, not failed back to SQS, and the valid record beside it is sent', async () => {
      const time = virtualTime();
      const sent: string[] = [];
      const logLines = captureLogLines();
      const handler = makeSendHandler({
        sendNotice: async (noticeId) => {
          sent.push(noticeId);
          return 'sent';
        },
        logger: new Logger({ serviceName: 'send', logLevel: 'INFO' }),
        metrics: new Metrics({ namespace: 'Test', serviceName: 'send' }),
        pace: { perSecond: 1000, now: time.now, sleep: time.sleep },
      });

      const response = await handler(
        sqsEvent(['not json at all <ada@example.com>', JSON.stringify({ noticeId: id(1) }), '{"noticeId":"nope"}']),
        context,
      );
      const lines = logLines();
      const errors = lines.filter((line) => line.level === 'ERROR');
      const metrics = lines.find((line) => line._aws !== undefined);

      expect(response.batchItemFailures).toEqual([]);
      expect(sent).toEqual([id(1)]);
      expect(errors).toHaveLength(2);
      expect(errors[0]).toMatchObject({
        message: 'malformed send message dropped',
        messageId: 'm-0',
        problem: 'the body is not JSON',
      });
      expect(errors[1]).toMatchObject({
        messageId: 'm-2',
        problem: 'the body is not {"noticeId": "n_…"} or {"relayId": "m_…"}',
      });
      // The body is not logged: it is untrusted and may hold anything, an address included.
      expect(JSON.stringify(errors)).not.toContain('ada@example.com');
      // Counted, so an alarm can watch for a producer writing garbage.
      expect(metrics).toMatchObject({ SendMessages_malformed: [1, 1], Notices_sent: 1 });
    });
  });
});
