import { TemplateVariableError } from '#core/domain/errors.ts';
import type { RenderedEmail, TemplateRenderer, TemplateVariables } from '#core/ports/template-renderer.ts';
import { renderSubject } from './fit-subject.ts';
import {
  escapeHtmlAttribute,
  escapeHtmlText,
  isSet,
  plainText,
  renderSegments,
  singleLine,
} from './render-segments.ts';
import type { TemplateSource } from './segments.ts';

const HEX_COLOR = /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/;

/**
 * The values a template uses are validated by their name's suffix: `…Url` must be an https URL, `…Color` a hex
 * colour. That keeps a `javascript:` link or a CSS injection out of attribute positions whatever the escaping.
 */
function invalidVariables(names: readonly string[], variables: TemplateVariables): string[] {
  const bad: string[] = [];
  for (const name of names) {
    const value = variables[name];
    if (typeof value !== 'string' || value === '') continue;
    if (name.endsWith('Url')) {
      let ok = false;
      try {
        ok = new URL(value).protocol === 'https:';
      } catch {
        ok = false;
      }
      if (!ok) bad.push(name);
    } else if (name.endsWith('Color') && !HEX_COLOR.test(value)) bad.push(name);
  }
  return bad;
}

/** Renders precompiled templates (see `npm run build:templates`); MJML never runs here. */
export class CompiledTemplateRenderer implements TemplateRenderer {
  constructor(private readonly source: TemplateSource) {}

  /** templateId → locales, for template selection. Loads no template. */
  available(): Record<string, string[]> {
    return Object.fromEntries(Object.entries(this.source.locales).map(([id, locales]) => [id, [...locales]]));
  }

  render(templateId: string, locale: string, variables: TemplateVariables): RenderedEmail {
    const template = this.source.template(templateId, locale);
    if (template === undefined) {
      throw new TemplateVariableError(`No template ${templateId} in locale ${locale}`, []);
    }
    const missing = template.required.filter((name) => !isSet(variables[name]));
    if (missing.length > 0) {
      throw new TemplateVariableError(`Missing required variables: ${missing.join(', ')}`, missing);
    }
    const invalid = invalidVariables(template.variables, variables);
    if (invalid.length > 0) {
      throw new TemplateVariableError(
        `Invalid variables (https URLs and hex colours only): ${invalid.join(', ')}`,
        invalid,
      );
    }
    const subject = renderSubject(template.subject, variables, locale);
    const preheader = singleLine(renderSegments(template.preheader, variables, singleLine)).trim();
    const html = renderSegments(
      template.html,
      (name) => (name === 'subject' ? subject : name === 'preheader' ? preheader : variables[name]),
      escapeHtmlText,
      escapeHtmlAttribute,
    );
    const text = renderSegments(template.text, variables, plainText);
    return { subject, preheader, html, text };
  }
}
