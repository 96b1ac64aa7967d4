import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildCloseloop } from '#infra/app-builder.ts';
import { cdkArguments } from '#infra/cli/stage-command.ts';
import { loadStageConfig } from '#infra/config.ts';
import { exampleValueFields, isExampleDomain } from '#infra/example-values.ts';
import cdkJson from '../../cdk.json' with { type: 'json' };

const REAL_STAGE = 'test/infra/fixtures/real-stage.json';
const SHIPPED_PROD = 'infra/stages/prod.json';

/** What `cdk synth -c …` does, in process and without bundling: the context, the stage's config, both stacks. */
function synth(context: Record<string, unknown>) {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context },
  });
  const config = loadStageConfig((key) => app.node.tryGetContext(key));
  return { config, stacks: buildCloseloop(app, config) };
}

const refusal = (context: Record<string, unknown>) => {
  try {
    synth(context);
  } catch (e: unknown) {
    return e instanceof Error ? e.message : String(e);
  }
  return 'synthesized';
};

describe('a stage of any name (-c stage=<name>, -c stageFile=<path>)', () => {
  it('refuses `-c stage=acme-prod` with the shipped example values, naming each field', () => {
    const message = refusal({ stage: 'acme-prod', stageFile: SHIPPED_PROD });
    expect(message).toMatch(/^The acme-prod stage .* still holds the shipped example values/);
    for (const field of [
      'senderDomain (mail.acme.example)',
      'senderAddress (Acme Talent <talent@mail.acme.example>)',
      'inboundDomain (replies.acme.example)',
      'companyName (Acme)',
      'postalAddress (Acme Inc., 1 Example Street, 10115 Berlin, Germany)',
      'defaultRecruiterInbox (recruiting@acme.example)',
      'alarmEmail (oncall@acme.example)',
      'logoUrl (https://acme.example/logo.png)',
      'careersUrl',
      'privacyUrl',
    ]) {
      expect(message, field).toContain(`- ${field}`);
    }
  });

  it('synthesizes `-c stage=acme-prod` with real values, as a production stage that keeps its data', () => {
    const { config, stacks } = synth({ stage: 'acme-prod', stageFile: REAL_STAGE });
    expect(config.stage).toBe('acme-prod');
    expect(stacks.stateful.stackName).toBe('Closeloop-acme-prod-Stateful');
    expect(stacks.stateless.stackName).toBe('Closeloop-acme-prod-Stateless');
    const tables = Template.fromStack(stacks.stateful).findResources('AWS::DynamoDB::GlobalTable');
    expect(Object.values(tables).map((t) => t.DeletionPolicy)).toEqual(['Retain']);
  });

  it('names each example value given on the command line over a real stage file', () => {
    const message = refusal({
      stage: 'acme-prod',
      stageFile: REAL_STAGE,
      companyName: 'ACME',
      alarmEmail: 'oncall@acme.example',
      postalAddress: 'Acme Inc., 1 Example Street, 10115 Berlin, Germany',
    });
    expect(message.split('\n').filter((line) => line.startsWith('  - '))).toEqual([
      '  - companyName (ACME): the example company',
      '  - postalAddress (Acme Inc., 1 Example Street, 10115 Berlin, Germany): the example address',
      '  - alarmEmail (oncall@acme.example): a documentation or example domain',
    ]);
  });

  it('requires an alarm email outside dev', () => {
    const { config } = synth({ stage: 'acme-prod', stageFile: REAL_STAGE });
    expect(exampleValueFields({ ...config, alarmEmail: undefined })).toEqual([
      'alarmEmail (unset): required outside dev, or alarms reach nobody',
    ]);
  });

  it('lets the dev stage keep the examples', () => {
    expect(synth({ stage: 'dev' }).config.companyName).toBe('Acme');
    expect(synth({}).config.stage).toBe('dev');
  });

  it('reads infra/stages/<name>.json, and says how to make one when it is missing', () => {
    expect(refusal({ stage: 'prod' })).toMatch(/The prod stage \(.*infra\/stages\/prod\.json\) still holds/);
    expect(refusal({ stage: 'acme-prod' })).toMatch(
      /No stage file .*infra\/stages\/acme-prod\.json: copy infra\/stages\/prod\.json/,
    );
  });

  it("names the stage after the file's name when -c stage is not given", () => {
    expect(synth({ stageFile: REAL_STAGE }).config.stage).toBe('real-stage');
  });

  it('refuses a stage name that cannot name resources', () => {
    expect(refusal({ stage: 'Acme_Prod', stageFile: REAL_STAGE })).toMatch(/Invalid Acme_Prod configuration .*stage:/);
    expect(refusal({ stage: 'a-very-long-stage-name', stageFile: REAL_STAGE })).toMatch(/at most 16/);
  });

  it('knows the documentation domains and the example company', () => {
    for (const domain of ['acme.example', 'mail.example.com', 'x.test', 'acme.com', 'replies.acme.io']) {
      expect(isExampleDomain(domain), domain).toBe(true);
    }
    for (const domain of ['northwind-hiring.net', 'example-corp.io', 'acmeco.de']) {
      expect(isExampleDomain(domain), domain).toBe(false);
    }
  });
});

describe('npm run deploy|diff -- --stage <name>', () => {
  it('runs cdk on every stack of the named stage, passing other options through', () => {
    expect(cdkArguments('deploy', ['--stage', 'acme-prod', '--require-approval', 'never'])).toEqual([
      'deploy',
      '--all',
      '-c',
      'stage=acme-prod',
      '--require-approval',
      'never',
    ]);
    expect(cdkArguments('diff', ['--stage=acme-prod', '--stage-file', '../acme.json'])).toEqual([
      'diff',
      '--all',
      '-c',
      'stage=acme-prod',
      '-c',
      'stageFile=../acme.json',
    ]);
  });

  it('never assumes a stage', () => {
    expect(cdkArguments('deploy', [])).toEqual({ problem: expect.stringMatching(/^Which stage\? usage/) });
    expect(cdkArguments('deploy', ['--stage'])).toEqual({ problem: expect.stringMatching(/^--stage needs a value/) });
    expect(cdkArguments('diff', ['--stage', '--all'])).toEqual({ problem: expect.stringMatching(/needs a value/) });
  });
});

describe('a custom MAIL FROM domain (mailFromDomain)', () => {
  it('is set on the SES identity, with its MX and SPF records as outputs', () => {
    const { stacks } = synth({
      stage: 'acme-prod',
      stageFile: REAL_STAGE,
      mailFromDomain: 'bounce.mail.northwind-hiring.net',
    });
    const stateful = Template.fromStack(stacks.stateful);
    stateful.hasResourceProperties('AWS::SES::EmailIdentity', {
      MailFromAttributes: {
        MailFromDomain: 'bounce.mail.northwind-hiring.net',
        BehaviorOnMxFailure: 'USE_DEFAULT_VALUE',
      },
    });
    const outputs = stateful.findOutputs('*');
    expect(JSON.stringify(outputs.MailFromMxRecord?.Value)).toContain(
      'bounce.mail.northwind-hiring.net MX 10 feedback-smtp.',
    );
    expect(outputs.MailFromSpfRecord?.Value).toBe(
      'bounce.mail.northwind-hiring.net TXT "v=spf1 include:amazonses.com ~all"',
    );
  });

  it('must be a subdomain of the sender domain', () => {
    expect(refusal({ stage: 'acme-prod', stageFile: REAL_STAGE, mailFromDomain: 'bounce.elsewhere.net' })).toMatch(
      /mailFromDomain: must be a subdomain of senderDomain/,
    );
  });
});
