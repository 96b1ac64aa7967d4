import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { INDEXES } from '#adapters/dynamodb/table-definition.ts';
import { brandingEnvironment } from '../branding-environment.ts';
import type { StageConfig } from '../config.ts';
import { CloseloopFunction } from '../constructs/closeloop-function.ts';
import { DashboardHosting } from '../constructs/dashboard-hosting.ts';
import { DeadLetterQueue } from '../constructs/dead-letter-queue.ts';
import { DeliveryTracking } from '../constructs/delivery-tracking.ts';
import { INBOUND_PREFIX, type InboundMail, inboundBucketNameFor } from '../constructs/inbound-mail.ts';
import { monitoredName, OperationsMonitoring } from '../constructs/operations-monitoring.ts';
import { ReplyProcessing } from '../constructs/reply-processing.ts';
import { ReputationAlarms } from '../constructs/reputation-alarms.ts';
import { sendThroughput } from '../constructs/send-rate.ts';
import { WebhookEndpoints } from '../constructs/webhook-endpoints.ts';
import type { WebhookSecrets } from '../constructs/webhook-secrets.ts';
import { configurationSetNameFor } from './stateful-stack.ts';

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

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    const retention = config.stage === 'prod' ? RetentionDays.SIX_MONTHS : RetentionDays.ONE_MONTH;

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

    const relayFrom = config.relayFromAddress ?? `relay@${config.senderDomain}`;
    const environment = {
      CLOSELOOP_SENDER: config.senderAddress,
      CLOSELOOP_REPLY_DOMAIN: config.replyDomain ?? config.inboundDomain,
      CLOSELOOP_SES_CONFIGURATION_SET: configurationSetNameFor(config.stage),
      ...brandingEnvironment(config),
      CLOSELOOP_DEFAULT_RECRUITER_INBOX: config.defaultRecruiterInbox,
      CLOSELOOP_SEND_DELAY_MINUTES: String(config.sendDelayMinutes),
      CLOSELOOP_RETENTION_DAYS: String(config.retentionDays),
      CLOSELOOP_SEND_QUEUE_URL: this.sendQueue.queueUrl,
      CLOSELOOP_EVENT_BUS_NAME: bus.eventBusName,
      CLOSELOOP_DEFAULT_TIME_ZONE: config.timeZone,
      CLOSELOOP_HOLIDAYS: config.holidayCountry,
      CLOSELOOP_SEND_WINDOW: config.sendWindow,
      CLOSELOOP_SEND_DAYS: config.sendDays,
      CLOSELOOP_SEND_DELAYS: JSON.stringify(config.sendDelays),
      CLOSELOOP_SWEEP_LIMIT: String(throughput.sweepLimit),
      CLOSELOOP_TRACK_OPENS_AND_CLICKS: String(config.trackOpensAndClicks),
      CLOSELOOP_PAUSE_BOUNCE_RATE: String(config.pauseBounceRate),
      CLOSELOOP_PAUSE_COMPLAINT_RATE: String(config.pauseComplaintRate),
      CLOSELOOP_PAUSE_MIN_SENDS: String(config.pauseMinSends),
      CLOSELOOP_RELAY_FROM: relayFrom,
      CLOSELOOP_HOSTILE_RELAY: config.hostileRelay,
      CLOSELOOP_RELAY_HOURLY_CAP: String(config.relayHourlyCap),
    };
    // Only the API reads the stats index; the other functions write items and DynamoDB maintains the index.
    const workerIndexes = Object.keys(INDEXES).filter((name) => name !== 'byPeriod');
    const fn = (
      name: string,
      handlerFile: string,
      extra: Partial<ConstructorParameters<typeof CloseloopFunction>[2]> = {},
      indexes: readonly string[] = workerIndexes,
    ) => {
      const created = new CloseloopFunction(this, name, { handlerFile, retention, environment, ...extra }).bindTable(
        props.table,
        indexes,
      );
      this.functions.push(created);
      return created;
    };

    const httpFunction = fn('HttpApiFunction', 'http-api.ts', {}, Object.keys(INDEXES));
    bus.grantPutEventsTo(httpFunction);
    // Erasure deletes a candidate's raw messages: delete only, and only under the inbound prefix.
    const inboundObjects = `arn:${this.partition}:s3:::${inboundBucketNameFor(config.stage)}/${INBOUND_PREFIX}*`;
    httpFunction.addEnvironment('CLOSELOOP_INBOUND_BUCKET', inboundBucketNameFor(config.stage));
    httpFunction.addEnvironment('CLOSELOOP_INBOUND_PREFIX', INBOUND_PREFIX);
    // Attachments are read from the raw message (`GET /replies/{id}/attachments/{index}`); erasure deletes it.
    httpFunction.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject', 's3:DeleteObject'], resources: [inboundObjects] }),
    );
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::closeloop-${config.stage}-inbound-<AWS::AccountId>-<AWS::Region>/${INBOUND_PREFIX}*]`,
      reason:
        "Inbound messages under inbound/ only, each named by SES: the reply function reads them, the API function reads a reply's attachments and deletes a candidate's messages on erasure.",
    });

    // A follow-up from the dashboard is a relay, handed to the send queue (SendMessage only).
    this.sendQueue.grantSendMessages(httpFunction);

    const sweepFunction = fn('SweepFunction', 'sweep.ts', { timeout: Duration.seconds(50) });
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

    // The SES rate is kept by at most `maxConcurrency` workers, each pacing itself to an equal share of it
    // (infra/constructs/send-rate.ts explains the numbers).
    const sendFunction = fn('SendFunction', 'send.ts', { timeout: throughput.timeout });
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
          StringEquals: { 'ses:FromAddress': [addressOf(config.senderAddress), relayFrom] },
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

    this.replies = new ReplyProcessing(this, 'Replies', {
      table: props.table,
      indexNames: workerIndexes,
      stage: config.stage,
      queue: props.inbound.queue,
      bus,
      environment,
      retention,
      classifier: config.classifier,
      ...(config.flagNotificationEmail === undefined ? {} : { notificationEmail: config.flagNotificationEmail }),
    });
    this.functions.push(this.replies.function);
    // Conversation turns become relays, enqueued for the send function (send only, on this one queue).
    this.sendQueue.grantSendMessages(this.replies.function);
    // Delivery tracking: SES events from the default bus, and the alarms that guard the sender's reputation.
    const alerts = new ReputationAlarms(this, 'ReputationAlarms', {
      configurationSetName: configurationSetNameFor(config.stage),
      prefix: `closeloop-${config.stage}`,
      eventBus: bus,
      ...(config.alarmEmail === undefined ? {} : { alarmEmail: config.alarmEmail }),
    });
    const trackFunction = fn('TrackFunction', 'track.ts');
    bus.grantPutEventsTo(trackFunction);
    new DeliveryTracking(this, 'DeliveryTracking', {
      trackFunction,
      configurationSetName: configurationSetNameFor(config.stage),
      trackOpensAndClicks: config.trackOpensAndClicks,
    });

    // The dashboard (S3 + CloudFront, Cognito hosted sign-in): the one browser origin the API answers.
    this.dashboard = new DashboardHosting(this, 'Dashboard', {
      stage: config.stage,
      userPool: props.userPool,
      userPoolDomain: props.userPoolDomain,
      retention,
      retain: config.stage === 'prod',
      ...(config.dashboardDomain === undefined ? {} : { customDomain: config.dashboardDomain }),
    });
    const authorizer = new HttpUserPoolAuthorizer('Recruiters', props.userPool, {
      userPoolClients: [props.userPoolClient, this.dashboard.client],
    });
    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Closeloop webhooks and recruiter API',
      createDefaultStage: false,
      corsPreflight: {
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.DELETE],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        allowOrigins: [...this.dashboard.origins],
        maxAge: Duration.hours(1),
      },
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      // A runaway ATS retry loop or a scripted client is throttled before it reaches the functions.
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(this, 'ApiAccessLogs', { retention, removalPolicy: RemovalPolicy.DESTROY }),
        ),
      },
    });
    const integration = new HttpLambdaIntegration('HttpApiIntegration', httpFunction);
    const publicRoutes = [
      ...this.api.addRoutes({ path: '/health', methods: [HttpMethod.GET], integration }),
      ...this.api.addRoutes({ path: '/openapi.json', methods: [HttpMethod.GET], integration }),
    ];
    for (const route of publicRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'Liveness and the OpenAPI document are public by design and return no data.',
      });
    }
    this.api.addRoutes({ path: '/decisions', methods: [HttpMethod.POST], integration, authorizer });
    this.api.addRoutes({ path: '/notices/{id}', methods: [HttpMethod.GET], integration, authorizer });
    this.api.addRoutes({ path: '/notices/{id}/resend', methods: [HttpMethod.POST], integration, authorizer });
    this.api.addRoutes({ path: '/notices/{id}/cancel', methods: [HttpMethod.POST], integration, authorizer });
    this.api.addRoutes({ path: '/notices/{id}/owner', methods: [HttpMethod.PUT], integration, authorizer });
    this.api.addRoutes({ path: '/admin/sending', methods: [HttpMethod.GET], integration, authorizer });
    this.api.addRoutes({ path: '/admin/sending/pause', methods: [HttpMethod.POST], integration, authorizer });
    this.api.addRoutes({ path: '/admin/sending/resume', methods: [HttpMethod.POST], integration, authorizer });
    new WebhookEndpoints(this, 'Webhooks', {
      api: this.api,
      integration,
      fn: httpFunction,
      secrets: props.webhookSecrets,
      settings: config.webhooks,
    });
    this.api.addRoutes({ path: '/candidates/{id}/flags/{flag}', methods: [HttpMethod.GET], integration, authorizer });
    for (const action of ['confirm', 'dismiss']) {
      this.api.addRoutes({
        path: `/candidates/{id}/flags/{flag}/${action}`,
        methods: [HttpMethod.POST],
        integration,
        authorizer,
      });
    }
    this.api.addRoutes({ path: '/replies/unmatched', methods: [HttpMethod.GET], integration, authorizer });
    this.api.addRoutes({
      path: '/replies/{id}/attachments/{index}',
      methods: [HttpMethod.GET],
      integration,
      authorizer,
    });
    this.api.addRoutes({ path: '/notices/{id}/follow-ups', methods: [HttpMethod.POST], integration, authorizer });
    this.api.addRoutes({
      path: '/candidates/{id}/flags/feedback-requested/answered',
      methods: [HttpMethod.POST],
      integration,
      authorizer,
    });
    this.api.addRoutes({ path: '/me', methods: [HttpMethod.GET], integration, authorizer });
    this.api.addRoutes({ path: '/candidates', methods: [HttpMethod.GET], integration, authorizer });
    this.api.addRoutes({
      path: '/candidates/{id}',
      methods: [HttpMethod.GET, HttpMethod.DELETE],
      integration,
      authorizer,
    });
    this.api.addRoutes({ path: '/stats', methods: [HttpMethod.GET], integration, authorizer });
    this.api.addRoutes({
      path: '/suppressions',
      methods: [HttpMethod.GET, HttpMethod.POST],
      integration,
      authorizer,
    });
    this.api.addRoutes({ path: '/suppressions/{id}', methods: [HttpMethod.DELETE], integration, authorizer });
    this.dashboard.publish(this.api.apiEndpoint);
    // Relays link to the candidate's page in the dashboard.
    for (const f of this.functions) f.addEnvironment('CLOSELOOP_DASHBOARD_URL', this.dashboard.url);

    // Last, so it finds every dead-letter queue of the app.
    new OperationsMonitoring(this, 'Operations', {
      prefix: `closeloop-${config.stage}`,
      topic: alerts.topic,
      functions: this.functions.map((f) => ({ name: monitoredName(f), fn: f })),
      sendQueue: this.sendQueue,
      replyQueue: props.inbound.queue,
      api: this.api,
      otherAlarms: alerts.alarms,
      configurationSetName: configurationSetNameFor(config.stage),
    });

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

/**
 * The address of `Name <address>` (or the value itself): `ses:FromAddress` is the address without the display name,
 * compared case-sensitively, so it is kept as configured (the functions send it as configured too).
 */
function addressOf(mailbox: string): string {
  return (/<([^<>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox).trim();
}
