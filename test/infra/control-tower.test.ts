import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, type IPolicyValidationContextBeta1 } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCloseloop } from '#infra/app-builder.ts';
import { loadStageConfig } from '#infra/config.ts';
import { CONTROL_TOWER_EXEMPTIONS } from '#infra/control-tower-exemptions.ts';
import cdkJson from '../../cdk.json' with { type: 'json' };

const outDirs: string[] = [];
afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

/** Both stacks' templates on disk, as `cdk synth` writes them (without bundling), and every Control Tower control run on them. */
function controlTowerFindings(stage: 'dev' | 'prod') {
  const outdir = mkdtempSync(join(tmpdir(), `closeloop-guard-${stage}-`));
  outDirs.push(outdir);
  const app = new App({
    outdir,
    builtinCloudFormationValidation: false,
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], stage },
  });
  buildCloseloop(
    app,
    loadStageConfig((key) => app.node.tryGetContext(key), { allowExampleValues: true }),
  );
  app.synth();
  const templatePaths = ['Stateful', 'Stateless'].map((s) => join(outdir, `Closeloop-${stage}-${s}.template.json`));
  const report = new CfnGuardValidator({ controlTowerRulesEnabled: true }).validate({
    templatePaths,
  } as IPolicyValidationContextBeta1);
  return report.violations.flatMap((v) =>
    v.violatingResources.map((r) => ({
      rule: v.ruleName,
      resource: r.resourceLogicalId ?? `(no logical id: ${JSON.stringify(r.locations)})`,
    })),
  );
}

const findings = { dev: controlTowerFindings('dev'), prod: controlTowerFindings('prod') };

describe.each(['dev', 'prod'] as const)('the AWS Control Tower proactive controls, %s stage', (stage) => {
  it('find nothing outside the reviewed list of exemptions (infra/control-tower-exemptions.ts)', () => {
    expect(findings[stage].length).toBeGreaterThan(0);
    const unreviewed = findings[stage].filter(({ rule, resource }) => {
      const exemption = CONTROL_TOWER_EXEMPTIONS[rule];
      return exemption === undefined || !exemption.resources.some((prefix) => resource.startsWith(prefix));
    });
    expect(unreviewed).toEqual([]);
  });
});

it('keeps no exemption that no longer finds anything', () => {
  const found = new Set([...findings.dev, ...findings.prod].map((f) => f.rule));
  expect(Object.keys(CONTROL_TOWER_EXEMPTIONS).filter((rule) => !found.has(rule))).toEqual([]);
  for (const [rule, exemption] of Object.entries(CONTROL_TOWER_EXEMPTIONS)) {
    expect(exemption.reason.length, rule).toBeGreaterThan(40);
  }
});
