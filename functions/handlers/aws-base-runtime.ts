import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { loadConfig } from '#config/app-config.ts';
import { systemClock } from '#core/ports/clock.ts';

/**
 * What every function shares, built once per cold start: Powertools logs and metrics, the validated
 * configuration and the table's DynamoDB document client (passed through `instrument`, which `awsRuntime` uses to trace
 * it). This file does not import the tracer, so a function that goes without the X-Ray SDK does not bundle it.
 */
export function awsBaseRuntime(serviceName: string, instrument: <T>(client: T) => T = (client) => client) {
  const logger = new Logger({ serviceName });
  const metrics = new Metrics({ serviceName, namespace: 'Closeloop' });
  const config = loadConfig(process.env, 'aws');
  const documents = DynamoDBDocumentClient.from(instrument(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return {
    logger,
    metrics,
    config,
    documents,
    table: { documents, tableName: config.tableName },
    clock: systemClock,
    log: logger,
  };
}

/** Reads a resource name the CDK stack sets (a queue URL, a bus name); missing means a broken deployment. */
export function requiredEnv(name: string): string {
  return z
    .string()
    .check(z.minLength(1))
    .parse(process.env[name], { error: () => `${name} is not set` });
}
