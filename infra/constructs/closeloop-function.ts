import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type NodejsFunctionProps, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** How every function is bundled (esbuild); `bench/` bundles the same way to measure what Lambda loads. */
export const FUNCTION_BUNDLING = {
  target: 'node24',
  minify: true,
  sourceMap: true,
  // Lambda runs with --enable-source-maps, which reads the whole map at cold start; the sources themselves are
  // not needed to map a stack trace to file and line, and were two thirds of it (docs/BENCHMARKS.md).
  sourcesContent: false,
  mainFields: ['module', 'main'] as string[],
  // ESM bundles of CommonJS dependencies need a require.
  banner:
    "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);",
  externalModules: [] as string[],
} as const;

export interface CloseloopFunctionProps extends Omit<NodejsFunctionProps, 'entry' | 'runtime'> {
  /** The handler file under functions/handlers, e.g. `send.ts`. */
  readonly handlerFile: string;
  readonly retention: RetentionDays;
}

/**
 * Every function's defaults in one place: newest Node.js runtime, ARM64, X-Ray tracing, JSON logs into a
 * log group with a retention, esbuild ESM bundles (minified, with source maps) of only what the handler imports.
 */
export class CloseloopFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: CloseloopFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role instead of the managed basic-execution policy: it may write to its own log group only.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only actions without resource-level permissions are granted on *: X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) and, for the reply function with the Comprehend classifier, comprehend:DetectSentiment and comprehend:DetectToxicContent. The infra tests assert no other statement uses *.',
    });
    super(scope, id, {
      role,
      memorySize: 512,
      timeout: Duration.seconds(30),
      ...props,
      entry: `${PROJECT_ROOT}functions/handlers/${props.handlerFile}`,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      bundling: {
        ...FUNCTION_BUNDLING,
        format: OutputFormat.ESM,
        ...props.bundling,
      },
    });
  }

  /**
   * Grants item reads and writes on the table and on its named indexes (no `index/*` wildcard), and tells
   * the function the table's name: the two always go together.
   */
  bindTable(table: ITableV2, indexNames: readonly string[]): this {
    this.addToRolePolicy(
      new PolicyStatement({
        actions: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:DescribeTable',
        ],
        resources: [table.tableArn, ...indexNames.map((name) => `${table.tableArn}/index/${name}`)],
      }),
    );
    this.addEnvironment('CLOSELOOP_TABLE_NAME', table.tableName);
    return this;
  }
}
