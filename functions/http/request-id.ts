import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import * as z from 'zod/mini';

/** Every answer carries its request id in this header, and every problem body in `requestId`. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** What API Gateway hands the function (`hono/aws-lambda` passes the event's request context as the env). */
const GatewayEnv = z.object({ requestContext: z.object({ requestId: z.string().check(z.minLength(1)) }) });

const generated = new WeakMap<Request, string>();

/**
 * The request's id: API Gateway's (the one its access log and the HTTP function's log lines carry, so a problem
 * body pasted into a ticket leads to both), or, where no gateway is in front (the local stack, tests), one made
 * up once per request.
 */
export function requestIdOf(c: Context): string {
  const gateway = GatewayEnv.safeParse(c.env);
  if (gateway.success) return gateway.data.requestContext.requestId;
  const known = generated.get(c.req.raw);
  if (known !== undefined) return known;
  const made = randomUUID();
  generated.set(c.req.raw, made);
  return made;
}

/** Sets `X-Request-Id` on every answer, errors included (onError has produced the response by then). */
export const requestIdHeader: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set(REQUEST_ID_HEADER, requestIdOf(c));
};
