import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { DynamoDbRelayRepository } from '#adapters/dynamodb/dynamodb-relay-repository.ts';
import { DynamoDbReputationLedger } from '#adapters/dynamodb/dynamodb-reputation-ledger.ts';
import { DynamoDbSendingControl } from '#adapters/dynamodb/dynamodb-sending-control.ts';
import { DynamoDbSuppressionRepository } from '#adapters/dynamodb/dynamodb-suppression-repository.ts';
import { EventBridgePublisher } from '#adapters/eventbridge/eventbridge-publisher.ts';
import { trackDeliveryFrom, trackRelayFrom } from '#composition/use-cases.ts';
import { awsRuntime, requiredEnv } from './aws-runtime.ts';
import { makeTrackHandler } from './make-track-handler.ts';

/** Lambda entry for SES events (an EventBridge rule on the default bus, source aws.ses): built once per cold start. */
const runtime = awsRuntime('track');
const { documents, config } = runtime;
const ports = {
  ...runtime,
  notices: new DynamoDbNoticeRepository(documents, config.tableName),
  suppressions: new DynamoDbSuppressionRepository(documents, config.tableName),
  control: new DynamoDbSendingControl(documents, config.tableName),
  ledger: new DynamoDbReputationLedger(documents, config.tableName),
  events: new EventBridgePublisher(
    runtime.tracer.captureAWSv3Client(new EventBridgeClient({})),
    requiredEnv('CLOSELOOP_EVENT_BUS_NAME'),
  ),
  random: Math.random,
};
const track = makeTrackHandler({
  trackDelivery: trackDeliveryFrom(ports, config),
  trackRelay: trackRelayFrom({ ...ports, relays: new DynamoDbRelayRepository(documents, config.tableName) }, config),
  log: runtime.logger,
  count: (result) => runtime.metrics.addMetric(`DeliveryEvents_${result}`, MetricUnit.Count, 1),
});

export const handler = async (event: unknown) => {
  try {
    return await track(event);
  } finally {
    runtime.metrics.publishStoredMetrics();
  }
};
