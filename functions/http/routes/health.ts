import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AuthEnv } from '../auth.ts';

const route = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Liveness',
  responses: {
    200: { description: 'Up', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
  },
});

export function registerHealthRoutes(app: OpenAPIHono<AuthEnv>): void {
  app.openapi(route, (c) => c.json({ status: 'ok' as const }, 200));
}
