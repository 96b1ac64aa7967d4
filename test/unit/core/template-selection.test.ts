import { describe, expect, it } from 'vitest';
import { ConfigError } from '#config/app-config.ts';
import { selectionRules } from '#config/template-selection.ts';
import { DEFAULT_TEMPLATE_SELECTION } from '#core/domain/default-template-selection.ts';
import { ruleBasedSelector, type SelectionInput } from '#core/domain/template-selection.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { aDecision } from '#test/support/builders.ts';
import { unitWorld } from '#test/support/unit-world.ts';

const selector = ruleBasedSelector(selectionRules(catalog.locales));
const pick = (input: SelectionInput) => selector.select(input).templateId;

describe('choosing the email for a decision', () => {
  it('lets the stage pick the template when the reason says nothing more', () => {
    expect(pick({ reason: 'skills-mismatch', stage: 'application-review' })).toBe('application-review');
    expect(pick({ reason: 'experience-mismatch', stage: 'phone-screen' })).toBe('phone-screen');
    expect(pick({ reason: 'skills-mismatch', stage: 'interview' })).toBe('after-interviews');
    expect(pick({ reason: 'other', stage: 'offer' })).toBe('after-interviews');
  });

  it('says a role was filled or closed whatever the stage', () => {
    expect(pick({ reason: 'position-filled', stage: 'application-review' })).toBe('position-closed');
    expect(pick({ reason: 'position-closed', stage: 'interview' })).toBe('position-closed');
  });

  it('acknowledges a withdrawal, even for a candidate the recruiter wants to keep in touch with', () => {
    expect(pick({ reason: 'withdrawn', stage: 'interview' })).toBe('withdrawal-acknowledgement');
    expect(pick({ reason: 'withdrawn', stage: 'interview', keepInTouch: true })).toBe('withdrawal-acknowledgement');
  });

  it('sends the keep-in-touch email when the recruiter asks for it', () => {
    expect(pick({ reason: 'position-filled', stage: 'interview', keepInTouch: true })).toBe('keep-in-touch');
    expect(pick({ reason: 'skills-mismatch', stage: 'application-review', keepInTouch: true })).toBe('keep-in-touch');
  });

  it('falls back to the general template when no rule matches', () => {
    expect(pick({ reason: 'other', stage: 'other' })).toBe('general-rejection');
    expect(pick({ reason: 'skills-mismatch', stage: 'other' })).toBe('general-rejection');
  });

  it('falls back from a regional locale to its language, and from an unknown one to English', () => {
    const choose = (locale?: string) =>
      selector.select({ reason: 'other', stage: 'other', ...(locale ? { locale } : {}) });

    expect(choose('de-CH')).toMatchObject({ locale: 'de', because: expect.stringContaining('de-CH → de') });
    expect(choose('FR')).toMatchObject({ locale: 'fr' });
    expect(choose('es-419')).toMatchObject({ locale: 'es' });
    expect(choose('pt-BR')).toMatchObject({ locale: 'en', because: expect.stringContaining('pt-BR not available') });
    expect(choose(undefined)).toMatchObject({ locale: 'en' });
  });

  it('tries the operator’s rules before the defaults', () => {
    const custom = ruleBasedSelector(
      selectionRules(catalog.locales, {
        rules: [{ stage: 'offer', templateId: 'keep-in-touch' }],
        defaultTemplate: 'application-review',
      }),
    );

    expect(custom.select({ reason: 'other', stage: 'offer' }).templateId).toBe('keep-in-touch');
    expect(custom.select({ reason: 'skills-mismatch', stage: 'interview' }).templateId).toBe('after-interviews');
    expect(custom.select({ reason: 'other', stage: 'other' }).templateId).toBe('application-review');
  });

  it('refuses, at start-up, a configuration naming a template or locale that does not exist', () => {
    expect(() => selectionRules(catalog.locales, { rules: [{ reason: 'other', templateId: 'no-such' }] })).toThrow(
      ConfigError,
    );
    expect(() => selectionRules(catalog.locales, { defaultTemplate: 'nope' })).toThrow(/no template "nope"/);
    expect(() => selectionRules(catalog.locales, { defaultLocale: 'ja' })).toThrow(/no locale "ja"/);
  });

  it('names only templates the library has', () => {
    for (const rule of DEFAULT_TEMPLATE_SELECTION.rules) expect(catalog.locales[rule.templateId]).toBeDefined();
  });
});

describe('the choice, recorded on the notice', () => {
  it('keeps the template, the locale and why, so a recruiter can see what was sent', async () => {
    const world = unitWorld();

    const [result] = await world.recordDecisions([
      aDecision({ keepInTouch: true, candidate: { locale: 'fr-CA' }, reason: 'experience-mismatch' }),
    ]);

    const notice = await world.notices.get(result?.noticeId ?? '');
    expect(notice).toMatchObject({ templateId: 'keep-in-touch', locale: 'fr', keepInTouch: true });
    expect(notice?.history[0]?.detail).toContain('keep-in-touch (fr): rule keepInTouch=true; locale fr-CA → fr');
  });

  it('follows the operator’s CLOSELOOP_TEMPLATE_SELECTION', async () => {
    const world = unitWorld({
      env: { CLOSELOOP_TEMPLATE_SELECTION: '{"rules":[{"reason":"skills-mismatch","templateId":"keep-in-touch"}]}' },
    });

    const [result] = await world.recordDecisions([aDecision({ reason: 'skills-mismatch' })]);

    expect((await world.notices.get(result?.noticeId ?? ''))?.templateId).toBe('keep-in-touch');
  });
});
