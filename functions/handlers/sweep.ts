import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsSendQueue } from '#adapters/sqs/sqs-send-queue.ts';
import { controlIn, noticesIn, relaysIn } from '#composition/dynamodb-ports.ts';
import { sweepFrom } from '#composition/use-cases.ts';
import { awsRuntime, requiredEnv } from './aws-runtime.ts';
import { makeSweepHandler } from './make-sweep-handler.ts';
import { withLambdaContext } from './with-lambda-context.ts';

/** Lambda entry for the sweep: built once per cold start. */
const runtime = awsRuntime('sweep');
const table = { ...runtime.table, sendingControlCacheMs: 5_000 };
const queue = new SqsSendQueue(
  runtime.tracer.captureAWSv3Client(new SQSClient({})),
  requiredEnv('CLOSELOOP_SEND_QUEUE_URL'),
);
const sweep = sweepFrom(
  {
    ...runtime,
    notices: noticesIn(table),
    control: controlIn(table),
    queue,
    // The sweep is also the relays' backstop.
    relays: relaysIn(table),
    relayQueue: queue,
  },
  runtime.config,
);

export const handler = withLambdaContext(
  runtime.logger,
  makeSweepHandler({ sweep, logger: runtime.logger, metrics: runtime.metrics }),
);
