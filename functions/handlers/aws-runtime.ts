import { Tracer } from '@aws-lambda-powertools/tracer';
import { awsBaseRuntime } from './aws-base-runtime.ts';

export { requiredEnv } from './aws-base-runtime.ts';

/**
 * `awsBaseRuntime` plus Powertools' tracer, whose X-Ray SDK adds a subsegment for every AWS call (the DynamoDB
 * client here; handlers wrap their own clients with `tracer.captureAWSv3Client`). Each handler entry adds only
 * the clients it needs, so its bundle carries nothing else.
 */
export function awsRuntime(serviceName: string) {
  const tracer = new Tracer({ serviceName });
  return { ...awsBaseRuntime(serviceName, (client) => tracer.captureAWSv3Client(client)), tracer };
}
