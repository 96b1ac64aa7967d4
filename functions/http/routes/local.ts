import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AuthEnv } from '../auth.ts';

export interface LocalSweepResult {
  readonly now: string;
  readonly found: number;
  readonly enqueued: number;
  readonly outcomes: Readonly<Record<string, number>>;
}

export interface LocalDeps {
  /** Runs the sweep as of `now` and waits until what it enqueued has been processed. */
  readonly sweepAndDrain: (now: Date | undefined) => Promise<LocalSweepResult>;
}

const sweepRoute = createRoute({
  method: 'post',
  path: '/local/sweep',
  tags: ['Local only'],
  summary: 'Run the sweep now (local stack only)',
  description: 'Sends every notice due at `now` (default: the current time) and answers once they are processed.',
  request: { query: z.object({ now: z.iso.datetime({ offset: true }).optional() }) },
  responses: {
    200: {
      description: 'The sweep ran',
      content: {
        'application/json': {
          schema: z.object({
            now: z.string(),
            found: z.number().int(),
            enqueued: z.number().int(),
            outcomes: z.record(z.string(), z.number().int()),
          }),
        },
      },
    },
  },
});

/** Mounted only by the local stack; the Lambda host never registers these. */
export function registerLocalRoutes(app: OpenAPIHono<AuthEnv>, deps: LocalDeps): void {
  app.openapi(sweepRoute, async (c) => {
    const { now } = c.req.valid('query');
    return c.json(await deps.sweepAndDrain(now === undefined ? undefined : new Date(now)), 200);
  });
}
