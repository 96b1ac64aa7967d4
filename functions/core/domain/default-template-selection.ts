import type { TemplateRule } from './template-selection.ts';

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

/** The operator's rules first, then the defaults; their default template and locale replace the built-in ones. */
export function withDefaultSelection(overrides: TemplateSelectionOverrides = {}): TemplateSelectionConfig {
  return {
    defaultTemplate: overrides.defaultTemplate ?? DEFAULT_TEMPLATE_SELECTION.defaultTemplate,
    defaultLocale: overrides.defaultLocale ?? DEFAULT_TEMPLATE_SELECTION.defaultLocale,
    rules: [...(overrides.rules ?? []), ...DEFAULT_TEMPLATE_SELECTION.rules],
  };
}
