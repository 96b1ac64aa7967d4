import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { S3 as S3Action } from 'aws-cdk-lib/aws-ses-actions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export const INBOUND_PREFIX = 'inbound/';

/**
 * A name computed from the stage, account and region, not from the bucket resource: the queue policy must
 * name the bucket before it exists (S3 checks the destination when the notification is created), and the
 * reply function's grant names it without a cross-stack export.
 */
export function inboundBucketNameFor(stage: string): string {
  return `closeloop-${stage}-inbound-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

export interface InboundMailProps {
  readonly stage: string;
  /** The domain whose MX record points at SES inbound; replies to `reply+<token>@` it arrive here. */
  readonly inboundDomain: string;
  /** Raw messages are personal data: they expire with the rest of the candidate's data. */
  readonly retentionDays: number;
  readonly retain: boolean;
}

/**
 * Where replies land: an SES receipt rule set whose rule stores every message for the inbound domain, raw,
 * in an encrypted, private, TLS-only bucket that forgets it after the retention period. Each stored object
 * notifies the reply queue (S3 → SQS: durable, retried, with a dead-letter queue), which the reply function
 * consumes in the stateless stack.
 *
 * An account has ONE active receipt rule set per region, and CloudFormation cannot activate one: after the
 * first deploy run `aws ses set-active-receipt-rule-set --rule-set-name <ruleSetName>` (or add this rule
 * to the set already active). See docs/replies.md.
 */
export class InboundMail extends Construct {
  readonly bucket: Bucket;
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly ruleSet: ReceiptRuleSet;
  readonly ruleSetName: string;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const bucketName = inboundBucketNameFor(props.stage);
    const bucketArn = stack.formatArn({ service: 's3', region: '', account: '', resource: bucketName });

    this.deadLetters = new Queue(this, 'ReplyDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'ReplyQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the reply function's timeout.
      visibilityTimeout: Duration.seconds(360),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
    });
    this.queue.addToResourcePolicy(
      new PolicyStatement({
        actions: ['sqs:SendMessage'],
        principals: [new ServicePrincipal('s3.amazonaws.com')],
        resources: [this.queue.queueArn],
        conditions: {
          ArnEquals: { 'aws:SourceArn': bucketArn },
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        },
      }),
    );

    this.bucket = new Bucket(this, 'Bucket', {
      bucketName,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        { id: 'retention', expiration: Duration.days(props.retentionDays) },
        { id: 'abandoned-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const cfnBucket = this.bucket.node.defaultChild as CfnBucket;
    // Set on the resource itself rather than through addEventNotification, which deploys a helper Lambda.
    cfnBucket.notificationConfiguration = {
      queueConfigurations: [
        {
          event: 's3:ObjectCreated:*',
          queue: this.queue.queueArn,
          filter: { s3Key: { rules: [{ name: 'prefix', value: INBOUND_PREFIX }] } },
        },
      ],
    };
    const queuePolicy = this.queue.node.tryFindChild('Policy');
    if (queuePolicy !== undefined) this.bucket.node.addDependency(queuePolicy);
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Only SES writes (bucket policy) and only the reply function reads (its role, one prefix); object-level access is audited with CloudTrail. Access logs would keep a second copy of personal message keys beyond the retention.',
    });

    this.ruleSetName = `closeloop-${props.stage}`;
    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: this.ruleSetName });
    this.ruleSet.addRule('StoreReplies', {
      recipients: [props.inboundDomain],
      scanEnabled: true,
      // Optional, not Require: a reply from a server without TLS must not bounce (SES still prefers TLS).
      tlsPolicy: TlsPolicy.OPTIONAL,
      actions: [new S3Action({ bucket: this.bucket, objectKeyPrefix: INBOUND_PREFIX })],
    });
  }
}
