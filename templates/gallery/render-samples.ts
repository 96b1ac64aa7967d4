import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import type { TemplateSource } from '#adapters/templates/segments.ts';
import { emailVariables } from '#core/domain/email-variables.ts';
import type { RenderedEmail } from '#core/ports/template-renderer.ts';
import { sampleBranding, sampleNotice, VARIANTS, type Variant } from '../samples/sample-notices.ts';

export interface RenderedSample {
  readonly templateId: string;
  readonly locale: string;
  readonly variant: Variant;
  readonly email: RenderedEmail;
}

/** Every template × locale × variant rendered through the runtime renderer, as a send would render it. */
export function renderSamples(source: TemplateSource): RenderedSample[] {
  const renderer = new CompiledTemplateRenderer(source);
  const samples: RenderedSample[] = [];
  for (const [templateId, locales] of Object.entries(source.locales).sort(([a], [b]) => a.localeCompare(b))) {
    for (const locale of locales) {
      for (const variant of VARIANTS) {
        const notice = sampleNotice(templateId, locale, variant);
        const email = renderer.render(templateId, locale, emailVariables(notice, sampleBranding(variant)));
        samples.push({ templateId, locale, variant, email });
      }
    }
  }
  return samples;
}
