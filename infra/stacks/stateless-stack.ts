import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { UserPool, UserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { INDEXES } from '#adapters/dynamodb/table-definition.ts';
import { definedFields } from '#core/domain/optional.ts';
import { addressOf } from '#core/domain/relay-addresses.ts';
import { isProductionStage, type StageConfig } from '../config.ts';
import { CloseloopFunction } from '../constructs/closeloop-function.ts';
import { DashboardHosting } from '../constructs/dashboard-hosting.ts';
import { DeadLetterQueue } from '../constructs/dead-letter-queue.ts';
import { DeliveryTracking } from '../constructs/delivery-tracking.ts';
import { INBOUND_PREFIX, type InboundMail, inboundBucketNameFor } from '../constructs/inbound-mail.ts';
import { IntakeAlarms } from '../constructs/intake-alarms.ts';
import { monitoredName, OperationsMonitoring } from '../constructs/operations-monitoring.ts';
import { RecruiterApi } from '../constructs/recruiter-api.ts';
import { ReplyProcessing } from '../constructs/reply-processing.ts';
import { ReputationAlarms } from '../constructs/reputation-alarms.ts';
import { sendThroughput } from '../constructs/send-rate.ts';
import type { WebhookSecrets } from '../constructs/webhook-secrets.ts';
import { functionEnvironment, relayFromAddress } from '../function-environment.ts';
import { configurationSetNameFor } from './stateful-stack.ts';

/**
 * Only the API reads the stats index and the notice listing's (`byStatus`, `byOwner`); the other functions write
 * items and DynamoDB maintains those indexes.
 */
const API_ONLY_INDEXES: readonly string[] = ['byPeriod', 'byStatus', 'byOwner'];
const workerIndexes = Object.keys(INDEXES).filter((name) => !API_ONLY_INDEXES.includes(name));

export interface StatelessStackProps extends StackProps {
  readonly config: StageConfig;
  readonly table: TableV2;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly userPoolDomain: UserPoolDomain;
  readonly webhookSecrets: WebhookSecrets;
  readonly inbound: InboundMail;
}

/** Functions, queues, schedules and the HTTP API: everything that can be redeployed without touching data. */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly sendQueue: Queue;
  readonly functions: CloseloopFunction[] = [];
  readonly replies: ReplyProcessing;
  readonly dashboard: DashboardHosting;
  private readonly config: StageConfig;
  private readonly retention: RetentionDays;
  private readonly appEnvironment: Record<string, string>;
  private readonly table: TableV2;

  /**
   * 1. The decisions bus and the send queue the functions' environment names.
   * 2. The functions, each with only the grants its work needs: HTTP API, sweep, send, replies, track.
   * 3. The dashboard and the API in front of the HTTP function.
   * 4. Monitoring, last, so it finds every function and dead-letter queue; then the outputs.
   */
  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.config = config;
    this.table = props.table;
    this.retention = isProductionStage(config.stage) ? RetentionDays.SIX_MONTHS : RetentionDays.ONE_MONTH;

    const bus = new EventBus(this, 'DecisionsBus', { eventBusName: `closeloop-${config.stage}-decisions` });
    const throughput = sendThroughput(config.sesMaxSendRate);
    const deadLetters = new DeadLetterQueue(this, 'SendDeadLetters', {
      holds:
        'Notice ids the send function failed on 5 times (an unexpected error, not an SES refusal, which defers or fails the notice).',
    });
    this.sendQueue = new Queue(this, 'SendQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the send function's timeout, as AWS recommends for Lambda consumers.
      visibilityTimeout: throughput.visibilityTimeout,
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
    });
    this.appEnvironment = functionEnvironment(config, {
      sendQueueUrl: this.sendQueue.queueUrl,
      eventBusName: bus.eventBusName,
      sweepLimit: throughput.sweepLimit,
    });

    const httpFunction = this.httpApiFunction(bus, props.inbound.queue, props.userPool);
    this.sweepEveryMinute();
    this.sendWorkers(throughput);
    this.replies = this.replyProcessing(props, bus);
    const alerts = this.deliveryTracking(bus);

    // The dashboard (S3 + CloudFront, Cognito hosted sign-in): the one browser origin the API answers.
    this.dashboard = new DashboardHosting(this, 'Dashboard', {
      stage: config.stage,
      userPool: props.userPool,
      userPoolDomain: props.userPoolDomain,
      retention: this.retention,
      retain: isProductionStage(config.stage),
      ...definedFields({ customDomain: config.dashboardDomain }),
    });
    this.api = new RecruiterApi(this, 'HttpApi', {
      fn: httpFunction,
      userPool: props.userPool,
      userPoolClient: props.userPoolClient,
      dashboard: this.dashboard,
      webhookSecrets: props.webhookSecrets,
      webhooks: config.webhooks,
      retention: this.retention,
    });
    this.dashboard.publish(this.api.apiEndpoint);
    // Relays link to the candidate's page in the dashboard.
    for (const f of this.functions) f.addEnvironment('CLOSELOOP_DASHBOARD_URL', this.dashboard.url);

    // Silent loss at the front door: refused webhooks, and no decision for too long.
    const intake = new IntakeAlarms(this, 'Intake', {
      prefix: `closeloop-${config.stage}`,
      topic: alerts.topic,
      decisionSilenceHours: config.decisionSilenceHours,
      decisionSilenceSources: config.decisionSilenceSources ?? [],
    });
    // Last, so it finds every dead-letter queue of the app.
    const operations = new OperationsMonitoring(this, 'Operations', {
      prefix: `closeloop-${config.stage}`,
      topic: alerts.topic,
      functions: this.functions.map((f) => ({ name: monitoredName(f), fn: f })),
      sendQueue: this.sendQueue,
      replyQueue: props.inbound.queue,
      api: this.api,
      otherAlarms: [...alerts.alarms, ...intake.alarms],
      configurationSetName: configurationSetNameFor(config.stage),
    });
    operations.dashboard.addWidgets(...intake.widgets());
    this.outputs(props);
  }

  /** Replies from the inbound queue: the reply function, which also relays conversation turns. */
  private replyProcessing(props: StatelessStackProps, bus: EventBus): ReplyProcessing {
    const replies = new ReplyProcessing(this, 'Replies', {
      table: props.table,
      indexNames: workerIndexes,
      stage: this.config.stage,
      queue: props.inbound.queue,
      bus,
      environment: this.appEnvironment,
      retention: this.retention,
      classifier: this.config.classifier,
      ...(this.config.flagNotificationEmail === undefined
        ? {}
        : { notificationEmail: this.config.flagNotificationEmail }),
    });
    this.functions.push(replies.function);
    // Conversation turns become relays, enqueued for the send function (send only, on this one queue).
    this.sendQueue.grantSendMessages(replies.function);
    return replies;
  }

  /** SES events from the default bus to the track function, and the alarms that guard the sender's reputation. */
  private deliveryTracking(bus: EventBus): ReputationAlarms {
    const alerts = new ReputationAlarms(this, 'ReputationAlarms', {
      configurationSetName: configurationSetNameFor(this.config.stage),
      prefix: `closeloop-${this.config.stage}`,
      eventBus: bus,
      ...definedFields({ alarmEmail: this.config.alarmEmail }),
    });
    const trackFunction = this.fn('TrackFunction', 'track.ts');
    bus.grantPutEventsTo(trackFunction);
    new DeliveryTracking(this, 'DeliveryTracking', {
      trackFunction,
      configurationSetName: configurationSetNameFor(this.config.stage),
      trackOpensAndClicks: this.config.trackOpensAndClicks,
    });

    return alerts;
  }

  /** A function with the app's defaults and environment, bound to the table and the indexes it reads. */
  private fn(
    name: string,
    handlerFile: string,
    extra: Partial<ConstructorParameters<typeof CloseloopFunction>[2]> = {},
    indexes: readonly string[] = workerIndexes,
  ): CloseloopFunction {
    const created = new CloseloopFunction(this, name, {
      handlerFile,
      retention: this.retention,
      environment: this.appEnvironment,
      ...extra,
    }).bindTable(this.table, indexes);
    this.functions.push(created);
    return created;
  }

  /**
   * The function behind the HTTP API: every index, the bus, the inbound messages, the send queue, sending to the
   * reply queue (a recruiter's link of an unmatched reply is done by the reply function: docs/architecture.md), and
   * reading a recruiter's address from the user pool.
   */
  private httpApiFunction(bus: EventBus, replyQueue: IQueue, userPool: UserPool): CloseloopFunction {
    const { stage } = this.config;
    const httpFunction = this.fn('HttpApiFunction', 'http-api.ts', {}, Object.keys(INDEXES));
    bus.grantPutEventsTo(httpFunction);
    // Erasure deletes a candidate's raw messages: delete only, and only under the inbound prefix.
    const inboundObjects = `arn:${this.partition}:s3:::${inboundBucketNameFor(stage)}/${INBOUND_PREFIX}*`;
    httpFunction.addEnvironment('CLOSELOOP_INBOUND_BUCKET', inboundBucketNameFor(stage));
    httpFunction.addEnvironment('CLOSELOOP_INBOUND_PREFIX', INBOUND_PREFIX);
    // Attachments are read from the raw message (`GET /replies/{id}/attachments/{index}`); erasure deletes it.
    httpFunction.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject', 's3:DeleteObject'], resources: [inboundObjects] }),
    );
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::closeloop-${stage}-inbound-<AWS::AccountId>-<AWS::Region>/${INBOUND_PREFIX}*]`,
      reason:
        "Inbound messages under inbound/ only, each named by SES: the reply function reads them, the API function reads a reply's attachments and deletes a candidate's messages on erasure.",
    });
    // A follow-up from the dashboard is a relay, handed to the send queue (SendMessage only).
    this.sendQueue.grantSendMessages(httpFunction);
    // Linking an unmatched reply: the request goes to the reply function, which holds the parser, the classifier
    // (Comprehend) and the flags topic; the API gets SendMessage on its queue, none of those.
    httpFunction.addEnvironment('CLOSELOOP_REPLY_QUEUE_URL', replyQueue.queueUrl);
    replyQueue.grantSendMessages(httpFunction);
    // An access token names a generated user name, not the address (email is a sign-in alias): `GET /me` and
    // `recruiter=me` read the caller's address from the pool, with this one read-only action on this one pool.
    httpFunction.addEnvironment('CLOSELOOP_USER_POOL_ID', userPool.userPoolId);
    userPool.grant(httpFunction, 'cognito-idp:AdminGetUser');
    return httpFunction;
  }

  /** The sweep, invoked by EventBridge Scheduler every minute, enqueueing due notices and resends. */
  private sweepEveryMinute(): void {
    const sweepFunction = this.fn('SweepFunction', 'sweep.ts', { timeout: Duration.seconds(50) });
    this.sendQueue.grantSendMessages(sweepFunction);
    // No retries: the next minute's sweep does the same work. A failure is kept for the operator, not dropped.
    const sweepDeadLetters = new DeadLetterQueue(this, 'SweepDeadLetters', {
      holds: 'Sweep runs that failed (the scheduler could not invoke the function, or the function failed).',
    });
    sweepFunction.configureAsyncInvoke({ retryAttempts: 0, onFailure: new SqsDestination(sweepDeadLetters) });
    new Schedule(this, 'SweepEveryMinute', {
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      target: new LambdaInvoke(sweepFunction, { retryAttempts: 0, deadLetterQueue: sweepDeadLetters }),
      description: 'Enqueue due notices and resends',
    });
    const sweepLogicalId = this.resolve(this.getLogicalId(sweepFunction.node.defaultChild as CfnFunction)) as string;
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${sweepLogicalId}.Arn>:*]`,
      reason: 'The scheduler role may invoke the sweep function and its versions (the :* suffix); nothing else.',
    });
  }

  /**
   * The send function on the send queue. The SES rate is kept by at most `maxConcurrency` workers, each pacing
   * itself to an equal share of it (infra/constructs/send-rate.ts explains the numbers).
   */
  private sendWorkers(throughput: ReturnType<typeof sendThroughput>): void {
    const { config } = this;
    const sendFunction = this.fn('SendFunction', 'send.ts', { timeout: throughput.timeout });
    sendFunction.addEnvironment('CLOSELOOP_SEND_RATE_PER_WORKER', throughput.perWorkerRate.toFixed(4));
    sendFunction.addEventSource(
      new SqsEventSource(this.sendQueue, {
        batchSize: throughput.batchSize,
        reportBatchItemFailures: true,
        maxConcurrency: throughput.maxConcurrency,
      }),
    );
    sendFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        // Only From the two addresses we send from: the sender (notices, follow-ups to candidates) and the relay
        // address (candidates' turns to recruiters, thread-paused notices). Any other From on the verified domain is
        // refused.
        conditions: {
          // `ses:FromAddress` is the address without the display name, compared case-sensitively: kept as configured.
          StringEquals: { 'ses:FromAddress': [addressOf(config.senderAddress), relayFromAddress(config)] },
        },
        resources: [
          this.formatArn({ service: 'ses', resource: 'identity', resourceName: config.senderDomain }),
          this.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: configurationSetNameFor(config.stage),
          }),
        ],
      }),
    );
  }

  private outputs(props: StatelessStackProps): void {
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'Base URL of the API' });
    new CfnOutput(this, 'DashboardUrl', { value: this.dashboard.url, description: 'The recruiter dashboard' });
    new CfnOutput(this, 'UserPoolId', { value: props.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: props.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'FlagsTopicArn', {
      value: this.replies.topic.topicArn,
      description: 'Subscribe recruiters (email, chat) to hear about flags',
    });
  }
}
