import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '#core/domain/errors.ts';
import type { RawMailLocation } from '#core/domain/reply.ts';
import type { ReplyLinkRequest } from '#core/ports/reply-link-queue.ts';
import { decodeS3Key, makeReplyHandler } from '#handlers/make-reply-handler.ts';

const REFUSED = 'c_000000000000000000000003';
const context = { functionName: 'reply', awsRequestId: 'req-1' } as Context;
const s3Body = (key: string, eventName = 'ObjectCreated:Put') =>
  JSON.stringify({
    Records: [
      { eventSource: 'aws:s3', eventName, s3: { bucket: { name: 'inbound-bucket' }, object: { key, size: 10 } } },
    ],
  });
const event = (...bodies: string[]): SQSEvent =>
  ({
    Records: bodies.map((body, i) => ({
      messageId: `m-${i}`,
      body,
      receiptHandle: 'h',
      attributes: {},
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:1:replies',
      awsRegion: 'eu-west-1',
    })),
  }) as unknown as SQSEvent;

function handler(fail: (key: string) => boolean = () => false) {
  const seen: RawMailLocation[] = [];
  const links: ReplyLinkRequest[] = [];
  const handle = makeReplyHandler({
    processInboundMail: async (location) => {
      if (fail(location.key)) throw new Error('DynamoDB unavailable');
      seen.push(location);
      return { replyId: 'r_1', status: 'classified', duplicate: false, flags: ['warm'] };
    },
    linkUnmatchedReply: async (request) => {
      if (fail(request.candidateId)) throw new Error('S3 unavailable');
      if (request.candidateId === REFUSED) throw new ConflictError('dismissed meanwhile');
      links.push(request);
      return { reply: {} as never, duplicate: false };
    },
    logger: new Logger({ serviceName: 'reply', logLevel: 'SILENT' }),
    metrics: new Metrics({ serviceName: 'reply', namespace: 'Test' }),
  });
  return { handle, seen, links };
}

describe('the reply function', () => {
  it('processes each stored message named by an S3 notification, with its key decoded', async () => {
    const { handle, seen } = handler();

    const response = await handle(event(s3Body('inbound/abc%2Bdef+x')), context);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual([{ store: 's3', bucket: 'inbound-bucket', key: 'inbound/abc+def x' }]);
  });

  it('reports a failing record for redelivery and drops malformed ones and S3 test events', async () => {
    const { handle, seen } = handler((key) => key === 'inbound/fails');

    const response = await handle(
      event(
        s3Body('inbound/fails'),
        'not json',
        JSON.stringify({ Records: [{ eventSource: 'aws:sqs' }] }),
        JSON.stringify({ Event: 's3:TestEvent' }),
        s3Body('inbound/removed', 'ObjectRemoved:Delete'),
        s3Body('inbound/ok'),
      ),
      context,
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-0' }] });
    expect(seen.map((l) => l.key)).toEqual(['inbound/ok']);
  });

  it('runs the links the API queued: a refusal is dropped, a failure comes back', async () => {
    const failing = 'c_000000000000000000000002';
    const { handle, links } = handler((id) => id === failing);
    const link = (candidateId: string) =>
      JSON.stringify({ linkReply: { replyId: 'r_abcdefghijklmnopqrstuvwxyz', candidateId, by: 'sub-1' } });

    const response = await handle(
      event(link('c_000000000000000000000001'), link(failing), link(REFUSED), s3Body('inbound/ok')),
      context,
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(links).toEqual([
      { replyId: 'r_abcdefghijklmnopqrstuvwxyz', candidateId: 'c_000000000000000000000001', by: 'sub-1' },
    ]);
  });

  it('decodes S3 keys as S3 encodes them', () => {
    expect(decodeS3Key('inbound/a+b%3Dc')).toBe('inbound/a b=c');
  });
});
