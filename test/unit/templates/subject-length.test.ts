import { describe, expect, it } from 'vitest';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { escapeHtml } from '#adapters/templates/render-segments.ts';
import { emailVariables } from '#core/domain/email-variables.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { sampleBranding, sampleNotice } from '#templates/samples/sample-notices.ts';
import { visibleBlocks } from '#test/support/email-text.ts';

const renderer = new CompiledTemplateRenderer(catalog);
const pairs = Object.entries(catalog.locales).flatMap(([templateId, locales]) =>
  locales.map((locale) => [templateId, locale] as const),
);

const graphemes = (value: string) => [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(value)];
/** Where graphemes end: a cut anywhere else splits a character as people see it (or a surrogate pair). */
const graphemeEnds = (value: string) => new Set(graphemes(value).map((g) => g.index + g.segment.length));

/** `unit` repeated to the contract's 200-character limit for `job.title`, cut between graphemes. */
function title200(unit: string): string {
  let title = '';
  for (const { segment } of graphemes(unit.repeat(Math.ceil(200 / unit.length)))) {
    if (title.length + segment.length > 200) break;
    title += segment;
  }
  return title.trim();
}

/** Long titles in the scripts and shapes they come in. */
const TITLES: Record<string, string> = {
  'English words': title200(
    'Senior Staff Software Engineer, Distributed Data Infrastructure and Machine Learning Platform (Payments, Risk, Fraud Detection and Identity), Remote within the European Union ',
  ),
  'German compounds': title200(
    'Softwareentwicklungsingenieurin für Datenbankinfrastruktur und Hochverfügbarkeitssysteme (m/w/d) ',
  ),
  'one word without end': title200('Ü'),
  'Japanese, no spaces': title200('シニアソフトウェアエンジニア（分散データ基盤・機械学習プラットフォーム担当）'),
  'emoji sequences': title200('👩🏽‍💻 Platform Engineer 🚀 '),
  'combining accents': title200('Re\u0301dacteur te\u0301chnique se\u0301nior '),
};

function render(templateId: string, locale: string, title: string, branding: { companyName?: string } = {}) {
  const notice = sampleNotice(templateId, locale, 'full');
  return renderer.render(
    templateId,
    locale,
    emailVariables({ ...notice, job: { ...notice.job, title } }, { ...sampleBranding('full'), ...branding }),
  );
}

/** The start of the title the subject kept before its ellipsis, or undefined when it shows none of it. */
function keptTitle(subject: string, title: string): string | undefined {
  const ellipsis = subject.indexOf('…');
  if (ellipsis === -1) return undefined;
  for (let start = 0; start < ellipsis; start += 1) {
    const kept = subject.slice(start, ellipsis);
    if (title.startsWith(kept)) return kept;
  }
  return undefined;
}

describe('subjects stay under 78 characters', () => {
  describe.each(Object.entries(TITLES))('with a 200-character job title: %s', (_, title) => {
    it.each(pairs)('%s in %s shortens the title with an ellipsis between graphemes', (templateId, locale) => {
      const subjectNamesTheJob = render(templateId, locale, 'JOB-TITLE').subject.includes('JOB-TITLE');

      const email = render(templateId, locale, title);

      expect(email.subject.length, email.subject).toBeLessThan(78);
      expect(email.subject).not.toMatch(/\p{Cs}/u);
      const kept = keptTitle(email.subject, title);
      if (subjectNamesTheJob) {
        expect(kept, email.subject).toBeDefined();
        expect(graphemeEnds(title).has(kept?.length ?? -1), email.subject).toBe(true);
        expect(kept?.length ?? 0, email.subject).toBeGreaterThan(15);
      } else {
        expect(email.subject).not.toContain('…');
      }
      // Only the subject is short of room: the body names the whole job.
      expect(email.text).toContain(title);
      expect(visibleBlocks(email.html).join('\n')).toContain(title);
    });
  });

  it.each(pairs)('%s in %s cuts a title of words after a whole word', (templateId, locale) => {
    const title = TITLES['English words'] ?? '';

    const { subject } = render(templateId, locale, title);

    const kept = keptTitle(subject, title);
    if (kept === undefined) return expect(subject).not.toContain('…');
    expect(kept).toMatch(/[\p{L}\p{N}]$/u);
    expect(title.slice(kept.length)).toMatch(/^[^\p{L}\p{N}]/u);
  });

  it('cuts Japanese between the words ICU knows, not after a fixed count', () => {
    const title = TITLES['Japanese, no spaces'] ?? '';
    const words = [...new Intl.Segmenter('ja', { granularity: 'word' }).segment(title)];
    const wordEnds = new Set(words.map((w) => w.index + w.segment.length));

    const { subject } = render('position-closed', 'en', title);

    expect(wordEnds.has(keptTitle(subject, title)?.length ?? -1), subject).toBe(true);
  });

  it('leaves every sample subject as the template writes it', () => {
    for (const [templateId, locale] of pairs) {
      const notice = sampleNotice(templateId, locale, 'full');

      const { subject } = render(templateId, locale, notice.job.title);

      expect(subject, `${templateId}/${locale}`).not.toContain('…');
    }
  });

  it('shortens a long company name too, longest value first, and keeps a short title whole', () => {
    const companyName = 'Acme Intercontinental Holdings for Really Quite Long Company Names GmbH & Co. KGaA';

    const { subject } = render('application-review', 'en', 'Data Engineer', { companyName });

    expect(subject.length, subject).toBeLessThan(78);
    expect(subject).toMatch(/^Your application for Data Engineer at Acme Intercontinental [^…]*…$/);
  });

  it('keeps the shortened subject in the HTML title, escaped', () => {
    const title = '<b>"Lead" & '.repeat(20).trim();

    const email = render('application-review', 'en', title);

    expect(email.subject.length).toBeLessThan(78);
    expect(email.subject).toContain('…');
    expect(email.html).toContain(`<title>${escapeHtml(email.subject)}</title>`);
  });
});
