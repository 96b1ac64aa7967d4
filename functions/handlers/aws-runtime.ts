import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { loadConfig } from '#adapters/env/app-config.ts';
import { systemClock } from '#core/ports/clock.ts';

/**
 * What every function shares, built once per cold start: Powertools for logs, metrics and traces, the
 * validated configuration, and a traced DynamoDB document client. Each handler entry adds only the
 * clients it needs, so its bundle carries nothing else.
 */
export function awsRuntime(serviceName: string) {
  const logger = new Logger({ serviceName });
  const metrics = new Metrics({ serviceName, namespace: 'Closeloop' });
  const tracer = new Tracer({ serviceName });
  const config = loadConfig(process.env, 'aws');
  const documents = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { logger, metrics, tracer, config, documents, clock: systemClock, log: logger };
}

/** Reads a resource name the CDK stack sets (a queue URL, a bus name); missing means a broken deployment. */
export function requiredEnv(name: string): string {
  return z
    .string()
    .check(z.minLength(1))
    .parse(process.env[name], { error: () => `${name} is not set` });
}
