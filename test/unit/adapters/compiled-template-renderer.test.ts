import { describe, expect, it } from 'vitest';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import type { TemplateSource } from '#adapters/templates/segments.ts';
import { inlineTemplates } from '#adapters/templates/template-source.ts';
import { TemplateVariableError } from '#core/domain/errors.ts';
import { parsePlaceholders } from '#templates/build/parse-placeholders.ts';
import { catalog } from '#templates/generated/catalog.ts';

const variables = {
  firstName: 'Ada',
  fullName: 'Ada Lovelace',
  jobTitle: 'Analytical Engineer',
  companyName: 'Acme',
  recruiterName: 'Grace Hopper',
  recruiterTitle: 'Talent Partner',
  brandColor: '#1f6feb',
  backgroundColor: '#f3f4f6',
  postalAddress: 'Acme Inc., 1 Example Street, Berlin',
  feedbackOffered: false,
};

/** A one-off template compiled the way the build compiles one (HTML values inside tags are attributes). */
function tiny(html: string, text = 'x'): TemplateSource {
  const h = parsePlaceholders(html, 'html', { html: true });
  const t = parsePlaceholders(text, 'text');
  return inlineTemplates({
    t: {
      en: {
        subject: ['S'],
        preheader: ['P'],
        html: h.segments,
        text: t.segments,
        required: [...h.required, ...t.required],
        variables: [...h.variables, ...t.variables],
      },
    },
  });
}

describe('the compiled template renderer', () => {
  const renderer = new CompiledTemplateRenderer(catalog);

  it('renders the general rejection with subject, preheader, HTML and text that say the same', () => {
    const email = renderer.render('general-rejection', 'en', variables);

    expect(email.subject).toBe('Your application for Analytical Engineer at Acme');
    expect(email.preheader).toMatch(/thank you/i);
    expect(email.html).toContain('<title>Your application for Analytical Engineer at Acme</title>');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Hi Ada,');
      expect(part).toContain('not to move forward');
      expect(part).toContain('Grace Hopper');
      expect(part).toContain('Talent Partner');
    }
    expect(email.html).not.toMatch(/\{\{|\}\}/);
    expect(email.text).not.toMatch(/\{\{|\}\}/);
  });

  it('shows optional sections only when their variable is set', () => {
    const without = renderer.render('general-rejection', 'en', { ...variables, recruiterTitle: undefined });
    const withNote = renderer.render('general-rejection', 'en', {
      ...variables,
      personalNote: 'It was a close call.',
      feedbackOffered: true,
    });

    expect(without.text).not.toContain('Talent Partner');
    expect(without.text).not.toContain('feedback');
    expect(withNote.text).toContain('It was a close call.');
    expect(withNote.html).toContain('It was a close call.');
    expect(withNote.text).toMatch(/feedback/);
  });

  it('signs as the recruiting team, in the email’s language, when no recruiter is named', () => {
    const { recruiterName: _, recruiterTitle: __, ...anonymous } = variables;

    expect(renderer.render('general-rejection', 'en', anonymous).text).toContain(
      'Best wishes,\nThe recruiting team\nAcme',
    );
    expect(renderer.render('general-rejection', 'de', anonymous).text).toContain(
      'Viele Grüße\nIhr Recruiting-Team\nAcme',
    );
  });

  it('keeps a personal note’s line breaks in both parts', () => {
    const email = renderer.render('general-rejection', 'en', {
      ...variables,
      personalNote: 'First line.\r\nSecond line.',
    });

    expect(email.html).toContain('First line.<br />\nSecond line.');
    expect(email.text).toContain('First line.\nSecond line.');
  });

  it('escapes a hostile candidate name in text positions', () => {
    const email = renderer.render('general-rejection', 'en', { ...variables, firstName: '<script>alert(1)</script>' });

    expect(email.html).not.toContain('<script>alert(1)</script>');
    expect(email.html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;,');
  });

  it('escapes values in attribute positions so they cannot close the attribute', () => {
    const attr = new CompiledTemplateRenderer(tiny('<img alt="{{companyName}}" src="https://x.example/a.png">'));

    const email = attr.render('t', 'en', { companyName: '"><img src=x onerror=alert(1)>\nnext' });

    expect(email.html).toBe(
      '<img alt="&quot;&gt;&lt;img src&#61;x onerror&#61;alert(1)&gt;&#10;next" src="https://x.example/a.png">',
    );
  });

  it('keeps the subject on one line whatever the job title holds', () => {
    const email = renderer.render('general-rejection', 'en', {
      ...variables,
      jobTitle: 'Engineer\r\nBcc: victim@example.com',
    });

    expect(email.subject).toBe('Your application for Engineer Bcc: victim@example.com at Acme');
  });

  it('refuses to render when a required variable is missing, naming it', () => {
    const render = () => renderer.render('general-rejection', 'en', { ...variables, jobTitle: '' });

    expect(render).toThrow(TemplateVariableError);
    expect(render).toThrow(/jobTitle/);
  });

  it('accepts only https URLs and hex colours', () => {
    for (const logoUrl of ['http://acme.example/logo.png', 'javascript:alert(1)', 'not a url']) {
      expect(() => renderer.render('general-rejection', 'en', { ...variables, logoUrl })).toThrow(/logoUrl/);
    }
    expect(() =>
      renderer.render('general-rejection', 'en', { ...variables, brandColor: 'red;background:url(x)' }),
    ).toThrow(/brandColor/);
    const withLogo = renderer.render('general-rejection', 'en', {
      ...variables,
      logoUrl: 'https://acme.example/logo.png',
    });
    expect(withLogo.html).toContain('src="https://acme.example/logo.png"');
  });

  it('refuses an unknown template or locale', () => {
    expect(() => renderer.render('nope', 'en', variables)).toThrow(TemplateVariableError);
    expect(() => renderer.render('general-rejection', 'xx', variables)).toThrow(/locale xx/);
  });

  it('lists the templates and their locales without unpacking any', () => {
    expect(renderer.available()['general-rejection']?.sort()).toEqual(['de', 'en', 'es', 'fr']);
  });
});

describe('placeholder parsing at build time', () => {
  it('marks variables outside sections as required and inside as optional', () => {
    const parsed = parsePlaceholders('Hi {{name}}{{#note}} ({{note}}, {{extra}}){{/note}}{{^note}}!{{/note}}', 't');

    expect([...parsed.required]).toEqual(['name']);
    expect([...parsed.variables].sort()).toEqual(['extra', 'name', 'note']);
  });

  it('marks values inside an HTML tag as attributes', () => {
    const parsed = parsePlaceholders('<a href="{{url}}" title="{{name}}">{{name}}</a>', 'html', { html: true });

    expect(parsed.segments).toEqual([
      '<a href="',
      { v: 'url', attr: true },
      '" title="',
      { v: 'name', attr: true },
      '">',
      { v: 'name' },
      '</a>',
    ]);
  });

  it('drops a section tag’s line when the tag stands alone on it', () => {
    const parsed = parsePlaceholders('a\n{{#x}}\nb\n{{/x}}\nc\n', 't');

    expect(parsed.segments).toEqual(['a\n', { if: 'x', body: ['b\n'] }, 'c\n']);
  });

  it('rejects unbalanced and malformed sections', () => {
    expect(() => parsePlaceholders('{{#a}}x', 't')).toThrow(/never closed/);
    expect(() => parsePlaceholders('{{#a}}x{{/b}}', 't')).toThrow(/closes/);
    expect(() => parsePlaceholders('{{ bad name }}', 't')).toThrow(/malformed/);
  });
});
