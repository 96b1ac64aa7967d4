import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { INTAKE_METRICS } from '#adapters/metrics/powertools-intake-meter.ts';
import { loadConfig } from '#config/app-config.ts';
import { sendThroughput } from '#infra/constructs/send-rate.ts';
import { closeloopFunctions, policyStatements, synthStage } from './support/synth.ts';

type Resource = { Properties?: Record<string, unknown> };
const byLogicalId = (resources: Record<string, Resource>, prefix: string) =>
  Object.entries(resources).find(([id]) => id.startsWith(prefix))?.[1];
const variablesOf = (fn: Resource | undefined) =>
  ((fn?.Properties?.Environment ?? { Variables: {} }) as { Variables: Record<string, unknown> }).Variables;

describe.each(['dev', 'prod'] as const)('delivery in the %s stage', (stage) => {
  const synth = synthStage(stage);
  const functions = closeloopFunctions(synth.stateless) as Record<string, Resource>;

  it('publishes the configuration set’s sending events to the default EventBridge bus, without opens and clicks', () => {
    synth.stateful.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        EventBridgeDestination: { EventBusArn: Match.anyValue() },
        MatchingEventTypes: ['send', 'delivery', 'bounce', 'complaint', 'reject', 'deliveryDelay', 'renderingFailure'],
      },
    });
    const [destination] = Object.values(synth.stateful.findResources('AWS::SES::ConfigurationSetEventDestination'));
    expect(JSON.stringify(destination)).toContain(':event-bus/default');
  });

  it('routes this configuration set’s SES events from the default bus to the track function, with a dead-letter queue', () => {
    const rules = Object.values(synth.stateless.findResources('AWS::Events::Rule')) as Resource[];
    const rule = rules.find((r) => JSON.stringify(r.Properties?.EventPattern).includes('aws.ses'));
    expect(rule?.Properties?.EventBusName).toBeUndefined();
    expect(rule?.Properties?.EventPattern).toEqual({
      source: ['aws.ses'],
      'detail-type': [
        'Email Sent',
        'Email Delivered',
        'Email Bounced',
        'Email Complaint Received',
        'Email Rejected',
        'Email Delivery Delayed',
        'Email Rendering Failed',
      ],
      detail: { mail: { tags: { 'ses:configuration-set': [`closeloop-${stage}`] } } },
    });
    const [target] = (rule?.Properties?.Targets ?? []) as { Arn: unknown }[];
    expect(JSON.stringify(target?.Arn)).toContain('TrackFunction');
    expect(target).toMatchObject({
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^DeliveryTrackingDeadLetters/), 'Arn'] } },
      RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
    });
    synth.stateless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('alarms on SES bounce (2%) and complaint (0.05%) rates for the account and the configuration set', () => {
    const alarms = Object.values(synth.stateless.findResources('AWS::CloudWatch::Alarm')) as Resource[];
    const reputation = alarms
      .map((a) => a.Properties ?? {})
      .filter((p) => p.Namespace === 'AWS/SES')
      .map((p) => ({ metric: p.MetricName, threshold: p.Threshold, dimensions: p.Dimensions ?? [] }));
    expect(reputation).toEqual(
      expect.arrayContaining([
        { metric: 'Reputation.BounceRate', threshold: 0.02, dimensions: [] },
        { metric: 'Reputation.ComplaintRate', threshold: 0.0005, dimensions: [] },
        {
          metric: 'Reputation.BounceRate',
          threshold: 0.02,
          dimensions: [{ Name: 'ses:configuration-set', Value: `closeloop-${stage}` }],
        },
        {
          metric: 'Reputation.ComplaintRate',
          threshold: 0.0005,
          dimensions: [{ Name: 'ses:configuration-set', Value: `closeloop-${stage}` }],
        },
      ]),
    );
    // Every alarm fires on a value at or over its threshold, except the silence alarms, which fire on missing data.
    for (const alarm of alarms.filter((a) => a.Properties?.MetricName !== INTAKE_METRICS.received)) {
      expect(alarm.Properties).toMatchObject({
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: expect.stringMatching(/^ReputationAlarmsTopic/) }],
      });
    }
  });

  it('sends alarms and a sending-paused notice to an encrypted topic, and emails it when the stage names an address', () => {
    synth.stateless.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    synth.stateless.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['closeloop'], 'detail-type': ['SendingPaused'] },
    });
    const subscriptions = Object.values(synth.stateless.findResources('AWS::SNS::Subscription')) as Resource[];
    expect(subscriptions.map((s) => s.Properties?.Endpoint)).toEqual(
      synth.config.alarmEmail === undefined ? [] : [synth.config.alarmEmail],
    );
  });

  it('derives the send function’s concurrency, batch size and per-worker pace from the SES maximum send rate', () => {
    const expected = sendThroughput(synth.config.sesMaxSendRate);
    synth.stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: expected.batchSize,
      ScalingConfig: { MaximumConcurrency: expected.maxConcurrency },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const send = byLogicalId(functions, 'SendFunction');
    expect(send?.Properties?.ReservedConcurrentExecutions).toBeUndefined();
    expect(send?.Properties?.Timeout).toBe(60);
    const env = variablesOf(send);
    expect(Number(env.CLOSELOOP_SEND_RATE_PER_WORKER) * expected.maxConcurrency).toBeLessThanOrEqual(
      synth.config.sesMaxSendRate,
    );
    synth.stateless.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 360 });
  });

  it('gives every function a configuration its cold start accepts (send policy, holidays, reputation ceiling)', () => {
    for (const [id, fn] of Object.entries(functions)) {
      const variables = variablesOf(fn);
      // Resource references resolve at deploy time; stand in a plausible value for each (an https URL for URLs).
      const stand = (k: string) =>
        k.endsWith('_URL')
          ? `https://resolved-${k.toLowerCase().replaceAll('_', '-')}.example/`
          : `resolved-${k.toLowerCase()}`;
      const env = Object.fromEntries(
        Object.entries(variables).map(([k, v]) => [k, typeof v === 'string' ? v : stand(k)]),
      );
      const config = loadConfig(env, 'aws');
      expect(config.sendPolicy.defaultTimeZone, id).toBe(synth.config.timeZone);
      expect(config.sendPolicy.delayRules, id).toEqual(synth.config.sendDelays);
      expect(config.trackOpensAndClicks, id).toBe(false);
    }
  });

  it('lets the track function publish events and never send email', () => {
    const track = policyStatements(synth.stateless).filter(({ policy }) => policy.startsWith('TrackFunctionRole'));
    const actions = track.flatMap(({ statement }) => [statement.Action].flat());
    expect(actions).toContain('events:PutEvents');
    expect(actions.filter((a) => a.startsWith('ses:'))).toEqual([]);
  });

  it('puts resend, cancel, the owner change and the sending switch behind the Cognito authorizer', () => {
    const routes = Object.values(synth.stateless.findResources('AWS::ApiGatewayV2::Route')).map((r) => [
      r.Properties?.RouteKey,
      r.Properties?.AuthorizationType,
    ]);
    expect(routes).toEqual(
      expect.arrayContaining([
        ['POST /notices/{id}/resend', 'JWT'],
        ['POST /notices/{id}/cancel', 'JWT'],
        ['PUT /notices/{id}/owner', 'JWT'],
        ['GET /admin/sending', 'JWT'],
        ['POST /admin/sending/pause', 'JWT'],
        ['POST /admin/sending/resume', 'JWT'],
      ]),
    );
  });
});

describe('opens and clicks, when a stage switches them on', () => {
  it('are published by SES and routed to the track function', () => {
    const synth = synthStage('dev', { trackOpensAndClicks: 'true' });

    synth.stateful.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: Match.arrayWith(['open', 'click']) }),
    });
    synth.stateless.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ 'detail-type': Match.arrayWith(['Email Opened', 'Email Clicked']) }),
    });
    expect(synth.nagViolations()).toEqual([]);
  });
});

describe('the send rate arithmetic', () => {
  it.each([1, 14, 50, 200, 1000])(
    'keeps all workers together under %s emails/s, each batch well inside the timeout',
    (rate) => {
      const t = sendThroughput(rate);

      expect(t.perWorkerRate * t.maxConcurrency).toBeLessThanOrEqual(rate);
      expect(t.perWorkerRate * t.maxConcurrency).toBeGreaterThanOrEqual(rate * 0.85);
      expect(t.maxConcurrency).toBeGreaterThanOrEqual(2);
      expect(t.batchSize / t.perWorkerRate).toBeLessThanOrEqual(t.timeout.toSeconds() / 2);
      expect(t.sweepLimit).toBeGreaterThanOrEqual(Math.ceil(t.targetRate * 60));
    },
  );

  it('refuses a rate that is not positive', () => {
    expect(() => sendThroughput(0)).toThrow(/positive/);
  });
});
