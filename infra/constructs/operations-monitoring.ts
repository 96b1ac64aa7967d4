import { Aws, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.ts';

/** Where each alarm's runbook is: `docs/operations.md#<anchor>` (a test checks every anchor exists). */
export const RUNBOOK = 'docs/operations.md';

/**
 * A message older than this on the send queue means sending has stalled: the sweep leases a notice for 15 minutes
 * (`CLOSELOOP_QUEUE_LEASE_SECONDS`), so at 10 minutes there is still time to act before it is enqueued again.
 */
export const SEND_QUEUE_AGE_ALARM = Duration.minutes(10);
/** The reply queue: five receives of a 6-minute visibility timeout before the dead-letter queue; alarm halfway. */
export const REPLY_QUEUE_AGE_ALARM = Duration.minutes(15);
/** HTTP 5xx answers in 5 minutes before the API alarms (a Lever API outage answers 503 on purpose, once per try). */
export const API_5XX_ALARM = 5;

export interface MonitoredFunction {
  /** Short name used in alarm names and on the dashboard: `send`, `http-api` … */
  readonly name: string;
  readonly fn: IFunction;
}

export interface OperationsMonitoringProps {
  /** `closeloop-<stage>`: alarm names and the dashboard's name start with it. */
  readonly prefix: string;
  /** The operator alert topic (also the reputation alarms' and the sending-paused notice's). */
  readonly topic: ITopic;
  readonly functions: readonly MonitoredFunction[];
  readonly sendQueue: IQueue;
  readonly replyQueue: IQueue;
  readonly api: IHttpApi;
  /** Alarms made elsewhere (SES reputation) that belong on the dashboard's alarm panel. */
  readonly otherAlarms: readonly Alarm[];
  readonly configurationSetName: string;
}

const FIVE_MINUTES = Duration.minutes(5);

const kebab = (id: string) => id.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();

/** `HttpApiFunction` → `http-api`, `ReplyFunction` → `reply`: the name alarms and the dashboard use. */
export function monitoredName(fn: IFunction): string {
  return kebab(fn.node.id.replace(/Function$/, ''));
}

/** `SendDeadLetters` → `send`; a queue called just `DeadLetters` takes its parent's name (`delivery-tracking`). */
export function deadLetterQueueName(queue: DeadLetterQueue): string {
  const own = queue.node.id.replace(/DeadLetters$/, '');
  return kebab(own === '' ? (queue.node.scope?.node.id ?? 'unnamed') : own);
}

/**
 * Everything an operator watches, in one place: an alarm for each function's errors and throttles, the first
 * message in EVERY dead-letter queue of the app (found by type, so a new one cannot be forgotten), the age of
 * the oldest message on the send and reply queues, and HTTP 5xx answers; all to the alert topic, each naming
 * its runbook. And a CloudWatch dashboard with the alarms, the API, the notices' outcomes, the functions, the
 * queues and SES's own figures. SES bounce and complaint rate alarms live in `ReputationAlarms`.
 */
export class OperationsMonitoring extends Construct {
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  private readonly props: OperationsMonitoringProps;

  /**
   * 1. An alarm per function's errors and throttles, per dead-letter queue, per queue age and on API 5xx.
   * 2. The dashboard: overview (alarms, API, notices), then functions, queues and SES.
   */
  constructor(scope: Construct, id: string, props: OperationsMonitoringProps) {
    super(scope, id);
    this.props = props;
    for (const { name, fn } of props.functions) {
      this.alarm(`${name}Errors`, {
        name: `${name}-errors`,
        metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 1,
        description: `The ${name} function failed (an unhandled error or a timeout).`,
        runbook: 'function-errors',
      });
      this.alarm(`${name}Throttles`, {
        name: `${name}-throttles`,
        metric: fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 1,
        description: `Lambda throttled the ${name} function (the account's concurrency is exhausted).`,
        runbook: 'function-throttles',
      });
    }

    const deadLetterQueues = Stack.of(this)
      .node.root.node.findAll()
      .filter((c): c is DeadLetterQueue => c instanceof DeadLetterQueue);
    for (const queue of deadLetterQueues) {
      const name = deadLetterQueueName(queue);
      this.alarm(`${name}DeadLettersDepth`, {
        name: `${name}-dead-letters`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        threshold: 1,
        description: `A message is waiting in a dead-letter queue. ${queue.holds}`,
        runbook: 'dead-letter-queue-not-empty',
      });
    }

    this.alarm('SendQueueAge', {
      name: 'send-queue-age',
      metric: props.sendQueue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      threshold: SEND_QUEUE_AGE_ALARM.toSeconds(),
      description: `A notice has waited on the send queue for ${SEND_QUEUE_AGE_ALARM.toMinutes()} minutes: sending has stalled or fallen behind.`,
      runbook: 'send-queue-age',
    });
    this.alarm('ReplyQueueAge', {
      name: 'reply-queue-age',
      metric: props.replyQueue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      threshold: REPLY_QUEUE_AGE_ALARM.toSeconds(),
      description: `A stored reply has waited ${REPLY_QUEUE_AGE_ALARM.toMinutes()} minutes to be read: the reply function keeps failing on it.`,
      runbook: 'reply-queue-age',
    });
    this.alarm('Api5xx', {
      name: 'api-5xx',
      metric: props.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: API_5XX_ALARM,
      description: `The HTTP API answered ${API_5XX_ALARM} or more 5xx in 5 minutes (webhooks and the recruiter API).`,
      runbook: 'api-5xx',
    });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.prefix,
      defaultInterval: Duration.days(1),
    });
    this.addOverviewWidgets();
    this.addFunctionQueueAndSesWidgets(deadLetterQueues);

    new CfnOutput(Stack.of(this), 'OperationsDashboardUrl', {
      value: `https://${Aws.REGION}.console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards:name=${props.prefix}`,
      description: 'CloudWatch dashboard: alarms, API, notices, functions, queues, SES',
    });
  }

  /** An alarm to the alert topic (and back to OK), named after the stage and pointing at its runbook. */
  private alarm(
    alarmId: string,
    options: { name: string; metric: IMetric; threshold: number; description: string; runbook: string },
  ): Alarm {
    const { props } = this;
    const created = new Alarm(this, alarmId, {
      alarmName: `${props.prefix}-${options.name}`,
      alarmDescription: `${options.description} Runbook: ${RUNBOOK}#${options.runbook}`,
      metric: options.metric,
      threshold: options.threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    created.addAlarmAction(new SnsAction(props.topic));
    created.addOkAction(new SnsAction(props.topic));
    this.alarms.push(created);
    return created;
  }

  /** The header, every alarm's status, the HTTP API and the notices' outcomes. */
  private addOverviewWidgets(): void {
    const { props } = this;
    const closeloop = (service: string, label: string) =>
      new MathExpression({
        expression: `SEARCH('{Closeloop,service} service="${service}"', 'Sum', 300)`,
        label,
        period: FIVE_MINUTES,
      });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Closeloop (${props.prefix})\nEach alarm's runbook: \`${RUNBOOK}\`. Pause or resume sending: \`POST /admin/sending/pause|resume\`.`,
        width: 24,
        height: 2,
      }),
      new AlarmStatusWidget({
        title: 'Alarms',
        alarms: [...props.otherAlarms, ...this.alarms],
        width: 24,
        height: 6,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'HTTP API: requests, 4xx, 5xx',
        left: [
          props.api.metricCount({ period: FIVE_MINUTES, label: 'requests' }),
          props.api.metricClientError({ period: FIVE_MINUTES, label: '4xx' }),
          props.api.metricServerError({ period: FIVE_MINUTES, label: '5xx' }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'HTTP API latency (p50, p99)',
        left: [
          props.api.metricLatency({ period: FIVE_MINUTES, statistic: 'p50', label: 'p50' }),
          props.api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99', label: 'p99' }),
        ],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Notices sent, deferred, failed … (send)',
        left: [closeloop('send', 'send')],
        width: 8,
      }),
      new GraphWidget({ title: 'Delivery events recorded (track)', left: [closeloop('track', 'track')], width: 8 }),
      new GraphWidget({ title: 'Replies and flags (reply)', left: [closeloop('reply', 'reply')], width: 8 }),
    );
  }

  /** Errors, throttles and duration per function; the queues and dead-letter queues; SES's own figures. */
  private addFunctionQueueAndSesWidgets(deadLetterQueues: readonly DeadLetterQueue[]): void {
    const { props } = this;
    const functionMetric = (metric: (fn: IFunction) => Metric) =>
      props.functions.map(({ name, fn }) => metric(fn).with({ label: name, period: FIVE_MINUTES }));
    const ses = (metricName: string, statistic = 'Sum') =>
      new Metric({ namespace: 'AWS/SES', metricName, statistic, period: FIVE_MINUTES, label: metricName });

    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Function errors', left: functionMetric((fn) => fn.metricErrors()), width: 8 }),
      new GraphWidget({ title: 'Function throttles', left: functionMetric((fn) => fn.metricThrottles()), width: 8 }),
      new GraphWidget({
        title: 'Function duration (p99)',
        left: functionMetric((fn) => fn.metricDuration({ statistic: 'p99' })),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Send and reply queues: waiting',
        left: [
          props.sendQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, label: 'send' }),
          props.replyQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, label: 'reply' }),
        ],
        width: 8,
      }),
      new GraphWidget({
        title: 'Age of the oldest message (s)',
        left: [
          props.sendQueue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, label: 'send' }),
          props.replyQueue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, label: 'reply' }),
        ],
        width: 8,
      }),
      new GraphWidget({
        title: 'Dead-letter queues',
        left: deadLetterQueues.map((q) =>
          q.metricApproximateNumberOfMessagesVisible({
            period: FIVE_MINUTES,
            statistic: 'Maximum',
            label: deadLetterQueueName(q),
          }),
        ),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'SES (account): sends, deliveries, bounces, complaints',
        left: [ses('Send'), ses('Delivery'), ses('Bounce'), ses('Complaint')],
        width: 12,
      }),
      new GraphWidget({
        title: `SES reputation: account, and ${props.configurationSetName}`,
        left: [
          ses('Reputation.BounceRate', 'Maximum'),
          ses('Reputation.ComplaintRate', 'Maximum'),
          ...['Reputation.BounceRate', 'Reputation.ComplaintRate'].map((metricName) =>
            ses(metricName, 'Maximum').with({
              dimensionsMap: { 'ses:configuration-set': props.configurationSetName },
              label: `${metricName} (${props.configurationSetName})`,
            }),
          ),
        ],
        width: 12,
      }),
    );
  }
}
