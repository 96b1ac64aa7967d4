import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { EventField, type IEventBus, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { definedFields } from '#core/domain/optional.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import { RUNBOOK } from './operations-monitoring.ts';

/** Alarm well below the rates at which AWS reviews an account (5% bounces, 0.1% complaints). */
export const BOUNCE_RATE_ALARM = 0.02;
export const COMPLAINT_RATE_ALARM = 0.0005;

export interface ReputationAlarmsProps {
  readonly configurationSetName: string;
  /** `closeloop-<stage>`: the alarms' names start with it. */
  readonly prefix: string;
  /** Where `SendingPaused` events are published (the decisions bus). */
  readonly eventBus: IEventBus;
  readonly alarmEmail?: string;
}

/**
 * Tells operators when the sender's reputation is at risk: CloudWatch alarms on SES's reputation metrics (the
 * account's, and this configuration set's), and a notification when Closeloop's reputation guard pauses sending.
 * Both go to one encrypted SNS topic, with an email subscription when the stage names an address.
 */
export class ReputationAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly deadLetters: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: ReputationAlarmsProps) {
    super(scope, id);
    const key = alertKey(this);
    this.topic = new Topic(this, 'Topic', { masterKey: key, enforceSSL: true, displayName: 'Closeloop alerts' });
    // An alert that cannot be delivered (the rule cannot publish, the mail server refuses) is kept, not lost.
    this.deadLetters = new DeadLetterQueue(this, 'AlertDeadLetters', {
      holds:
        'Operator alerts that could not be delivered: SendingPaused events EventBridge could not publish to the alert topic, or alert emails SNS could not deliver.',
    });
    if (props.alarmEmail !== undefined) {
      this.topic.addSubscription(new EmailSubscription(props.alarmEmail, { deadLetterQueue: this.deadLetters }));
    }

    this.addRateAlarms(props);

    new Rule(this, 'SendingPaused', {
      description: 'Tell operators when sending pauses (the reputation guard, or an admin)',
      eventBus: props.eventBus,
      eventPattern: { source: ['closeloop'], detailType: ['SendingPaused'] },
      targets: [
        new SnsTopic(this.topic, {
          deadLetterQueue: this.deadLetters,
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
          message: RuleTargetInput.fromText(
            `Closeloop paused all sending (${EventField.fromPath('$.detail.detail.by')}): ${EventField.fromPath('$.detail.detail.reason')}. Notices stay scheduled. Resume with POST /admin/sending/resume once the cause is fixed.`,
          ),
        }),
      ],
    });
  }

  /** Bounce and complaint rate alarms, for the account and for the configuration set, to the alert topic. */
  private addRateAlarms(props: ReputationAlarmsProps): void {
    const scopes = [
      { name: 'Account', dimensionsMap: undefined },
      { name: 'ConfigurationSet', dimensionsMap: { 'ses:configuration-set': props.configurationSetName } },
    ];
    const rates = [
      { metric: 'Reputation.BounceRate', label: 'bounce', threshold: BOUNCE_RATE_ALARM, review: '5%' },
      { metric: 'Reputation.ComplaintRate', label: 'complaint', threshold: COMPLAINT_RATE_ALARM, review: '0.1%' },
    ];
    for (const where of scopes) {
      for (const rate of rates) {
        const alarm = new Alarm(this, `${where.name}${rate.label === 'bounce' ? 'Bounce' : 'Complaint'}Rate`, {
          alarmName: `${props.prefix}-ses-${rate.label}-rate-${where.name === 'Account' ? 'account' : 'configuration-set'}`,
          alarmDescription: `SES ${rate.label} rate (${where.name === 'Account' ? 'account' : props.configurationSetName}) reached ${rate.threshold * 100}%; AWS reviews accounts at ${rate.review}. Find the source (a stale list, a bad import) before sending more. Runbook: ${RUNBOOK}#ses-${rate.label}-rate`,
          metric: new Metric({
            namespace: 'AWS/SES',
            metricName: rate.metric,
            ...definedFields({ dimensionsMap: where.dimensionsMap }),
            statistic: 'Maximum',
            period: Duration.minutes(15),
          }),
          threshold: rate.threshold,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        });
        alarm.addAlarmAction(new SnsAction(this.topic));
        alarm.addOkAction(new SnsAction(this.topic));
        this.alarms.push(alarm);
      }
    }
  }
}

/** The topic's key. A customer-managed key: CloudWatch and EventBridge cannot publish under the AWS-managed SNS key. */
function alertKey(scope: Construct): Key {
  const key = new Key(scope, 'TopicKey', {
    enableKeyRotation: true,
    // It encrypts alerts in flight, nothing kept: it goes with the stack (after KMS's shortest waiting period).
    removalPolicy: RemovalPolicy.DESTROY,
    pendingWindow: Duration.days(7),
    description: 'Encrypts Closeloop operator alerts (reputation alarms, sending paused)',
  });
  // CloudWatch's alarms act for this account only (confused deputy). EventBridge's KMS requests carry no
  // source keys (AWS documents aws:SourceAccount/SourceArn as unsupported there): a condition would drop
  // every SendingPaused alert silently, so its statement stays unconditioned.
  key.addToResourcePolicy(
    new PolicyStatement({
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
  );
  key.addToResourcePolicy(
    new PolicyStatement({
      principals: [new ServicePrincipal('events.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
    }),
  );
  return key;
}
