import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher } from '#adapters/eventbridge/eventbridge-publisher.ts';
import { controlIn, ledgerIn, noticesIn, relaysIn, suppressionsIn } from '#composition/dynamodb-ports.ts';
import { trackDeliveryFrom, trackRelayFrom } from '#composition/use-cases.ts';
import { awsRuntime, requiredEnv } from './aws-runtime.ts';
import { makeTrackHandler } from './make-track-handler.ts';
import { withLambdaContext } from './with-lambda-context.ts';

/** Lambda entry for SES events (an EventBridge rule on the default bus, source aws.ses): built once per cold start. */
const runtime = awsRuntime('track');
const { table, config } = runtime;
const ports = {
  ...runtime,
  notices: noticesIn(table),
  suppressions: suppressionsIn(table),
  control: controlIn(table),
  ledger: ledgerIn(table),
  events: new EventBridgePublisher(
    runtime.tracer.captureAWSv3Client(new EventBridgeClient({})),
    requiredEnv('CLOSELOOP_EVENT_BUS_NAME'),
  ),
  random: Math.random,
};
const track = makeTrackHandler({
  trackDelivery: trackDeliveryFrom(ports, config),
  trackRelay: trackRelayFrom({ ...ports, relays: relaysIn(table) }, config),
  log: runtime.logger,
  count: (result) => runtime.metrics.addMetric(`DeliveryEvents_${result}`, MetricUnit.Count, 1),
});

export const handler = withLambdaContext(runtime.logger, async (event: unknown) => {
  try {
    return await track(event);
  } finally {
    runtime.metrics.publishStoredMetrics();
  }
});
