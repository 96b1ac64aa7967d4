import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { policyStatements, synthStage } from './support/synth.ts';

describe.each(['dev', 'prod'] as const)('the inbound path, %s stage', (stage) => {
  const synth = synthStage(stage, stage === 'prod' ? { flagNotificationEmail: 'talent-leads@acme.example' } : {});

  it('stores raw replies in an encrypted, private, TLS-only bucket that forgets them after the retention', () => {
    synth.stateful.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Id: 'retention', ExpirationInDays: synth.config.retentionDays, Status: 'Enabled' }),
        ]),
      },
      NotificationConfiguration: {
        QueueConfigurations: [
          Match.objectLike({
            Event: 's3:ObjectCreated:*',
            Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'inbound/' }] } },
          }),
        ],
      },
    });
    synth.stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:PutObject',
            Principal: { Service: 'ses.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('receives mail for the inbound domain with a receipt rule that stores it under inbound/', () => {
    synth.stateful.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: `closeloop-${stage}` });
    synth.stateful.hasResourceProperties('AWS::SES::ReceiptRule', {
      RuleSetName: Match.anyValue(),
      Rule: Match.objectLike({
        Enabled: true,
        Recipients: [synth.config.inboundDomain],
        ScanEnabled: true,
        Actions: [{ S3Action: Match.objectLike({ ObjectKeyPrefix: 'inbound/' }) }],
      }),
    });
  });

  it('lets S3 notify the encrypted reply queue, which has a dead-letter queue', () => {
    synth.stateful.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sqs:SendMessage',
            Principal: { Service: 's3.amazonaws.com' },
            Condition: Match.objectLike({ ArnEquals: { 'aws:SourceArn': Match.anyValue() } }),
          }),
        ]),
      },
    });
    for (const queue of Object.values(synth.stateful.findResources('AWS::SQS::Queue'))) {
      expect(queue.Properties?.SqsManagedSseEnabled).toBe(true);
    }
    synth.stateful.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
      VisibilityTimeout: 360,
    });
  });

  it('lets the reply function read (and delete, racing an erasure) and the API function read (attachment downloads) and delete (erasure), only under the inbound prefix', () => {
    const s3 = policyStatements(synth.stateless).filter(
      ({ policy, statement }) =>
        // The dashboard's deployment role writes the dashboard's own bucket (test/infra/dashboard.test.ts).
        !policy.startsWith('DashboardDeploymentRole') && [statement.Action].flat().some((a) => a.startsWith('s3:')),
    );
    expect(s3.map(({ policy, statement }) => [policy.replace(/[0-9A-F]{8}$/, ''), statement.Action])).toEqual([
      ['HttpApiFunctionRoleDefaultPolicy', ['s3:DeleteObject', 's3:GetObject']],
      ['RepliesReplyFunctionRoleDefaultPolicy', ['s3:DeleteObject', 's3:GetObject']],
    ]);
    for (const { statement } of s3) {
      expect(JSON.stringify(statement.Resource)).toContain(`:s3:::closeloop-${stage}-inbound-`);
      expect(JSON.stringify(statement.Resource)).toMatch(/\/inbound\/\*"/);
    }
  });

  it('lets the reply function send relays to the send queue, and nothing else on SQS but its own queue', () => {
    const sends = policyStatements(synth.stateless).filter(
      ({ policy, statement }) =>
        policy.startsWith('RepliesReplyFunctionRole') &&
        [statement.Action].flat().some((a) => a.startsWith('sqs:Send')),
    );
    expect(sends).toHaveLength(1);
    expect([sends[0]?.statement.Action].flat().sort()).toEqual([
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
    expect(JSON.stringify(sends[0]?.statement.Resource)).toContain('SendQueue');
  });

  it('lets the API function hand links of unmatched replies to the reply queue: send only, nothing it would need to link in-process', () => {
    const sends = policyStatements(synth.stateless).filter(
      ({ policy, statement }) =>
        policy.startsWith('HttpApiFunctionRole') && JSON.stringify(statement.Resource).includes('ReplyQueue'),
    );
    expect(sends).toHaveLength(1);
    expect([sends[0]?.statement.Action].flat().sort()).toEqual([
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
    const apiActions = policyStatements(synth.stateless)
      .filter(({ policy }) => policy.startsWith('HttpApiFunctionRole'))
      .flatMap(({ statement }) => [statement.Action].flat());
    expect(apiActions.filter((a) => a.startsWith('sns:') || a.startsWith('comprehend:'))).toEqual([]);
    synth.stateless.hasResourceProperties('AWS::Lambda::Function', {
      Handler: Match.anyValue(),
      Environment: { Variables: Match.objectLike({ CLOSELOOP_REPLY_QUEUE_URL: Match.anyValue() }) },
    });
  });

  it('consumes the reply queue with partial batch failures', () => {
    synth.stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 5,
    });
  });

  it('notifies recruiters on an encrypted, TLS-only topic', () => {
    synth.stateless.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    synth.stateless.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    const publish = policyStatements(synth.stateless).filter(({ statement }) =>
      [statement.Action].flat().includes('sns:Publish'),
    );
    expect(publish.map((p) => p.policy)).toEqual([expect.stringMatching(/^RepliesReplyFunctionRole/)]);
    if (stage === 'prod') {
      synth.stateless.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'talent-leads@acme.example',
      });
    }
  });

  it(`${stage === 'prod' ? 'lets' : 'does not let'} the reply function call Comprehend (classifier: ${stage === 'prod' ? 'comprehend' : 'local'})`, () => {
    const comprehend = policyStatements(synth.stateless).flatMap(({ policy, statement }) =>
      [statement.Action].flat().flatMap((a) => (a.startsWith('comprehend:') ? [`${policy.slice(0, 24)} ${a}`] : [])),
    );
    expect(comprehend.sort()).toEqual(
      stage === 'prod'
        ? [
            'RepliesReplyFunctionRole comprehend:DetectSentiment',
            'RepliesReplyFunctionRole comprehend:DetectToxicContent',
          ]
        : [],
    );
  });

  it('serves the flag routes behind the Cognito authorizer', () => {
    const routes = Object.values(synth.stateless.findResources('AWS::ApiGatewayV2::Route')).map((r) => ({
      key: r.Properties?.RouteKey,
      auth: r.Properties?.AuthorizationType,
    }));
    expect(routes).toEqual(
      expect.arrayContaining([
        { key: 'POST /candidates/{id}/flags/{flag}/confirm', auth: 'JWT' },
        { key: 'POST /candidates/{id}/flags/{flag}/dismiss', auth: 'JWT' },
        { key: 'GET /candidates/{id}/flags/{flag}', auth: 'JWT' },
        { key: 'GET /replies/unmatched', auth: 'JWT' },
      ]),
    );
  });
});
