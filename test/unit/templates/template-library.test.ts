import { describe, expect, it } from 'vitest';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { escapeHtml } from '#adapters/templates/render-segments.ts';
import { DEFAULT_TEMPLATE_SELECTION } from '#core/domain/default-template-selection.ts';
import { emailVariables } from '#core/domain/email-variables.ts';
import { TemplateVariableError } from '#core/domain/errors.ts';
import { REASON_CATEGORIES } from '#core/domain/reason-and-stage.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { LOCALES, sampleBranding, sampleNotice, VARIANTS } from '#templates/samples/sample-notices.ts';
import { partsDiffer, visibleBlocks } from '#test/support/email-text.ts';

const renderer = new CompiledTemplateRenderer(catalog);
const TEMPLATES = [
  'application-review',
  'phone-screen',
  'after-interviews',
  'position-closed',
  'withdrawal-acknowledgement',
  'keep-in-touch',
  'general-rejection',
];
const pairs = TEMPLATES.flatMap((templateId) => LOCALES.map((locale) => [templateId, locale] as const));

function render(templateId: string, locale: string, variant: 'full' | 'minimal', overrides = {}) {
  const notice = { ...sampleNotice(templateId, locale, variant), ...overrides };
  return renderer.render(templateId, locale, emailVariables(notice, sampleBranding(variant)));
}

describe('the template library', () => {
  it('has every situation in English, German, French and Spanish, and nothing else', () => {
    expect(Object.keys(catalog.locales).sort()).toEqual([...TEMPLATES].sort());
    for (const templateId of TEMPLATES)
      expect([...(catalog.locales[templateId] ?? [])].sort()).toEqual(['de', 'en', 'es', 'fr']);
  });

  it('has a template for every rule of the default selection', () => {
    const named = [
      DEFAULT_TEMPLATE_SELECTION.defaultTemplate,
      ...DEFAULT_TEMPLATE_SELECTION.rules.map((r) => r.templateId),
    ];
    for (const id of named) expect(catalog.locales[id], id).toBeDefined();
  });

  describe.each(pairs)('%s in %s', (templateId, locale) => {
    it.each(VARIANTS)('renders the %s sample completely, in its language', (variant) => {
      const email = render(templateId, locale, variant);

      for (const part of [email.subject, email.preheader, email.html, email.text]) {
        expect(part).not.toMatch(/\{\{|\}\}/);
        expect(part).not.toMatch(/undefined|null|NaN/);
      }
      expect(email.html).toContain(`<html lang="${locale}"`);
      expect(email.html).toContain(`<title>${email.subject.replaceAll('&', '&amp;')}</title>`);
      expect(email.html).toContain(email.preheader.replaceAll('’', '’'));
    });

    it('keeps the subject under 78 characters and writes a preheader', () => {
      for (const variant of VARIANTS) {
        const { subject, preheader } = render(templateId, locale, variant);
        expect(subject.length, subject).toBeLessThan(78);
        expect(preheader.length, preheader).toBeGreaterThan(20);
        expect(preheader.length, preheader).toBeLessThan(110);
      }
    });

    it.each(REASON_CATEGORIES)('says the same in HTML and plain text for the reason %s', (reason) => {
      for (const variant of VARIANTS) {
        const email = render(templateId, locale, variant, { reason });

        expect(partsDiffer(email.html, email.text)).toEqual({ missingFromHtml: [], missingFromText: [] });
      }
    });

    it('greets the candidate, names the job and signs with the recruiter in both parts', () => {
      const notice = sampleNotice(templateId, locale, 'full');
      const email = render(templateId, locale, 'full');
      const greeting = locale === 'de' ? notice.candidate.name : notice.candidate.name.split(' ')[0];

      for (const part of [visibleBlocks(email.html).join('\n'), email.text]) {
        expect(part).toContain(greeting);
        expect(part).toContain(notice.job.title);
        expect(part).toContain(notice.recruiter?.name);
        expect(part).toContain(notice.personalNote?.split('\n')[0]);
        expect(part).toContain('Acme Inc., 1 Example Street');
      }
    });

    it('refuses to render without each required value', () => {
      const full = emailVariables(sampleNotice(templateId, locale, 'full'), sampleBranding('full'));
      const required = ['jobTitle', 'companyName', 'postalAddress', 'brandColor', 'backgroundColor'];
      required.push(locale === 'de' ? 'fullName' : 'firstName');

      for (const name of required) {
        expect(() => renderer.render(templateId, locale, { ...full, [name]: '' }), name).toThrow(TemplateVariableError);
        expect(() => renderer.render(templateId, locale, { ...full, [name]: undefined }), name).toThrow(name);
      }
    });
  });

  it('explains each reason category in its own words', () => {
    for (const [templateId, locale] of pairs.filter(([id]) => id !== 'withdrawal-acknowledgement')) {
      const reasons =
        templateId === 'position-closed'
          ? ['position-filled', 'position-closed']
          : ['skills-mismatch', 'experience-mismatch', 'position-filled', 'position-closed', 'other'];
      const texts = reasons.map((reason) => render(templateId, locale, 'minimal', { reason }).text);
      expect(new Set(texts).size, `${templateId}/${locale}`).toBe(texts.length);
    }
  });

  it('offers to stay in touch only when the recruiter asked to', () => {
    for (const locale of LOCALES) {
      const asked = render('withdrawal-acknowledgement', locale, 'minimal', { keepInTouch: true }).text;
      const notAsked = render('withdrawal-acknowledgement', locale, 'minimal', { keepInTouch: false }).text;
      expect(asked).not.toBe(notAsked);
    }
  });
});

describe('candidate text in the emails', () => {
  const hostile = {
    script: '<script>alert(1)</script>',
    attribute: '"><img src=x onerror=alert(1)>',
    quote: "' onmouseover='alert(1)",
  };

  it.each(pairs)('%s in %s shows hostile values as text, in text and attribute positions', (templateId, locale) => {
    for (const value of Object.values(hostile)) {
      const notice = sampleNotice(templateId, locale, 'full');
      const email = renderer.render(
        templateId,
        locale,
        emailVariables(
          {
            ...notice,
            // The name lands in the greeting (text), the job title in the subject, which the HTML repeats in
            // <title> and in the aria-label attribute of the message container.
            candidate: { ...notice.candidate, name: value, firstName: value },
            job: { ...notice.job, title: value },
            recruiter: { name: value, title: value },
            personalNote: `${value}\n${value}`,
          },
          { ...sampleBranding('full'), companyName: value },
        ),
      );

      expect(email.html).not.toContain('<script');
      expect(email.html).not.toContain('<img src=x');
      expect(email.html).not.toMatch(/\sonerror=|\sonmouseover=/);
      // Attribute positions: the logo's alt text (the company name), and the subject in aria-label.
      expect(email.html).toContain(`alt="${escapeHtml(value)}"`);
      expect(email.html).toContain(`aria-label="${escapeHtml(email.subject)}"`);
      expect(email.text).toContain(value);
    }
  });
});
