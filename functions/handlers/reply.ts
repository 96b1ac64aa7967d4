import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { buildReplyClassifier, readClassifierChoice } from '#adapters/classifier/configured-reply-classifier.ts';
import { EventBridgePublisher } from '#adapters/eventbridge/eventbridge-publisher.ts';
import { MailparserInboundParser } from '#adapters/mime/mailparser-inbound-parser.ts';
import { S3RawMailStore } from '#adapters/s3/s3-raw-mail-store.ts';
import { SnsRecruiterNotifier } from '#adapters/sns/sns-recruiter-notifier.ts';
import { SqsSendQueue } from '#adapters/sqs/sqs-send-queue.ts';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { dynamoDbPorts } from '#composition/dynamodb-ports.ts';
import { processInboundMailFrom, unmatchedReplyActionsFrom } from '#composition/use-cases.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { awsRuntime, requiredEnv } from './aws-runtime.ts';
import { makeReplyHandler } from './make-reply-handler.ts';
import { withLambdaContext } from './with-lambda-context.ts';

/** Lambda entry for the reply queue's consumer (S3 notifications of messages SES stored): built once per cold start. */
const runtime = awsRuntime('reply');
const { config, tracer } = runtime;

const ports = {
  ...runtime,
  ...dynamoDbPorts(runtime.table),
  raw: new S3RawMailStore(
    tracer.captureAWSv3Client(new S3Client({})),
    requiredEnv('CLOSELOOP_INBOUND_BUCKET'),
    requiredEnv('CLOSELOOP_INBOUND_PREFIX'),
  ),
  parser: new MailparserInboundParser(),
  relayQueue: new SqsSendQueue(tracer.captureAWSv3Client(new SQSClient({})), requiredEnv('CLOSELOOP_SEND_QUEUE_URL')),
  classifier: await buildReplyClassifier(readClassifierChoice(process.env), {
    log: runtime.logger,
    comprehendClient: () => tracer.captureAWSv3Client(new ComprehendClient({})),
  }),
  notifier: new SnsRecruiterNotifier(
    tracer.captureAWSv3Client(new SNSClient({})),
    requiredEnv('CLOSELOOP_FLAGS_TOPIC_ARN'),
  ),
  events: new EventBridgePublisher(
    tracer.captureAWSv3Client(new EventBridgeClient({})),
    requiredEnv('CLOSELOOP_EVENT_BUS_NAME'),
  ),
  renderer: new CompiledTemplateRenderer(catalog),
};
const processInboundMail = processInboundMailFrom(ports, config);
// Links asked for through the API run here, where the parser, classifier and notifier already are.
const { linkUnmatchedReply } = unmatchedReplyActionsFrom(ports, config);

export const handler = withLambdaContext(
  runtime.logger,
  makeReplyHandler({ processInboundMail, linkUnmatchedReply, logger: runtime.logger, metrics: runtime.metrics }),
);
