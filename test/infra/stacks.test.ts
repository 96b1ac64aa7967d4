import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { INDEXES, type IndexDefinition, TTL_ATTRIBUTE } from '#adapters/dynamodb/table-definition.ts';
import { SECRET_VARIABLES } from '#adapters/secrets/secret-values.ts';
import { fullApp, servedRoutes } from '#test/support/full-app.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { closeloopFunctions, policyStatements, synthStage } from './support/synth.ts';

describe.each(['dev', 'prod'] as const)('the %s stage', (stage) => {
  const synth = synthStage(stage);

  it('passes cdk-nag AwsSolutions with no unacknowledged finding', () => {
    expect(synth.nagViolations()).toEqual([]);
  });

  it('creates the table from the shared definition: keys, every index, TTL and point-in-time recovery', () => {
    synth.stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      GlobalSecondaryIndexes: (Object.entries(INDEXES) as [string, IndexDefinition][]).map(([name, index]) =>
        Match.objectLike({
          IndexName: name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            ...(index.sortKey === undefined ? [] : [{ AttributeName: index.sortKey, KeyType: 'RANGE' }]),
          ],
          Projection: { ProjectionType: index.projection },
        }),
      ),
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
  });

  it(`${stage === 'prod' ? 'retains and protects' : 'may delete'} the table on stack deletion`, () => {
    const [table] = Object.values(synth.stateful.findResources('AWS::DynamoDB::GlobalTable'));
    expect(table?.DeletionPolicy).toBe(stage === 'prod' ? 'Retain' : 'Delete');
    expect(table?.Properties?.Replicas?.[0]?.DeletionProtectionEnabled ?? false).toBe(stage === 'prod');
  });

  it('runs every function on the newest Node.js runtime, on ARM64, traced, with a log group that expires', () => {
    const functions = Object.values(closeloopFunctions(synth.stateless));
    expect(functions.length).toBeGreaterThanOrEqual(3);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
      });
    }
    for (const group of Object.values(synth.stateless.findResources('AWS::Logs::LogGroup'))) {
      expect(group.Properties?.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('encrypts the send queue, gives it a dead-letter queue, and consumes it with partial batch failures', () => {
    const queues = synth.stateless.findResources('AWS::SQS::Queue');
    for (const queue of Object.values(queues)) expect(queue.Properties?.SqsManagedSseEnabled).toBe(true);
    synth.stateless.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
    });
    synth.stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: Match.anyValue() },
    });
  });

  it('routes every path the HTTP function serves through API Gateway, and nothing else (local routes stay local)', () => {
    const gateway = Object.values(synth.stateless.findResources('AWS::ApiGatewayV2::Route'))
      .map((r) => String(r.Properties?.RouteKey))
      .sort();
    const served = servedRoutes(fullApp())
      .filter((route) => !route.includes(' /local/'))
      .sort();
    expect(gateway).toEqual(served);
  });

  it('sweeps every minute through EventBridge Scheduler', () => {
    synth.stateless.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(1 minute)' });
  });

  it('puts the recruiter routes behind the Cognito authorizer; only health, the spec and the signed webhooks are open', () => {
    const routes = Object.values(synth.stateless.findResources('AWS::ApiGatewayV2::Route')).map((r) => ({
      key: r.Properties?.RouteKey,
      auth: r.Properties?.AuthorizationType,
    }));
    expect(routes).toEqual(
      expect.arrayContaining([
        { key: 'POST /decisions', auth: 'JWT' },
        { key: 'GET /notices/{id}', auth: 'JWT' },
        { key: 'GET /health', auth: 'NONE' },
      ]),
    );
    const open = routes.filter((r) => r.auth !== 'JWT').map((r) => r.key);
    expect(open.sort()).toEqual([
      'GET /health',
      'GET /openapi.json',
      ...['ashby', 'generic', 'greenhouse', 'lever', 'workable'].map((s) => `POST /webhooks/${s}`),
    ]);
    synth.stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it('grants no wildcard action, and no wildcard resource except for X-Ray and Comprehend detection, which have no resource-level permissions', () => {
    for (const { policy, statement } of policyStatements(synth.stateless)) {
      const actions = [statement.Action].flat();
      expect(
        actions.filter((a) => a === '*' || a.endsWith(':*')),
        policy,
      ).toEqual([]);
      const resources = [statement.Resource].flat();
      if (resources.includes('*'))
        expect(
          actions.every((a) => a.startsWith('xray:') || /^comprehend:Detect(Sentiment|ToxicContent)$/.test(a)),
          policy,
        ).toBe(true);
      const tableWildcards = JSON.stringify(resources).match(/index\/\*/g);
      expect(tableWildcards, policy).toBeNull();
    }
  });

  it('lets only the send function send email, and only from the configured identity and configuration set', () => {
    const sesStatements = policyStatements(synth.stateless).filter(({ statement }) =>
      [statement.Action].flat().some((a) => a.startsWith('ses:')),
    );
    expect(sesStatements).toHaveLength(1);
    expect(sesStatements[0]?.policy).toMatch(/^SendFunctionRole/);
    const resources = JSON.stringify(sesStatements[0]?.statement.Resource);
    expect(resources).toContain(`:identity/${synth.config.senderDomain}`);
    expect(resources).toContain(`:configuration-set/closeloop-${stage}`);
  });
});

describe.each(['dev', 'prod'] as const)('the %s webhook secrets', (stage) => {
  const synth = synthStage(stage);
  const secretNames = ['greenhouse', 'lever', 'lever-api-key', 'ashby', 'workable', 'workable-api-token', 'generic'];

  it("creates one generated secret per source (and Lever's API key) in the stateful stack, kept in prod", () => {
    const secrets = Object.values(synth.stateful.findResources('AWS::SecretsManager::Secret'));
    expect(secrets.map((s) => s.Properties?.Name).sort()).toEqual(
      secretNames.map((n) => `closeloop/${stage}/${n}`).sort(),
    );
    for (const secret of secrets) {
      expect(secret.Properties?.GenerateSecretString).toMatchObject({ PasswordLength: 48 });
      expect(secret.DeletionPolicy).toBe(stage === 'prod' ? 'Retain' : 'Delete');
    }
  });

  it('lets only the HTTP function read them, each by its own ARN, and tells it where they are', () => {
    const secretArnVariables = Object.values(SECRET_VARIABLES).map((v) => `${v}_ARN`);
    const reads = policyStatements(synth.stateless).filter(({ statement }) =>
      [statement.Action].flat().some((a) => a.startsWith('secretsmanager:')),
    );
    expect(new Set(reads.map((r) => r.policy.replace(/[0-9A-F]{8}$/, '')))).toEqual(
      new Set(['HttpApiFunctionRoleDefaultPolicy']),
    );
    const resources = reads.flatMap(({ statement }) => [statement.Resource].flat());
    expect(resources).toHaveLength(secretNames.length);
    for (const resource of resources) expect(JSON.stringify(resource)).toMatch(/WebhookSecrets/);
    for (const { statement } of reads) {
      expect([statement.Action].flat().sort()).toEqual([
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
      ]);
    }
    const functions = closeloopFunctions(synth.stateless);
    for (const [id, fn] of Object.entries(functions)) {
      const variables = Object.keys(fn.Properties?.Environment?.Variables ?? {});
      const arns = variables.filter((v) => secretArnVariables.includes(v));
      expect(arns.length, id).toBe(id.startsWith('HttpApiFunction') ? secretNames.length : 0);
    }
  });

  it('outputs the URL of every webhook', () => {
    const outputs = Object.fromEntries(
      Object.entries(synth.stateless.findOutputs('*')).filter(([id]) => id.startsWith('WebhookUrl')),
    );
    expect(Object.keys(outputs).sort()).toEqual(
      ['Ashby', 'Generic', 'Greenhouse', 'Lever', 'Workable'].map((s) => `WebhookUrl${s}`),
    );
    expect(JSON.stringify(outputs.WebhookUrlGreenhouse?.Value)).toContain('/webhooks/greenhouse');
  });
});

describe('stage configuration', () => {
  it('refuses an invalid value with the field it is about', () => {
    expect(() => synthStage('dev', { senderDomain: 'Not A Domain' })).toThrow(/senderDomain/);
    expect(() => synthStage('dev', { timeZone: 'Mars/Olympus' })).toThrow(/timeZone/);
  });

  it('takes overrides from context', () => {
    expect(synthStage('dev', { companyName: 'Globex' }).config.companyName).toBe('Globex');
  });

  it('passes webhook settings to the HTTP function, and refuses an unknown reason category', () => {
    const synth = synthStage('dev', {
      webhooks: { atsMapping: { reasons: { Ghosted: 'withdrawn' } }, answer200: ['workable'] },
    });

    synth.stateless.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          CLOSELOOP_ATS_MAPPING: '{"reasons":{"Ghosted":"withdrawn"}}',
          CLOSELOOP_WEBHOOK_ANSWER_200: 'workable',
        }),
      },
    });
    expect(() => synthStage('dev', { webhooks: { atsMapping: { reasons: { Ghosted: 'nope' } } } })).toThrow(
      /webhooks\.atsMapping\.reasons\.Ghosted/,
    );
  });
});

describe('the Node.js the tests run on', () => {
  it('is the Lambda runtime: the same major as every function, the `node` devDependency and `engines`', () => {
    const major = process.versions.node.split('.')[0];
    const runtimes = Object.values(closeloopFunctions(synthStage('dev').stateless)).map((fn) => fn.Properties?.Runtime);
    expect(new Set(runtimes)).toEqual(new Set([`nodejs${major}.x`]));
    expect(packageJson.devDependencies.node.split('.')[0]).toBe(major);
    expect(packageJson.engines.node).toBe(`>=${major}`);
  });
});
