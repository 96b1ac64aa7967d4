import type { Branding } from '../domain/branding.ts';
import { emailVariables } from '../domain/email-variables.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { Notice } from '../domain/notice.ts';
import type { RenderedEmail, TemplateRenderer } from '../ports/template-renderer.ts';

export type SampleVariant = 'full' | 'minimal';

export interface TemplatePreview extends RenderedEmail {
  readonly templateId: string;
  readonly locale: string;
  readonly variant: SampleVariant;
}

export interface TemplateListing {
  readonly id: string;
  readonly locales: string[];
}

export interface TemplatePreviews {
  /** Every template the build produced, with the locales it is written in. */
  readonly list: () => TemplateListing[];
  /** Throws NotFoundError for a template, or a locale of it, the build did not produce. */
  readonly preview: (templateId: string, locale: string, variant: SampleVariant) => TemplatePreview;
}

export interface TemplatePreviewDeps {
  readonly renderer: TemplateRenderer;
  readonly available: Readonly<Record<string, readonly string[]>>;
  /** A notice as a decision would plan it, with sample people in the locale's language (the gallery's). */
  readonly sampleNotice: (templateId: string, locale: string, variant: SampleVariant) => Notice;
  /** The deployment's own branding: the preview shows what its candidates would get. */
  readonly branding: Branding;
}

/**
 * Renders any template × locale with sample data, as the send would render it, without any notice existing:
 * what a recruiter reads before choosing a template or writing a rule.
 *
 *  1. Check the template and the locale exist (a 404 names what does).
 *  2. Build the sample notice for them and render it with the deployment's branding.
 */
export function makeTemplatePreviews(deps: TemplatePreviewDeps): TemplatePreviews {
  return {
    list: () =>
      Object.entries(deps.available)
        .map(([id, locales]) => ({ id, locales: [...locales].sort() }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    preview: (templateId, locale, variant) => {
      const locales = deps.available[templateId];
      if (locales === undefined) {
        throw new NotFoundError(
          `No template ${templateId}; templates: ${Object.keys(deps.available).sort().join(', ')}`,
        );
      }
      if (!locales.includes(locale)) {
        throw new NotFoundError(`Template ${templateId} is not written in ${locale}; locales: ${locales.join(', ')}`);
      }
      const notice = deps.sampleNotice(templateId, locale, variant);
      const email = deps.renderer.render(templateId, locale, emailVariables(notice, deps.branding));
      return { templateId, locale, variant, ...email };
    },
  };
}
