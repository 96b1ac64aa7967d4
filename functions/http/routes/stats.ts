import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { definedFields } from '#core/domain/optional.ts';
import type { GetLoopStats } from '#core/use-cases/get-loop-stats.ts';
import { type AuthEnv, requireRole } from '../auth.ts';
import { PeriodQuery } from '../schemas/candidate.ts';
import { authProblems, problemResponse } from '../schemas/problem.ts';
import { LoopStatsView } from '../schemas/stats.ts';

export interface StatsDeps {
  readonly getLoopStats: GetLoopStats;
}

const route = createRoute({
  method: 'get',
  path: '/stats',
  tags: ['Stats'],
  summary: 'The loop-closing record of a period',
  description:
    'Of the rejections decided in the period (default: the last 12 weeks; at most 366 days): the share whose candidate got a notice, the median time from decision to delivered, bounce, complaint and reply rates, the delivery funnel, and the sentiment of first replies by template, reason, stage and week. Any role.',
  security: [{ bearer: [] }],
  request: { query: z.object(PeriodQuery) },
  responses: {
    200: { description: 'The record', content: { 'application/json': { schema: LoopStatsView } } },
    400: problemResponse('Bad date, inverted period, or longer than 366 days'),
    ...authProblems,
  },
});

export function registerStatsRoutes(app: OpenAPIHono<AuthEnv>, deps: StatsDeps): void {
  app.openapi(route, async (c) => {
    requireRole(c, 'viewer', 'recruiter', 'admin');
    const { from, to } = c.req.valid('query');
    const stats = await deps.getLoopStats({
      ...definedFields({ from, to }),
    });
    return c.json(
      {
        ...stats,
        byStatus: { ...stats.byStatus },
        funnel: stats.funnel.map((f) => ({ ...f })),
        sentiment: {
          byTemplate: stats.sentiment.byTemplate.map((r) => ({ ...r })),
          byReason: stats.sentiment.byReason.map((r) => ({ ...r })),
          byStage: stats.sentiment.byStage.map((r) => ({ ...r })),
          byWeek: stats.sentiment.byWeek.map((r) => ({ ...r })),
        },
      },
      200,
    );
  });
}
