import { Duration, Validations } from 'aws-cdk-lib';
import { ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SES_DETAIL_TYPES } from '#adapters/ses/ses-event.ts';
import type { CloseloopFunction } from './closeloop-function.ts';

export interface DeliveryTrackingProps {
  /** The `track.ts` function, built by the stack like the others. */
  readonly trackFunction: CloseloopFunction;
  readonly configurationSetName: string;
  readonly trackOpensAndClicks: boolean;
  readonly alarmTopic: ITopic;
}

/** EventBridge detail-types of the SES events the track function receives. */
export function trackedDetailTypes(trackOpensAndClicks: boolean): string[] {
  const { Open, Click, Subscription: _subscription, ...always } = SES_DETAIL_TYPES;
  return [...Object.values(always), ...(trackOpensAndClicks ? [Open, Click] : [])];
}

/**
 * Feeds SES sending events to the track function: a rule on the default bus (where SES publishes) for this
 * configuration set's events. Nothing is lost on the way: EventBridge retries delivery for a day, Lambda retries a
 * failed invocation twice, and what still fails (a malformed event, a table that stays unavailable) lands in a
 * dead-letter queue whose first message raises an alarm.
 */
export class DeliveryTracking extends Construct {
  readonly deadLetters: Queue;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: DeliveryTrackingProps) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter destination of the track function (failed invocations) and of its EventBridge rule (failed deliveries); it needs no queue behind it.',
    });

    props.trackFunction.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetters),
    });

    this.rule = new Rule(this, 'SesEvents', {
      description: `SES sending events of configuration set ${props.configurationSetName} to the track function`,
      eventPattern: {
        source: ['aws.ses'],
        detailType: trackedDetailTypes(props.trackOpensAndClicks),
        detail: { mail: { tags: { 'ses:configuration-set': [props.configurationSetName] } } },
      },
      targets: [
        new LambdaFunction(props.trackFunction, {
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
          deadLetterQueue: this.deadLetters,
        }),
      ],
    });

    this.deadLetters
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' })
      .createAlarm(this, 'DeadLettersAlarm', {
        alarmDescription:
          'SES events the track function could not record are waiting in its dead-letter queue: inspect and redrive them.',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      })
      .addAlarmAction(new SnsAction(props.alarmTopic));
  }
}
