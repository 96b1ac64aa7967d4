import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

/**
 * What Powertools' `injectLambdaContext` does (a decorator or a Middy middleware, neither of which a plain handler
 * function can take): every log line of the invocation carries the Lambda context (`function_request_id`,
 * `cold_start`, `function_name`, memory, version, ARN) and the keys `keysOf` reads from the event (the API request
 * id); those keys are cleared afterwards, so none leaks into the next invocation of a warm container.
 */
export function withLambdaContext<E, R>(
  logger: Logger,
  handler: (event: E, context: Context) => Promise<R>,
  keysOf: (event: E) => Record<string, string> = () => ({}),
): (event: E, context: Context) => Promise<R> {
  return async (event, context) => {
    logger.addContext(context);
    logger.appendKeys(keysOf(event));
    try {
      return await handler(event, context);
    } finally {
      logger.resetKeys();
    }
  };
}
