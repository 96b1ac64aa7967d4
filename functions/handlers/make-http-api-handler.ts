import { handle } from 'hono/aws-lambda';
import type { AppDeps } from '#http/app.ts';
import { createApp } from '#http/app.ts';

/** The HTTP API's Lambda: the same Hono app as the local server, without the local-only routes. */
export function makeHttpHandler(deps: Omit<AppDeps, 'local'>) {
  return handle(createApp(deps));
}
