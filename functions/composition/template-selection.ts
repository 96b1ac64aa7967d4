import { ConfigError } from '#adapters/env/app-config.ts';
import type { TemplateRule, TemplateSelectionRules } from '#core/domain/template-selection.ts';

export interface TemplateSelectionConfig {
  readonly defaultTemplate: string;
  readonly defaultLocale: string;
  readonly rules: readonly TemplateRule[];
}

/** What an operator may change (`CLOSELOOP_TEMPLATE_SELECTION`): their rules are tried before the defaults. */
export interface TemplateSelectionOverrides {
  readonly defaultTemplate?: string;
  readonly defaultLocale?: string;
  readonly rules?: readonly TemplateRule[];
}

/**
 * Which email a decision gets, first match wins. A withdrawal is acknowledged, never answered with a
 * rejection; a role that was filled or closed says so whatever the stage; a candidate the recruiter wants to
 * keep in touch with hears that; otherwise the stage decides. Anything else gets the general template.
 */
export const DEFAULT_TEMPLATE_SELECTION: TemplateSelectionConfig = {
  defaultTemplate: 'general-rejection',
  defaultLocale: 'en',
  rules: [
    { reason: 'withdrawn', templateId: 'withdrawal-acknowledgement' },
    { keepInTouch: true, templateId: 'keep-in-touch' },
    { reason: 'position-filled', templateId: 'position-closed' },
    { reason: 'position-closed', templateId: 'position-closed' },
    { stage: 'application-review', templateId: 'application-review' },
    { stage: 'phone-screen', templateId: 'phone-screen' },
    { stage: 'interview', templateId: 'after-interviews' },
    { stage: 'offer', templateId: 'after-interviews' },
  ],
};

/**
 * The selection rules for the templates the build produced, with the operator's overrides first. A rule or
 * default naming a template or locale that does not exist fails at start-up, not at the first decision.
 */
export function selectionRules(
  available: Readonly<Record<string, readonly string[]>>,
  overrides: TemplateSelectionOverrides = {},
): TemplateSelectionRules {
  const config: TemplateSelectionConfig = {
    defaultTemplate: overrides.defaultTemplate ?? DEFAULT_TEMPLATE_SELECTION.defaultTemplate,
    defaultLocale: overrides.defaultLocale ?? DEFAULT_TEMPLATE_SELECTION.defaultLocale,
    rules: [...(overrides.rules ?? []), ...DEFAULT_TEMPLATE_SELECTION.rules],
  };
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
