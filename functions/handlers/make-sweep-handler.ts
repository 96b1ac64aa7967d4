import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SweepDueNotices } from '#core/use-cases/sweep-due-notices.ts';

/** Invoked every minute by EventBridge Scheduler: enqueue what is due. */
export function makeSweepHandler(deps: { sweep: SweepDueNotices; logger: Logger; metrics: Metrics }) {
  return async (): Promise<{ enqueued: number; paused: boolean }> => {
    const result = await deps.sweep();
    deps.metrics.addMetric('NoticesEnqueued', MetricUnit.Count, result.enqueued);
    // A metric an alarm or a dashboard can show: minutes spent paused.
    if (result.paused) deps.metrics.addMetric('SweepsWhilePaused', MetricUnit.Count, 1);
    deps.metrics.publishStoredMetrics();
    deps.logger.info('sweep finished', { found: result.found, enqueued: result.enqueued, paused: result.paused });
    return { enqueued: result.enqueued, paused: result.paused };
  };
}
