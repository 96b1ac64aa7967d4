import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SweepDueNotices } from '#core/use-cases/sweep-due-notices.ts';

/** Invoked every minute by EventBridge Scheduler: enqueue what is due. */
export function makeSweepHandler(deps: { sweep: SweepDueNotices; logger: Logger; metrics: Metrics }) {
  return async (): Promise<{ enqueued: number }> => {
    const result = await deps.sweep();
    deps.metrics.addMetric('NoticesEnqueued', MetricUnit.Count, result.enqueued);
    deps.metrics.publishStoredMetrics();
    deps.logger.info('sweep finished', { found: result.found, enqueued: result.enqueued });
    return { enqueued: result.enqueued };
  };
}
