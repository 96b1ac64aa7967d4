import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** What lands here and what to do about it: the alarm's description and the runbook's first line. */
  readonly holds: string;
}

/**
 * Where one asynchronous path puts what it could not deliver after its retries: encrypted, TLS only, kept 14 days
 * (SQS's longest). `OperationsMonitoring` finds every instance in the app and alarms on its first message, so a
 * new path's dead-letter queue cannot be left unwatched. A subclass of `Queue` (not a wrapper), so a queue that
 * became one kept its logical id.
 */
export class DeadLetterQueue extends Queue {
  readonly holds: string;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.holds = props.holds;
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue (its alarm fires on the first message); it needs none behind it.',
    });
  }
}
