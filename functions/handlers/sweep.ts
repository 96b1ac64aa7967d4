import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { DynamoDbRelayRepository } from '#adapters/dynamodb/dynamodb-relay-repository.ts';
import { DynamoDbSendingControl } from '#adapters/dynamodb/dynamodb-sending-control.ts';
import { SqsSendQueue } from '#adapters/sqs/sqs-send-queue.ts';
import { sweepFrom } from '#composition/use-cases.ts';
import { awsRuntime, requiredEnv } from './aws-runtime.ts';
import { makeSweepHandler } from './make-sweep-handler.ts';

/** Lambda entry for the sweep: built once per cold start. */
const runtime = awsRuntime('sweep');
const queue = new SqsSendQueue(
  runtime.tracer.captureAWSv3Client(new SQSClient({})),
  requiredEnv('CLOSELOOP_SEND_QUEUE_URL'),
);
const sweep = sweepFrom(
  {
    ...runtime,
    notices: new DynamoDbNoticeRepository(runtime.documents, runtime.config.tableName),
    control: new DynamoDbSendingControl(runtime.documents, runtime.config.tableName, { cacheMs: 5_000 }),
    queue,
    relays: new DynamoDbRelayRepository(runtime.documents, runtime.config.tableName),
    relayQueue: queue,
  },
  runtime.config,
);

export const handler = makeSweepHandler({ sweep, logger: runtime.logger, metrics: runtime.metrics });
