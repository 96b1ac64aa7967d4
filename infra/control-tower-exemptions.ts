/**
 * The AWS Control Tower proactive controls (cfn-guard rules shipped in `@cdklabs/cdk-validator-cfnguard`) that
 * Closeloop's templates do not meet, each with the reason it is accepted: the one reviewed list. The infra test
 * `test/infra/control-tower.test.ts` runs every control on both stacks of each stage and fails on a finding of a
 * rule not listed here, on a resource whose logical id does not start with one of the rule's `resources`, and on an
 * entry that no longer finds anything (so the list cannot go stale). Review a new entry like a code change.
 */
export interface Exemption {
  /** Logical id prefixes (without CDK's hash) of the resources the finding is accepted on. */
  readonly resources: readonly string[];
  readonly reason: string;
}

const FUNCTION_LOGS = [
  'HttpApiFunctionLogs',
  'SweepFunctionLogs',
  'SendFunctionLogs',
  'RepliesReplyFunctionLogs',
  'TrackFunctionLogs',
];
const BUCKETS = ['InboundMailBucket', 'DashboardAccessLogs', 'DashboardSite'];

export const CONTROL_TOWER_EXEMPTIONS: Readonly<Record<string, Exemption>> = {
  // [CT.S3.PR.10]
  s3_bucket_default_encryption_kms_check: {
    resources: BUCKETS,
    reason:
      'SSE-S3 (AES-256) encrypts every bucket. A customer-managed KMS key adds a key to pay for and a key policy SES, CloudFront and S3 logging must each be allowed into, without a reader to keep out: only Closeloop reads these buckets.',
  },
  // [CT.S3.PR.11]
  s3_bucket_versioning_enabled_check: {
    resources: BUCKETS,
    reason:
      'Raw inbound mail is personal data deleted on erasure and after retentionDays; versioning would keep every deleted message as a noncurrent version. The dashboard site is rebuilt from git on every deploy; access logs are append-only.',
  },
  // [CT.S3.PR.2]
  s3_bucket_logging_enabled_check: {
    resources: ['InboundMailBucket', 'DashboardAccessLogs'],
    reason:
      'The access-log bucket cannot log to itself. The inbound bucket is written by SES only and read by the functions, whose own logs and CloudTrail record each access; server access logs would copy message keys into a second place that erasure must find.',
  },
  // [CT.S3.PR.9]
  s3_bucket_object_lock_enabled_check: {
    resources: BUCKETS,
    reason:
      'Object Lock forbids deletion, and personal data must be erasable on request and deleted after retentionDays.',
  },
  // [CT.S3.PR.4]
  s3_event_notifications_enabled_check: {
    resources: ['DashboardAccessLogs', 'DashboardSite'],
    reason: 'Nothing reacts to these objects; the inbound bucket, whose objects are work, does notify the reply queue.',
  },
  // [CT.S3.PR.6]
  s3_lifecycle_policy_check: {
    resources: ['DashboardSite'],
    reason: 'The dashboard site holds the current build only (the deployment prunes old files); nothing in it ages.',
  },
  // [CT.SQS.PR.1]
  sqs_dlq_check: {
    resources: [
      'InboundMailReplyDeadLetters',
      'SendDeadLetters',
      'SweepDeadLetters',
      'ReputationAlarmsAlertDeadLetters',
      'DeliveryTrackingDeadLetters',
      'RepliesFlagEmailDeadLetters',
    ],
    reason:
      'These are the dead-letter queues: a dead-letter queue of a dead-letter queue moves the problem one queue along. Each has an alarm on its first message (operations.md).',
  },
  // [CT.APIGATEWAY.PR.5]
  api_gw_v2_authorization_type_configured_check: {
    resources: ['HttpApiGEThealth', 'HttpApiGETopenapijson', 'HttpApiPOSTwebhooks'],
    reason:
      'Public by design: liveness and the OpenAPI document return no data; an ATS cannot obtain a Cognito token, so each webhook is verified by its HMAC signature in the function (cdk-nag APIG4 is acknowledged on the same routes). Every recruiter route has the Cognito JWT authorizer.',
  },
  // [CT.LAMBDA.PR.2]
  lambda_function_public_access_prohibited_check: {
    resources: ['HttpApi'],
    reason:
      "API Gateway's permission to invoke the HTTP function, one per route, scoped to this API's ARN (aws:SourceArn); the rule cannot tell a service principal limited by source ARN from public access.",
  },
  // [CT.LAMBDA.PR.3]
  lambda_inside_vpc_check: {
    resources: [
      'HttpApiFunction',
      'SweepFunction',
      'SendFunction',
      'RepliesReplyFunction',
      'TrackFunction',
      'CustomCDKBucketDeployment',
    ],
    reason:
      'The functions reach only AWS APIs (DynamoDB, SES, SQS, S3, Secrets Manager, EventBridge, SNS, Comprehend) and Lever/Workable over HTTPS; a VPC would add NAT gateways or eight interface endpoints (about $60–250 a month) and cold-start latency, and protect no private resource.',
  },
  // [CT.CLOUDWATCH.PR.2]
  cloudwatch_log_group_retention_period_check: {
    resources: [...FUNCTION_LOGS, 'ApiAccessLogs', 'DashboardDeploymentLogs'],
    reason:
      'Data minimization: logs carry ids of candidates, not addresses, yet are kept one month in dev and six months elsewhere, as docs/operations.md states; a year would outlive the personal data they refer to (retentionDays).',
  },
  // [CT.CLOUDWATCH.PR.3]
  cloudwatch_log_group_encrypted_check: {
    resources: [...FUNCTION_LOGS, 'ApiAccessLogs', 'DashboardDeploymentLogs'],
    reason:
      'CloudWatch Logs encrypts every log group at rest with a service key; the logs hold no addresses or message text, so a customer-managed key would add cost and a key policy without a reader to keep out.',
  },
  // [CT.KMS.PR.3]
  kms_create_grant_aws_service_check: {
    // cfn-guard reports this key twice, once without its logical id (an empty location).
    resources: ['ReputationAlarmsTopicKey', '(no logical id'],
    reason:
      "The alert topic's key keeps CDK's default key policy: the account may administer it (which delegates to IAM, and includes kms:CreateGrant), and SNS, CloudWatch and EventBridge may use it. No identity policy in these stacks grants kms:CreateGrant. Adding a kms:GrantIsForAWSResource condition to the account statement is a possible follow-up, not yet reviewed.",
  },
  // [CT.CLOUDFRONT.PR.4]
  cloudfront_origin_failover_enabled_check: {
    resources: ['DashboardDistribution'],
    reason:
      'One S3 origin in one region, like the API it talks to: a second origin would not keep the dashboard useful.',
  },
  // [CT.CLOUDFRONT.PR.6], [CT.CLOUDFRONT.PR.7], [CT.CLOUDFRONT.PR.9]
  cloudfront_custom_ssl_certificate_check: {
    resources: ['DashboardDistribution'],
    reason:
      "Without dashboardDomain the dashboard is served on its *.cloudfront.net name with CloudFront's certificate. With dashboardDomain (docs/deploy.md) it gets an ACM certificate, SNI and TLS 1.2 or newer.",
  },
  cloudfront_sni_enabled_check: {
    resources: ['DashboardDistribution'],
    reason: 'As cloudfront_custom_ssl_certificate_check: SNI comes with the custom certificate of dashboardDomain.',
  },
  cloudfront_security_policy_check: {
    resources: ['DashboardDistribution'],
    reason:
      'As cloudfront_custom_ssl_certificate_check: the *.cloudfront.net certificate cannot take a security policy; with dashboardDomain the minimum is TLS 1.2 (2021).',
  },
};
