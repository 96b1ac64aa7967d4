import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { S3RawMailStore } from '#adapters/s3/s3-raw-mail-store.ts';
import { SnsRecruiterNotifier } from '#adapters/sns/sns-recruiter-notifier.ts';

// S3 and SNS have no local emulator here: aws-sdk-client-mock stands in for the service, the SDK is real.
const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
afterEach(() => {
  s3.reset();
  sns.reset();
});

const store = () => new S3RawMailStore(new S3Client({ region: 'eu-west-1' }), 'inbound-bucket', 'inbound/');
/** The SDK's streaming body is a Node readable stream in Node. */
const body = (chunks: Buffer[]) => Readable.from(chunks) as unknown as GetObjectCommandOutput['Body'];
const at = (key: string) => ({ store: 's3' as const, bucket: 'inbound-bucket', key });

describe('S3RawMailStore', () => {
  it('reads a stored message', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 5 });
    s3.on(GetObjectCommand).resolves({ Body: body([Buffer.from('hello')]) });

    const read = await store().read(at('inbound/abc'), 1024);

    expect(read.kind).toBe('found');
    expect(read.kind === 'found' && Buffer.from(read.bytes).toString()).toBe('hello');
  });

  it('refuses an oversized message from its size alone, without downloading it', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 50 * 1024 * 1024 });

    const read = await store().read(at('inbound/big'), 40 * 1024 * 1024);

    expect(read).toEqual({ kind: 'too-large', sizeBytes: 50 * 1024 * 1024 });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('stops a download that grows past the limit', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 4 });
    s3.on(GetObjectCommand).resolves({ Body: body([Buffer.alloc(8), Buffer.alloc(8)]) });

    expect(await store().read(at('inbound/grew'), 10)).toEqual({ kind: 'too-large', sizeBytes: 16 });
  });

  it('reports a missing object, and refuses keys outside the inbound prefix or bucket', async () => {
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('not found'), { name: 'NotFound' }));

    expect(await store().read(at('inbound/gone'), 10)).toEqual({ kind: 'missing' });
    await expect(store().read(at('other/secret'), 10)).rejects.toThrow('not under inbound/');
    await expect(store().read({ store: 's3', bucket: 'other', key: 'inbound/x' }, 10)).rejects.toThrow(
      'not the inbound bucket',
    );
  });
});

describe('S3RawMailStore.delete (erasure)', () => {
  it('deletes the object under the inbound prefix, and refuses anything outside it', async () => {
    s3.on(DeleteObjectCommand).resolves({});

    await store().delete({ store: 's3', bucket: 'inbound-bucket', key: 'inbound/abc' });

    expect(s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'inbound-bucket', Key: 'inbound/abc' },
    ]);
    await expect(store().delete({ store: 's3', key: 'outbound/abc' })).rejects.toThrow(/not under inbound\//);
    await expect(store().delete({ store: 's3', bucket: 'other', key: 'inbound/abc' })).rejects.toThrow(
      /not the inbound bucket/,
    );
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(1);
  });
});

describe('SnsRecruiterNotifier', () => {
  it('publishes ids, the flag and its reason, with the flag as a filterable attribute', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const notifier = new SnsRecruiterNotifier(new SNSClient({ region: 'eu-west-1' }), 'arn:aws:sns:eu-west-1:1:flags');

    await notifier.flagRaised({
      candidateId: 'c_123',
      flag: 'bridge-burned',
      reason: 'Hostile reply (insult)',
      replyId: 'r_1',
      noticeId: 'n_1',
      jobTitle: 'Analytical Engineer',
      raisedAt: '2026-11-20T10:00:00.000Z',
    });

    const [call] = sns.commandCalls(PublishCommand);
    expect(call?.args[0].input).toMatchObject({
      TopicArn: 'arn:aws:sns:eu-west-1:1:flags',
      Subject: 'Closeloop: A candidate burned the bridge',
      MessageAttributes: { flag: { DataType: 'String', StringValue: 'bridge-burned' } },
    });
    expect(call?.args[0].input.Message).toContain('Why: Hostile reply (insult)');
    expect(call?.args[0].input.Message).toContain('Candidate: c_123');
  });
});
