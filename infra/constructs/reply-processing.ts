import { Aws, Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CloseloopFunction } from './closeloop-function.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import { INBOUND_PREFIX, inboundBucketNameFor } from './inbound-mail.ts';

export interface ReplyProcessingProps {
  readonly table: ITableV2;
  readonly indexNames: readonly string[];
  readonly stage: string;
  readonly queue: IQueue;
  readonly bus: IEventBus;
  readonly environment: Readonly<Record<string, string>>;
  readonly retention: RetentionDays;
  readonly classifier: 'local' | 'comprehend';
  /** Subscribed to the flags topic when set. */
  readonly notificationEmail?: string;
}

/**
 * The reply function and the topic recruiters hear flags on. The function reads only the inbound prefix of
 * the bucket, consumes the reply queue with partial batch failures, writes the table, publishes events and
 * flag notifications; with `classifier: comprehend` it may also call Comprehend's two detect actions.
 */
export class ReplyProcessing extends Construct {
  readonly function: CloseloopFunction;
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: ReplyProcessingProps) {
    super(scope, id);

    this.topic = new Topic(this, 'FlagsTopic', {
      displayName: 'Closeloop candidate flags',
      // The AWS-managed SNS key: encrypted at rest with nothing to manage; publishers in the account may use it.
      masterKey: Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
    if (props.notificationEmail !== undefined) {
      const deadLetters = new DeadLetterQueue(this, 'FlagEmailDeadLetters', {
        holds: 'Flag notifications SNS could not email to the recruiters (the flags themselves are in the table).',
      });
      this.topic.addSubscription(new EmailSubscription(props.notificationEmail, { deadLetterQueue: deadLetters }));
    }

    this.function = new CloseloopFunction(this, 'ReplyFunction', {
      handlerFile: 'reply.ts',
      retention: props.retention,
      // Parsing a 40 MB message and loading the classifier's weights want memory more than time.
      memorySize: 1024,
      timeout: Duration.seconds(60),
      environment: {
        ...props.environment,
        CLOSELOOP_INBOUND_BUCKET: inboundBucketNameFor(props.stage),
        CLOSELOOP_INBOUND_PREFIX: INBOUND_PREFIX,
        CLOSELOOP_FLAGS_TOPIC_ARN: this.topic.topicArn,
        CLOSELOOP_CLASSIFIER: props.classifier,
      },
    }).bindTable(props.table, props.indexNames);
    this.function.addToRolePolicy(
      new PolicyStatement({
        // Delete: a reply whose candidate is erased meanwhile removes its own raw message.
        actions: ['s3:GetObject', 's3:DeleteObject'],
        resources: [`arn:${Aws.PARTITION}:s3:::${inboundBucketNameFor(props.stage)}/${INBOUND_PREFIX}*`],
      }),
    );
    props.bus.grantPutEventsTo(this.function);
    this.topic.grantPublish(this.function);
    if (props.classifier === 'comprehend') {
      this.function.addToRolePolicy(
        new PolicyStatement({
          actions: ['comprehend:DetectSentiment', 'comprehend:DetectToxicContent'],
          resources: ['*'],
        }),
      );
    }
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::closeloop-${props.stage}-inbound-<AWS::AccountId>-<AWS::Region>/${INBOUND_PREFIX}*]`,
      reason: 'Objects under the inbound/ prefix only: each reply is a new object named by SES.',
    });
    this.function.addEventSource(
      new SqsEventSource(props.queue, { batchSize: 5, reportBatchItemFailures: true, maxConcurrency: 5 }),
    );
  }
}
