import type { ReasonCategory, Stage } from './decision.ts';

export interface TemplateChoice {
  readonly templateId: string;
  readonly locale: string;
}

/** Picks the template and locale for a decision; the choice is recorded on the notice. */
export interface TemplateSelector {
  select(input: { reason: ReasonCategory; stage: Stage; locale?: string }): TemplateChoice;
}

export interface TemplateSelectionRules {
  /** Templates the build produced, with the locales each exists in. */
  readonly available: Readonly<Record<string, readonly string[]>>;
  readonly defaultTemplate: string;
  readonly defaultLocale: string;
  /** First match wins; a rule without reason or stage matches any. */
  readonly rules: readonly { reason?: ReasonCategory; stage?: Stage; templateId: string }[];
}

/** Falls back rather than fails: an unknown locale gets the default locale, an unknown reason the default template. */
export function ruleBasedSelector(config: TemplateSelectionRules): TemplateSelector {
  return {
    select({ reason, stage, locale }) {
      const rule = config.rules.find(
        (r) =>
          (r.reason === undefined || r.reason === reason) &&
          (r.stage === undefined || r.stage === stage) &&
          config.available[r.templateId] !== undefined,
      );
      const templateId = rule?.templateId ?? config.defaultTemplate;
      const locales = config.available[templateId] ?? [];
      const wanted = (locale ?? config.defaultLocale).toLowerCase();
      const language = wanted.split('-')[0] ?? wanted;
      const match = locales.find((l) => l === wanted) ?? locales.find((l) => l === language);
      return { templateId, locale: match ?? config.defaultLocale };
    },
  };
}
