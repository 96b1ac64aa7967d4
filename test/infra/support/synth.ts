import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildCloseloop } from '#infra/app-builder.ts';
import { loadStageConfig } from '#infra/config.ts';
import cdkJson from '../../../cdk.json' with { type: 'json' };

type Synth = ReturnType<typeof synthesize>;
const plainStages = new Map<'dev' | 'prod', Synth>();

/**
 * Synthesizes a stage in process, fast: no bundling (asset code is not built) and no CloudFormation
 * validation. A test App does not read cdk.json, so its context is spread in. One test elsewhere runs
 * the real `cdk synth` with bundling. A stage without overrides is synthesized once per worker and shared
 * by the files it runs (the infra project does not isolate them): tests only read its templates.
 */
export function synthStage(stage: 'dev' | 'prod', overrides: Record<string, unknown> = {}): Synth {
  if (Object.keys(overrides).length > 0) return synthesize(stage, overrides);
  const cached = plainStages.get(stage) ?? synthesize(stage, {});
  plainStages.set(stage, cached);
  return cached;
}

function synthesize(stage: 'dev' | 'prod', overrides: Record<string, unknown>) {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], stage, ...overrides },
  });
  // The sample prod stage keeps its example values here (its resources are what the tests assert); `cdk synth` refuses them.
  const config = loadStageConfig((key) => app.node.tryGetContext(key), { allowExampleValues: true });
  const stacks = buildCloseloop(app, config);
  return {
    app,
    config,
    stacks,
    stateful: Template.fromStack(stacks.stateful),
    stateless: Template.fromStack(stacks.stateless),
    nagViolations: () =>
      [stacks.stateful, stacks.stateless].flatMap((stack) =>
        new AwsSolutionsChecks().validateScope(stack).violations.map((v) => ({
          rule: v.ruleName,
          resources: v.violatingResources.map((r) => (r as { constructPath?: string }).constructPath),
        })),
      ),
  };
}

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

/** Every IAM policy statement in a template, with the policy it belongs to. */
export function policyStatements(template: Template): { policy: string; statement: Statement }[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.entries(policies).flatMap(([policy, resource]) =>
    ((resource.Properties?.PolicyDocument?.Statement ?? []) as Statement[]).map((statement) => ({ policy, statement })),
  );
}

type FunctionResource = {
  Properties?: { Runtime?: string; Environment?: { Variables?: Record<string, unknown> }; [key: string]: unknown };
};

/**
 * Closeloop's own functions. aws-cdk-lib adds one of its own for the dashboard's bucket deployment (Python,
 * run by CloudFormation during deploys only); the defaults asserted for ours do not apply to it.
 */
export function closeloopFunctions(template: Template): Record<string, FunctionResource> {
  const all = template.findResources('AWS::Lambda::Function') as Record<string, FunctionResource>;
  return Object.fromEntries(Object.entries(all).filter(([id]) => !id.startsWith('CustomCDKBucketDeployment')));
}
