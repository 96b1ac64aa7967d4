import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import {
  escapeHtml,
  escapeHtmlAttribute,
  escapeHtmlText,
  renderSegments,
  singleLine,
} from '#adapters/templates/render-segments.ts';
import type { Segment } from '#adapters/templates/segments.ts';
import { emailVariables } from '#core/domain/email-variables.ts';
import { TemplateVariableError } from '#core/domain/errors.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { sampleBranding, sampleNotice } from '#templates/samples/sample-notices.ts';

/**
 * Properties of the template renderer for arbitrary strings: candidate text (names, job titles, a recruiter's
 * note) can never become markup, close an attribute or break a header, and a template never renders without
 * its required values. The library's own tests pin known hostile values; these try thousands of others.
 */
const renderer = new CompiledTemplateRenderer(catalog);
const pairs = Object.entries(catalog.locales).flatMap(([templateId, locales]) =>
  locales.map((locale) => [templateId, locale] as const),
);

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#96;': '`',
  '&#61;': '=',
  '&#10;': '\n',
};
const decode = (html: string) => html.replace(/&(amp|lt|gt|quot|#39|#96|#61|#10);/g, (e) => ENTITIES[e] ?? e);

/** Strings with what breaks HTML more often than chance would: markup characters, quotes, line breaks. */
const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({
    unit: fc.constantFrom('<', '>', '"', "'", '`', '=', '&', '\r', '\n', ' ', 'a', '/', ';', '#'),
    maxLength: 40,
  }),
);

describe('the template renderer, for any string', () => {
  it('escapes so that nothing special is left and decoding gives the value back', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const escaped = escapeHtml(value);
        expect(escaped).not.toMatch(/[<>"'`=]/);
        expect(decode(escaped)).toBe(value);
        const text = escapeHtmlText(value);
        // In text the only markup is the line break it adds for each of the value's line breaks.
        expect(text.replace(/<br \/>\n/g, '')).not.toMatch(/[<>"'`=\r\n]/);
        expect(decode(text.replace(/<br \/>\n/g, '\n'))).toBe(value.replace(/\r\n?/g, '\n'));
        const attribute = escapeHtmlAttribute(value);
        expect(attribute).not.toMatch(/[<>"'`=\r\n]/);
        expect(decode(attribute)).toBe(value.replace(/\r\n?/g, '\n'));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a value in an attribute inside it and in text outside any tag', () => {
    const segments: Segment[] = [
      '<a href="',
      { v: 'href', attr: true },
      '" title=\'',
      { v: 'title', attr: true },
      "'>",
      { v: 'text' },
      '</a>',
    ];
    fc.assert(
      fc.property(hostile, hostile, hostile, (href, title, text) => {
        const html = renderSegments(segments, { href, title, text }, escapeHtmlText, escapeHtmlAttribute);
        // The template's own quotes and brackets are the only ones: the values could not add or close any.
        expect(html.split('"')).toHaveLength(3);
        expect(html.split("'")).toHaveLength(3);
        expect(html.replace(/<br \/>/g, '').match(/[<>]/g)).toEqual(['<', '>', '<', '>']);
        expect(html.startsWith(`<a href="${escapeHtmlAttribute(href)}" title='${escapeHtmlAttribute(title)}'>`)).toBe(
          true,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('renders every template with any candidate text as text: never markup, never a broken subject', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...pairs),
        hostile,
        hostile,
        hostile,
        hostile,
        ([templateId, locale], name, jobTitle, note, recruiter) => {
          const probe = '<b data-probe="1">';
          const notice = {
            ...sampleNotice(templateId, locale, 'full'),
            candidate: { name: `${name}${probe}x`, email: 'candidate@example.com', locale },
            job: { id: 'job-1', title: `${jobTitle}${probe}` },
            personalNote: `${note}${probe}`,
            recruiter: { name: `${recruiter}${probe}`, title: 'Talent Partner' },
          };
          const email = renderer.render(templateId, locale, emailVariables(notice, sampleBranding('full')));

          expect(email.html).not.toContain(probe);
          expect(email.html).not.toContain('data-probe="1"');
          expect(email.html).toContain(escapeHtmlText(probe));
          expect(email.subject).not.toMatch(/[\r\n\t\u2028\u2029]/);
          expect(email.subject).toBe(singleLine(email.subject).trim());
          // The plain-text part shows values as written.
          expect(email.text).toContain(probe);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses to render without a required value, whichever is missing, and names it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...pairs),
        fc.nat(),
        fc.constantFrom(undefined, ''),
        ([templateId, locale], pick, empty) => {
          const template = catalog.template(templateId, locale);
          const required = template?.required ?? [];
          fc.pre(required.length > 0);
          const missing = required[pick % required.length] ?? '';
          const variables = {
            ...emailVariables(sampleNotice(templateId, locale, 'full'), sampleBranding('full')),
            [missing]: empty,
          };

          expect(() => renderer.render(templateId, locale, variables)).toThrow(TemplateVariableError);
          try {
            renderer.render(templateId, locale, variables);
          } catch (e: unknown) {
            expect((e as TemplateVariableError).message).toContain(missing);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
