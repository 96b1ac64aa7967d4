import { describe, expect, it } from 'vitest';
import { closeloopFunctions, synthStage } from './support/synth.ts';

type Environment = Record<string, string | undefined>;

function functionEnvironments(synth: ReturnType<typeof synthStage>): Environment[] {
  const functions = closeloopFunctions(synth.stateless);
  return Object.values(functions).map((fn) => (fn.Properties?.Environment?.Variables ?? {}) as Environment);
}

describe('the emails’ branding in a deployed stage', () => {
  it('gives every function the stage’s branding, links and colours', () => {
    const environments = functionEnvironments(synthStage('prod'));

    expect(environments.length).toBeGreaterThanOrEqual(3);
    for (const env of environments) {
      expect(env).toMatchObject({
        CLOSELOOP_COMPANY_NAME: 'Acme',
        CLOSELOOP_BRAND_COLOR: '#1f6feb',
        CLOSELOOP_BACKGROUND_COLOR: '#f3f4f6',
        CLOSELOOP_COMPANY_LOGO_URL: 'https://acme.example/logo.png',
        CLOSELOOP_CAREERS_URL: 'https://acme.example/careers',
        CLOSELOOP_PRIVACY_URL: 'https://acme.example/privacy/applicants',
      });
      // Unset: each template signs as its own language's recruiting team.
      expect(env.CLOSELOOP_DEFAULT_RECRUITER_NAME).toBeUndefined();
    }
  });

  it('passes template selection rules from context to the functions as JSON', () => {
    const rules = { rules: [{ stage: 'offer', templateId: 'keep-in-touch' }] };

    const [env] = functionEnvironments(synthStage('dev', { templateSelection: JSON.stringify(rules) }));

    expect(JSON.parse(env?.CLOSELOOP_TEMPLATE_SELECTION ?? '{}')).toEqual(rules);
  });

  it('refuses rules naming a template that does not exist, or a link that is not https', () => {
    expect(() =>
      synthStage('dev', { templateSelection: '{"rules":[{"reason":"other","templateId":"no-such"}]}' }),
    ).toThrow(/templateSelection: .*no template "no-such"/);
    expect(() => synthStage('dev', { templateSelection: '{"rules":[{"reason":"bored"' })).toThrow(/templateSelection/);
    expect(() => synthStage('dev', { careersUrl: 'http://acme.example/careers' })).toThrow(/careersUrl/);
  });
});
