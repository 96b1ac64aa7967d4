/**
 * The CDK app: `npx cdk synth|deploy -c stage=<name> [-c stageFile=<path>] [-c field=value …]`. Synthesizes offline: no
 * lookups, no Docker (esbuild from node_modules bundles the functions).
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildCloseloop } from './app-builder.ts';
import { loadStageConfig } from './config.ts';

const app = new App();
const config = loadStageConfig((key) => app.node.tryGetContext(key));
buildCloseloop(app, config);
// cdk-nag 3 is a validation plugin: any unacknowledged AwsSolutions finding fails the synth. Each
// acknowledgement sits beside the construct it is about, with its reason.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
