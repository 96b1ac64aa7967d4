import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import * as z from 'zod/mini';
import type { AppDeps } from '#http/app.ts';
import { createApp } from '#http/app.ts';

/** The HTTP API's Lambda: the same Hono app as the local server, without the local-only routes. */
export function makeHttpHandler(deps: Omit<AppDeps, 'local'>) {
  const handler = handle(createApp(deps));
  return (event: LambdaEvent, context: LambdaContext) => handler(event, context);
}

const GatewayEvent = z.object({
  requestContext: z.object({ requestId: z.string(), routeKey: z.optional(z.string()) }),
});

/**
 * The log keys of one API request: API Gateway's request id (the one every problem body and `X-Request-Id`
 * carry, and the access log's `requestId`) and the route, on every line the request logs.
 */
export function gatewayRequestKeys(event: unknown): Record<string, string> {
  const parsed = GatewayEvent.safeParse(event);
  if (!parsed.success) return {};
  const { requestId, routeKey } = parsed.data.requestContext;
  return routeKey === undefined ? { requestId } : { requestId, route: routeKey };
}
