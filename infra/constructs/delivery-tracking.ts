import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SES_DETAIL_TYPES } from '#adapters/ses/ses-event.ts';
import type { CloseloopFunction } from './closeloop-function.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';

export interface DeliveryTrackingProps {
  /** The `track.ts` function, built by the stack like the others. */
  readonly trackFunction: CloseloopFunction;
  readonly configurationSetName: string;
  readonly trackOpensAndClicks: boolean;
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
 * dead-letter queue (whose first message raises an alarm: `OperationsMonitoring`).
 */
export class DeliveryTracking extends Construct {
  readonly deadLetters: Queue;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: DeliveryTrackingProps) {
    super(scope, id);
    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', {
      holds:
        'SES events the track function could not record (failed invocations, and deliveries EventBridge gave up on): inspect and redrive them.',
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
  }
}
