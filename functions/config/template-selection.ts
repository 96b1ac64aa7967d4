import { type TemplateSelectionOverrides, withDefaultSelection } from '#core/domain/default-template-selection.ts';
import type { TemplateSelectionRules } from '#core/domain/template-selection.ts';
import { ConfigError } from './app-config.ts';

/**
 * The selection rules for the templates the build produced, with the operator's overrides first. A rule or
 * default naming a template or locale that does not exist fails at start-up, not at the first decision.
 */
export function selectionRules(
  available: Readonly<Record<string, readonly string[]>>,
  overrides: TemplateSelectionOverrides = {},
): TemplateSelectionRules {
  const config = withDefaultSelection(overrides);
  const problems: string[] = [];
  const named = new Set([config.defaultTemplate, ...(overrides.rules ?? []).map((r) => r.templateId)]);
  for (const id of named) if (available[id] === undefined) problems.push(`no template "${id}"`);
  if (available[config.defaultTemplate]?.includes(config.defaultLocale) === false) {
    problems.push(`the default template "${config.defaultTemplate}" has no locale "${config.defaultLocale}"`);
  }
  if (problems.length > 0) {
    throw new ConfigError(
      `Invalid template selection: ${problems.join('; ')} (templates: ${Object.keys(available).sort().join(', ')})`,
    );
  }
  return { available, ...config };
}
