import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StageConfigSchema } from '#infra/config.ts';
import { SEND_QUEUE_AGE_ALARM } from '#infra/constructs/operations-monitoring.ts';
import { closeloopFunctions, synthStage } from './support/synth.ts';
import { at, referencedId, resourcesOf } from './support/template-queries.ts';

const doc = (name: string) => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens. */
const anchorsOf = (markdown: string) =>
  new Set(
    [...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
      (m[1] ?? '')
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );

describe.each(['dev', 'prod'] as const)('operations of the %s stage', (stage) => {
  const synth = synthStage(stage);
  const alarms = [
    ...resourcesOf(synth.stateless, 'AWS::CloudWatch::Alarm'),
    ...resourcesOf(synth.stateful, 'AWS::CloudWatch::Alarm'),
  ];
  // Closeloop's own functions; aws-cdk-lib's deploy-time bucket deployment handler is not monitored.
  const functions = Object.entries(closeloopFunctions(synth.stateless));

  it('alarms on errors and on throttles of every function', () => {
    for (const metric of ['Errors', 'Throttles']) {
      const watched = alarms
        .filter(([, a]) => at(a.Properties, 'MetricName') === metric && at(a.Properties, 'Namespace') === 'AWS/Lambda')
        .map(([, a]) => referencedId(at(a.Properties, 'Dimensions', 0, 'Value')));
      expect(watched.sort(), metric).toEqual(functions.map(([id]) => id).sort());
    }
  });

  it('alarms when a notice has waited 10 minutes on the send queue', () => {
    const [, ageAlarm] =
      alarms.find(
        ([, a]) =>
          at(a.Properties, 'MetricName') === 'ApproximateAgeOfOldestMessage' &&
          String(referencedId(at(a.Properties, 'Dimensions', 0, 'Value'))).startsWith('SendQueue'),
      ) ?? [];
    expect(at(ageAlarm?.Properties, 'Threshold')).toBe(SEND_QUEUE_AGE_ALARM.toSeconds());
    expect(SEND_QUEUE_AGE_ALARM.toSeconds()).toBe(600);
  });

  it('sends every alarm to the alert topic, named, with a runbook that exists in docs/operations.md', () => {
    const anchors = anchorsOf(doc('operations.md'));
    expect(alarms.length).toBeGreaterThanOrEqual(20);
    for (const [id, alarm] of alarms) {
      const p = alarm.Properties;
      expect(JSON.stringify(at(p, 'AlarmActions')), id).toMatch(/ReputationAlarmsTopic/);
      expect(at(p, 'AlarmName'), id).toMatch(new RegExp(`^closeloop-${stage}-[a-z0-9-]+$`));
      const runbook = /Runbook: docs\/operations\.md#([a-z0-9-]+)/.exec(String(at(p, 'AlarmDescription')))?.[1];
      expect(runbook, `${id} names no runbook`).toBeDefined();
      expect(anchors.has(runbook ?? ''), `docs/operations.md has no section #${runbook}`).toBe(true);
    }
    const names = alarms.map(([, a]) => at(a.Properties, 'AlarmName'));
    expect(new Set(names).size).toBe(names.length);
  });

  it('builds one dashboard and outputs its URL', () => {
    const dashboards = resourcesOf(synth.stateless, 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    expect(at(dashboards[0]?.[1].Properties, 'DashboardName')).toBe(`closeloop-${stage}`);
    const body = JSON.stringify(at(dashboards[0]?.[1].Properties, 'DashboardBody'));
    for (const part of ['ApproximateAgeOfOldestMessage', 'Reputation.BounceRate', '{Closeloop,service}', 'Throttles']) {
      expect(body).toContain(part);
    }
    expect(Object.keys(synth.stateless.findOutputs('OperationsDashboardUrl'))).toEqual(['OperationsDashboardUrl']);
  });

  it('outputs what DNS and the operator must do: three DKIM CNAMEs, the inbound MX record, the rule set activation', () => {
    const outputs = synth.stateful.findOutputs('*');
    expect(Object.keys(outputs).sort()).toEqual(
      expect.arrayContaining([
        'ActivateReceiptRuleSet',
        'DkimRecord1',
        'DkimRecord2',
        'DkimRecord3',
        'InboundMxRecord',
      ]),
    );
    expect(JSON.stringify(outputs.DkimRecord1?.Value)).toContain('DkimDNSTokenName1');
    expect(JSON.stringify(outputs.InboundMxRecord?.Value)).toContain(
      `${synth.config.inboundDomain} MX 10 inbound-smtp.`,
    );
    expect(JSON.stringify(outputs.ActivateReceiptRuleSet?.Value)).toContain(
      `aws ses set-active-receipt-rule-set --rule-set-name closeloop-${stage}`,
    );
  });

  it(`${stage === 'prod' ? 'keeps the data and' : 'keeps only'} the dashboard's access logs when the stacks are deleted`, () => {
    const kept = (template: typeof synth.stateful) =>
      resourcesOf(template)
        .filter(([, r]) => r.DeletionPolicy !== undefined && r.DeletionPolicy !== 'Delete')
        .map(([id, r]) => `${r.Type} ${id.replace(/[0-9A-F]{8}$/, '')}`)
        .sort();
    // The access logs (CloudFront and S3, 90 days) outlive the dashboard for audit; in prod so does its site.
    expect(kept(synth.stateless)).toEqual(
      stage === 'prod'
        ? ['AWS::S3::Bucket DashboardAccessLogs', 'AWS::S3::Bucket DashboardSite']
        : ['AWS::S3::Bucket DashboardAccessLogs'],
    );
    expect(kept(synth.stateful).map((k) => k.split(' ')[0])).toEqual(
      stage === 'prod'
        ? [
            'AWS::Cognito::UserPool',
            'AWS::DynamoDB::GlobalTable',
            'AWS::S3::Bucket',
            ...Array.from({ length: 7 }, () => 'AWS::SecretsManager::Secret'),
          ]
        : [],
    );
  });

  it('turns source maps on in every function and gives each its Powertools settings (test/infra/cdk-synth-cli.test.ts checks the bundles are minified)', () => {
    for (const [id, fn] of functions) {
      const variables = at(fn.Properties, 'Environment', 'Variables');
      expect(at(variables, 'NODE_OPTIONS'), id).toBe('--enable-source-maps');
      expect(at(variables, 'POWERTOOLS_LOG_LEVEL'), id).toBe('INFO');
    }
  });
});

describe('the deployment guide', () => {
  it('documents every field of the stage configuration', () => {
    const deploy = doc('deploy.md');
    const missing = Object.keys(StageConfigSchema.shape).filter((field) => !deploy.includes(`| \`${field}\``));
    expect(missing).toEqual([]);
  });
});
