import { type App, Tags } from 'aws-cdk-lib';
import type { StageConfig } from './config.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';
import { StatelessStack } from './stacks/stateless-stack.ts';

/** Builds Closeloop's stacks for one stage; `infra/app.ts` and the infra tests both call it. */
export function buildCloseloop(app: App, config: StageConfig) {
  const env = config.account || config.region ? { account: config.account, region: config.region } : undefined;
  const prefix = `Closeloop-${config.stage}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, { config, ...(env ? { env } : {}) });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    config,
    ...(env ? { env } : {}),
    table: stateful.table,
    userPool: stateful.userPool,
    userPoolClient: stateful.userPoolClient,
    userPoolDomain: stateful.userPoolDomain,
    webhookSecrets: stateful.webhookSecrets,
    inbound: stateful.inbound,
  });
  stateless.addStackDependency(stateful);
  Tags.of(app).add('project', 'closeloop');
  Tags.of(app).add('stage', config.stage);
  return { stateful, stateless };
}
