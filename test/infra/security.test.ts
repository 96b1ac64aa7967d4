import { describe, expect, it } from 'vitest';
import { synthStage } from './support/synth.ts';
import {
  at,
  deadLetterTargets,
  identityStatements,
  type NamedTemplate,
  type PolicyStatement,
  referencedId,
  resourcePolicyStatements,
  resourcesOf,
} from './support/template-queries.ts';

/**
 * Actions that have no resource-level permissions, so IAM accepts them only on `*`. Powertools Metrics writes
 * the embedded metric format to the function's log group, so `cloudwatch:PutMetricData` is not needed.
 */
const ACTIONS_WITHOUT_RESOURCES = [
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'comprehend:DetectSentiment',
  'comprehend:DetectToxicContent',
];

/** A `*` inside a resource (not a whole `*`) is allowed only in these shapes, each named for why. */
const NARROW_WILDCARD_RESOURCES: { readonly why: string; readonly pattern: RegExp }[] = [
  {
    why: 'objects under the inbound/ prefix of the inbound mail bucket',
    pattern: /s3:::closeloop-\w+-inbound-.*\/inbound\/\*/,
  },
  {
    why: "the sweep function's versions (the scheduler role)",
    pattern: /"Fn::GetAtt":\["SweepFunction\w+","Arn"\]\},":\*"/,
  },
];

/**
 * One role may hold wildcard actions: the dashboard's bucket deployment (infra/constructs/dashboard-hosting.ts),
 * aws-cdk-lib's own handler that runs only while CloudFormation deploys, copying the built app from CDK's asset
 * bucket into the site bucket. CDK grants it `s3:GetObject*`-style actions; they are allowed on those two buckets'
 * objects and nothing else (the site bucket holds the static app, no personal data).
 */
const DEPLOY_TIME_GRANTS = {
  role: /(^|\/)DashboardDeploymentRoleDefaultPolicy\w+$/,
  actions: ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'],
  resources: [
    /^\{"Fn::Join":\["",\[\{"Fn::GetAtt":\["DashboardSite\w+","Arn"\]\},"\/\*"\]\]\}$/,
    /cdk-\w+-assets-\$\{AWS::AccountId\}-\$\{AWS::Region\}"\},"\/\*"\]\]\}$/,
  ],
};
const isDeployTimeGrant = (where: string, statement: PolicyStatement) =>
  DEPLOY_TIME_GRANTS.role.test(where) &&
  [statement.Action].flat().every((a) => DEPLOY_TIME_GRANTS.actions.includes(a) || !a.includes('*')) &&
  [statement.Resource].flat().every((r) => {
    const text = JSON.stringify(r);
    return !text.includes('*') || DEPLOY_TIME_GRANTS.resources.some((p) => p.test(text));
  });

const actionsOf = (s: PolicyStatement) => [s.Action].flat();
const resourcesIn = (s: PolicyStatement) => [s.Resource].flat();
const isEveryone = (principal: unknown) =>
  principal === '*' || (typeof principal === 'object' && principal !== null && at(principal, 'AWS') === '*');

describe.each(['dev', 'prod'] as const)('security of the %s stage', (stage) => {
  const synth = synthStage(stage);
  const templates: NamedTemplate[] = [
    { name: 'stateful', template: synth.stateful },
    { name: 'stateless', template: synth.stateless },
  ];
  const all = <T>(query: (t: NamedTemplate) => T[]) => templates.flatMap(query);

  it('grants no wildcard action in any identity policy of any stack', () => {
    const statements = all(({ name, template }) =>
      identityStatements(template).map((s) => ({ ...s, where: `${name}/${s.where}` })),
    );
    expect(statements.length).toBeGreaterThan(10);
    const wildcards = statements
      .filter(({ where, statement }) => !isDeployTimeGrant(where, statement))
      .flatMap(({ where, statement }) =>
        actionsOf(statement)
          .filter((a) => a.includes('*'))
          .map((a) => `${where}: ${a}`),
      );
    expect(wildcards).toEqual([]);
  });

  it('grants `*` as a resource only for actions without resource-level permissions, and no wildcard on data', () => {
    const findings: string[] = [];
    for (const { name, template } of templates) {
      for (const { where, statement } of identityStatements(template)) {
        if (isDeployTimeGrant(where, statement)) continue;
        for (const resource of resourcesIn(statement)) {
          if (resource === '*') {
            const others = actionsOf(statement).filter((a) => !ACTIONS_WITHOUT_RESOURCES.includes(a));
            if (others.length > 0) findings.push(`${name}/${where}: ${others.join(', ')} on *`);
            continue;
          }
          const text = JSON.stringify(resource);
          if (text.includes('*') && !NARROW_WILDCARD_RESOURCES.some((n) => n.pattern.test(text))) {
            findings.push(`${name}/${where}: ${text}`);
          }
        }
      }
    }
    expect(findings).toEqual([]);
  });

  it('allows no one-and-all principal in resource policies; wildcard actions only to deny plain HTTP or in the key’s default admin statement', () => {
    const findings: string[] = [];
    for (const { name, template } of templates) {
      for (const { where, statement } of resourcePolicyStatements(template)) {
        if (statement.Effect === 'Deny') {
          // The TLS-only statements: deny everything to everyone over plain HTTP.
          expect(JSON.stringify(statement.Condition), `${name}/${where}`).toMatch(/aws:SecureTransport/);
          continue;
        }
        if (isEveryone(statement.Principal)) findings.push(`${name}/${where}: allows everyone`);
        const keyAdmin = JSON.stringify(statement.Principal).includes(':root');
        for (const action of actionsOf(statement).filter((a) => a.includes('*'))) {
          const allowed =
            (keyAdmin && action === 'kms:*') ||
            // CDK's grant to EventBridge for the encrypted alert topic (the key's own policy; this key only).
            (action === 'kms:GenerateDataKey*' && at(statement.Principal, 'Service') === 'events.amazonaws.com');
          if (!allowed) findings.push(`${name}/${where}: ${action}`);
        }
      }
    }
    expect(findings).toEqual([]);
  });

  it("lets CloudWatch use the alert key only for this account's alarms (confused deputy)", () => {
    const cloudwatch = templates.flatMap(({ template }) =>
      resourcesOf(template)
        .filter(([, r]) => r.Type === 'AWS::KMS::Key')
        .flatMap(([, r]) => (at(r.Properties, 'KeyPolicy', 'Statement') as Record<string, unknown>[] | undefined) ?? [])
        .filter((statement) => at(statement.Principal, 'Service') === 'cloudwatch.amazonaws.com'),
    );
    expect(cloudwatch.length).toBeGreaterThan(0);
    for (const statement of cloudwatch) {
      expect(at(statement.Condition, 'StringEquals', 'aws:SourceAccount')).toEqual({ Ref: 'AWS::AccountId' });
    }
  });

  it('lets the functions send only From our sender and relay addresses', () => {
    const domain = stage === 'prod' ? 'mail.acme.example' : 'mail.dev.acme.example';
    const sends = all(({ template }) => identityStatements(template)).filter(({ statement }) =>
      actionsOf(statement).some((a) => a.startsWith('ses:Send')),
    );

    expect(sends.length).toBeGreaterThan(0);
    for (const { statement } of sends) {
      expect(statement.Condition).toEqual({
        StringEquals: { 'ses:FromAddress': [`talent@${domain}`, `relay@${domain}`] },
      });
    }
  });

  it("lets only the API function read the recruiters' pool, with AdminGetUser alone, on that one pool", () => {
    const cognito = all(({ template }) => identityStatements(template)).filter(({ statement }) =>
      actionsOf(statement).some((a) => a.startsWith('cognito-idp:')),
    );

    expect(cognito.map(({ where }) => where.replace(/[0-9A-F]{8}$/, ''))).toEqual(['HttpApiFunctionRoleDefaultPolicy']);
    for (const { statement } of cognito) {
      expect(statement.Effect).toBe('Allow');
      expect(actionsOf(statement)).toEqual(['cognito-idp:AdminGetUser']);
      const [pool] = resourcesIn(statement);
      expect(resourcesIn(statement)).toHaveLength(1);
      // The stateful stack's pool, imported by its exported ARN: not `*`, not another pool.
      expect(JSON.stringify(pool)).toMatch(
        /^\{"Fn::ImportValue":"Closeloop-\w+-Stateful:ExportsOutputFnGetAttRecruiters[0-9A-F]{8}Arn\w+"\}$/,
      );
    }
    const fn = resourcesOf(synth.stateless, 'AWS::Lambda::Function').find(([id]) => id.startsWith('HttpApiFunction'));
    expect(JSON.stringify(at(fn?.[1].Properties, 'Environment', 'Variables', 'CLOSELOOP_USER_POOL_ID'))).toMatch(
      /ExportsOutputRefRecruiters/,
    );
  });

  it('encrypts every bucket, table, queue and topic', () => {
    const unencrypted: string[] = [];
    for (const { name, template } of templates) {
      for (const [id, r] of resourcesOf(template)) {
        const p = r.Properties;
        const encrypted = {
          'AWS::S3::Bucket': () => at(p, 'BucketEncryption', 'ServerSideEncryptionConfiguration', 0) !== undefined,
          'AWS::DynamoDB::GlobalTable': () => at(p, 'SSESpecification', 'SSEEnabled') === true,
          'AWS::DynamoDB::Table': () => at(p, 'SSESpecification', 'SSEEnabled') === true,
          'AWS::SQS::Queue': () => at(p, 'SqsManagedSseEnabled') === true || at(p, 'KmsMasterKeyId') !== undefined,
          'AWS::SNS::Topic': () => at(p, 'KmsMasterKeyId') !== undefined,
        }[r.Type];
        if (encrypted !== undefined && !encrypted()) unencrypted.push(`${name}/${id}`);
      }
    }
    expect(unencrypted).toEqual([]);
    expect(resourcesOf(synth.stateful, 'AWS::S3::Bucket').length).toBeGreaterThan(0);
  });

  it('gives every queue a dead-letter queue, unless it is one', () => {
    for (const { name, template } of templates) {
      const deadLetterQueues = deadLetterTargets(template);
      for (const [id, queue] of resourcesOf(template, 'AWS::SQS::Queue')) {
        const hasOne = at(queue.Properties, 'RedrivePolicy', 'deadLetterTargetArn') !== undefined;
        expect(hasOne || deadLetterQueues.has(id), `${name}/${id} has no dead-letter queue and is none`).toBe(true);
      }
    }
  });

  it('puts every asynchronous path behind a dead-letter queue: rules, schedules, async invocations, subscriptions, queue consumers', () => {
    const missing: string[] = [];
    for (const { name, template } of templates) {
      const queues = Object.fromEntries(resourcesOf(template, 'AWS::SQS::Queue'));
      for (const [id, rule] of resourcesOf(template, 'AWS::Events::Rule')) {
        for (const target of (at(rule.Properties, 'Targets') ?? []) as unknown[]) {
          if (at(target, 'DeadLetterConfig', 'Arn') === undefined) missing.push(`${name}/${id}: target without DLQ`);
        }
      }
      for (const [id, schedule] of resourcesOf(template, 'AWS::Scheduler::Schedule')) {
        if (at(schedule.Properties, 'Target', 'DeadLetterConfig', 'Arn') === undefined) missing.push(`${name}/${id}`);
      }
      // A function EventBridge or the scheduler invokes runs asynchronously: its failures need a destination.
      const invokedAsync = new Set(
        [
          ...resourcesOf(template, 'AWS::Events::Rule').flatMap(([, r]) =>
            ((at(r.Properties, 'Targets') ?? []) as unknown[]).map((t) => referencedId(at(t, 'Arn'))),
          ),
          ...resourcesOf(template, 'AWS::Scheduler::Schedule').map(([, s]) =>
            referencedId(at(s.Properties, 'Target', 'Arn')),
          ),
        ].filter(
          (id) => id !== undefined && at(template.toJSON(), 'Resources', id, 'Type') === 'AWS::Lambda::Function',
        ),
      );
      const withDestination = new Set(
        resourcesOf(template, 'AWS::Lambda::EventInvokeConfig')
          .filter(([, c]) => at(c.Properties, 'DestinationConfig', 'OnFailure', 'Destination') !== undefined)
          .map(([, c]) => referencedId(at(c.Properties, 'FunctionName'))),
      );
      for (const fn of invokedAsync) if (!withDestination.has(fn)) missing.push(`${name}/${fn}: no on-failure`);
      for (const [id, sub] of resourcesOf(template, 'AWS::SNS::Subscription')) {
        if (at(sub.Properties, 'RedrivePolicy', 'deadLetterTargetArn') === undefined) missing.push(`${name}/${id}`);
      }
      for (const [id, mapping] of resourcesOf(template, 'AWS::Lambda::EventSourceMapping')) {
        const source = referencedId(at(mapping.Properties, 'EventSourceArn'));
        // A queue in the other stack arrives as an import; the stateful stack's own test covers its redrive.
        if (source !== undefined && at(queues[source]?.Properties, 'RedrivePolicy') === undefined) {
          missing.push(`${name}/${id}: consumes ${source}, which has no DLQ`);
        }
      }
      expect(invokedAsync.size + resourcesOf(template, 'AWS::Events::Rule').length).toBeGreaterThanOrEqual(
        name === 'stateless' ? 3 : 0,
      );
    }
    expect(missing).toEqual([]);
  });

  it('alarms on the first message in every dead-letter queue, wherever it lives', () => {
    const alarmed = resourcesOf(synth.stateless, 'AWS::CloudWatch::Alarm')
      .filter(([, a]) => at(a.Properties, 'MetricName') === 'ApproximateNumberOfMessagesVisible')
      .filter(([, a]) => at(a.Properties, 'Threshold') === 1)
      .map(([, a]) => JSON.stringify(at(a.Properties, 'Dimensions')));
    const deadLetterQueues = templates.flatMap(({ template }) => [...deadLetterTargets(template).keys()]);
    expect(deadLetterQueues.length).toBeGreaterThanOrEqual(5);
    for (const queue of deadLetterQueues) {
      // The same stack names it with Fn::GetAtt, the other through an export whose name holds the logical id.
      expect(
        alarmed.some((dimensions) => dimensions.includes(queue)),
        `no alarm on dead-letter queue ${queue}`,
      ).toBe(true);
    }
  });

  it('gives every log group a retention, and every function its own log group', () => {
    for (const { name, template } of templates) {
      for (const [id, group] of resourcesOf(template, 'AWS::Logs::LogGroup')) {
        expect(at(group.Properties, 'RetentionInDays'), `${name}/${id}`).toBeGreaterThan(0);
      }
      for (const [id, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
        // Without it Lambda creates /aws/lambda/<name> on first use, which never expires.
        expect(referencedId(at(fn.Properties, 'LoggingConfig', 'LogGroup')), `${name}/${id}`).toBeDefined();
      }
    }
  });

  it('blocks public access to the inbound mail bucket, requires TLS and expires mail with the retention', () => {
    const [[, bucket] = ['', undefined]] = resourcesOf(synth.stateful, 'AWS::S3::Bucket');
    expect(bucket?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: expect.arrayContaining([
          expect.objectContaining({ ExpirationInDays: synth.config.retentionDays, Status: 'Enabled' }),
        ]),
      },
    });
    expect(bucket?.DeletionPolicy).toBe(stage === 'prod' ? 'Retain' : 'Delete');
  });
});
