import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  GraphWidget,
  type IWidget,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { INTAKE_METRICS } from '#adapters/metrics/powertools-intake-meter.ts';
import { RUNBOOK } from './operations-monitoring.ts';

/** The HTTP function's Powertools service name: its metrics carry it as the `service` dimension. */
export const INTAKE_SERVICE = 'http-api';

/**
 * Refused webhook deliveries within `WEBHOOK_REFUSALS_PERIOD` before the alarm fires. More than one, because the
 * webhook URLs are public and a stray scanner's unsigned request is refused too; three in a quarter of an hour is
 * a vendor retrying, or several deliveries failing, which is what a rotated secret looks like.
 */
export const WEBHOOK_REFUSALS_ALARM = 3;
export const WEBHOOK_REFUSALS_PERIOD = Duration.minutes(15);

export interface IntakeAlarmsProps {
  /** `closeloop-<stage>`: alarm names start with it. */
  readonly prefix: string;
  readonly topic: ITopic;
  /** Hours without any decision received before the alarm fires; 0 turns the alarm off. */
  readonly decisionSilenceHours: number;
  /** Sources (a webhook's name, or `api`) that each get their own silence alarm over the same hours. */
  readonly decisionSilenceSources: readonly string[];
}

/**
 * The alarms on silent loss at the front door: webhooks refused (a rotated or mistyped secret turns every delivery
 * into a 401, and the vendor gives up retrying after a while), and no decision received for too long (overall, and
 * per source when asked). The metrics are the HTTP function's own (`WebhooksRefused`, `DecisionsReceived`).
 */
export class IntakeAlarms extends Construct {
  readonly alarms: Alarm[] = [];
  private readonly props: IntakeAlarmsProps;

  constructor(scope: Construct, id: string, props: IntakeAlarmsProps) {
    super(scope, id);
    this.props = props;
    this.alarm('WebhooksRefused', {
      name: 'webhooks-refused',
      metric: intakeMetric(INTAKE_METRICS.refused, {}, WEBHOOK_REFUSALS_PERIOD),
      threshold: WEBHOOK_REFUSALS_ALARM,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      description: `${WEBHOOK_REFUSALS_ALARM} or more webhook deliveries were refused in ${WEBHOOK_REFUSALS_PERIOD.toMinutes()} minutes (signature, stale or schema; the metric's source and reason dimensions say which).`,
      runbook: 'webhooks-refused',
    });
    if (props.decisionSilenceHours === 0) return;
    this.silenceAlarm('DecisionSilence', 'no-decisions', {}, 'from any source');
    for (const source of props.decisionSilenceSources) {
      this.silenceAlarm(`DecisionSilence-${source}`, `no-decisions-${source}`, { source }, `from ${source}`);
    }
  }

  /** Refusals per source and reason, and decisions per source: for the operations dashboard. */
  widgets(): IWidget[] {
    const total = (metric: string) => intakeMetric(metric, {}, Duration.hours(1)).with({ label: metric });
    return [
      new GraphWidget({
        title: "Webhooks refused per hour (per source and reason: the metric's dimensions)",
        left: [total(INTAKE_METRICS.refused)],
        width: 12,
      }),
      new GraphWidget({
        title: 'Decisions received per hour (webhooks and POST /decisions)',
        left: [total(INTAKE_METRICS.received)],
        width: 12,
      }),
    ];
  }

  /**
   * Missing data is breaching: a source that sends nothing emits no metric at all, and that silence is the thing
   * to catch. Hour by hour, so the period is any whole number of hours up to CloudWatch's one-day evaluation range.
   */
  private silenceAlarm(alarmId: string, name: string, dimensions: Record<string, string>, from: string): void {
    const hours = this.props.decisionSilenceHours;
    this.alarm(alarmId, {
      name,
      metric: intakeMetric(INTAKE_METRICS.received, dimensions, Duration.hours(1)),
      threshold: 1,
      evaluationPeriods: hours,
      datapointsToAlarm: hours,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.BREACHING,
      description: `No decision has arrived ${from} for ${hours} hours (decisionSilenceHours).`,
      runbook: 'no-decisions-received',
    });
  }

  private alarm(
    alarmId: string,
    options: {
      name: string;
      metric: Metric;
      threshold: number;
      evaluationPeriods: number;
      datapointsToAlarm?: number;
      comparisonOperator: ComparisonOperator;
      treatMissingData: TreatMissingData;
      description: string;
      runbook: string;
    },
  ): void {
    const { name, description, runbook, ...alarmProps } = options;
    const created = new Alarm(this, alarmId, {
      ...alarmProps,
      alarmName: `${this.props.prefix}-${name}`,
      alarmDescription: `${description} Runbook: ${RUNBOOK}#${runbook}`,
    });
    created.addAlarmAction(new SnsAction(this.props.topic));
    created.addOkAction(new SnsAction(this.props.topic));
    this.alarms.push(created);
  }
}

function intakeMetric(metricName: string, dimensions: Record<string, string>, period: Duration): Metric {
  return new Metric({
    namespace: 'Closeloop',
    metricName,
    dimensionsMap: { service: INTAKE_SERVICE, ...dimensions },
    statistic: 'Sum',
    period,
  });
}
