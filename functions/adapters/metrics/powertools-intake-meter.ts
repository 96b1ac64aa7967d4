import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { IntakeMeter, WebhookRefusal } from '#core/ports/intake-meter.ts';

/** The metric names the stack's alarms watch (infra/constructs/intake-alarms.ts), namespace `Closeloop`. */
export const INTAKE_METRICS = { refused: 'WebhooksRefused', received: 'DecisionsReceived' } as const;

/**
 * The intake counts as CloudWatch embedded-metric-format lines, each flushed at once (an HTTP request has no batch
 * end to flush at). Every line carries two dimension sets: the detail (`service`, `source`[, `reason`]) for the
 * dashboard and per-source alarms, and `service` alone, the total an alarm can watch without a search expression.
 */
export class PowertoolsIntakeMeter implements IntakeMeter {
  constructor(private readonly metrics: Metrics) {}

  refused(source: string, reason: WebhookRefusal): void {
    const line = this.metrics.singleMetric();
    line.addDimension('source', source).addDimension('reason', reason).addDimensions({});
    line.addMetric(INTAKE_METRICS.refused, MetricUnit.Count, 1);
  }

  received(source: string, count: number): void {
    if (count <= 0) return;
    const line = this.metrics.singleMetric();
    line.addDimension('source', source).addDimensions({});
    line.addMetric(INTAKE_METRICS.received, MetricUnit.Count, count);
  }
}
