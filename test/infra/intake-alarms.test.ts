import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INTAKE_METRICS } from '#adapters/metrics/powertools-intake-meter.ts';
import { INTAKE_SERVICE, WEBHOOK_REFUSALS_ALARM } from '#infra/constructs/intake-alarms.ts';
import { synthStage } from './support/synth.ts';
import { at, type Resource, resourcesOf } from './support/template-queries.ts';

const alarmsOn = (template: ReturnType<typeof synthStage>['stateless'], metric: string): Resource[] =>
  resourcesOf(template, 'AWS::CloudWatch::Alarm')
    .map(([, alarm]) => alarm)
    .filter((alarm) => at(alarm.Properties, 'MetricName') === metric);

const dimensionsOf = (alarm: Resource | undefined) =>
  Object.fromEntries(
    ((at(alarm?.Properties, 'Dimensions') ?? []) as { Name: string; Value: string }[]).map((d) => [d.Name, d.Value]),
  );

describe.each(['dev', 'prod'] as const)('alarms on silent loss at the front door, %s stage', (stage) => {
  const synth = synthStage(stage);

  it('alarms when webhooks are refused, on the total the HTTP function emits', () => {
    const [alarm, ...others] = alarmsOn(synth.stateless, INTAKE_METRICS.refused);
    expect(others).toEqual([]);
    expect(alarm?.Properties).toMatchObject({
      AlarmName: `closeloop-${stage}-webhooks-refused`,
      Namespace: 'Closeloop',
      Statistic: 'Sum',
      Period: 900,
      EvaluationPeriods: 1,
      Threshold: WEBHOOK_REFUSALS_ALARM,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(dimensionsOf(alarm)).toEqual({ service: INTAKE_SERVICE });
    expect(JSON.stringify(at(alarm?.Properties, 'AlarmActions'))).toMatch(/ReputationAlarmsTopic/);
  });

  it(`${stage === 'prod' ? 'alarms' : 'does not alarm'} when no decision has arrived for a day`, () => {
    const silence = alarmsOn(synth.stateless, INTAKE_METRICS.received);
    if (stage === 'dev') {
      // dev.json sets decisionSilenceHours to 0: a developer's stack receives nothing for days.
      expect(silence).toEqual([]);
      return;
    }
    expect(silence).toHaveLength(1);
    expect(silence[0]?.Properties).toMatchObject({
      AlarmName: 'closeloop-prod-no-decisions',
      Statistic: 'Sum',
      Period: 3600,
      EvaluationPeriods: 24,
      DatapointsToAlarm: 24,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      // A silent source emits no metric at all: missing data is the very thing to catch.
      TreatMissingData: 'breaching',
    });
    expect(dimensionsOf(silence[0])).toEqual({ service: INTAKE_SERVICE });
  });
});

describe('the decision silence alarm, configured', () => {
  it('takes its period and its own alarms per source from the stage', () => {
    const synth = synthStage('prod', { decisionSilenceHours: '6', decisionSilenceSources: '["greenhouse","api"]' });
    const silence = alarmsOn(synth.stateless, INTAKE_METRICS.received).map((alarm) => ({
      name: at(alarm.Properties, 'AlarmName'),
      hours: at(alarm.Properties, 'EvaluationPeriods'),
      dimensions: dimensionsOf(alarm),
    }));
    expect(silence).toEqual([
      { name: 'closeloop-prod-no-decisions', hours: 6, dimensions: { service: INTAKE_SERVICE } },
      {
        name: 'closeloop-prod-no-decisions-greenhouse',
        hours: 6,
        dimensions: { service: INTAKE_SERVICE, source: 'greenhouse' },
      },
      { name: 'closeloop-prod-no-decisions-api', hours: 6, dimensions: { service: INTAKE_SERVICE, source: 'api' } },
    ]);
  });

  it('refuses a period CloudWatch cannot evaluate, and a source that does not exist', () => {
    expect(() => synthStage('prod', { decisionSilenceHours: '25' })).toThrow(/decisionSilenceHours/);
    expect(() => synthStage('prod', { decisionSilenceSources: '["bamboohr"]' })).toThrow(/decisionSilenceSources/);
  });

  it("watches the HTTP function's own service name", () => {
    const handler = readFileSync(new URL('../../functions/handlers/http-api.ts', import.meta.url), 'utf8');
    expect(handler).toContain(`awsRuntime('${INTAKE_SERVICE}')`);
  });
});
