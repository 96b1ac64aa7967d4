import type { ReasonCategory, Stage } from './reason-and-stage.ts';

export interface TemplateChoice {
  readonly templateId: string;
  readonly locale: string;
  /** How the choice was made, for the notice's timeline ("rule reason=withdrawn; locale de-CH → de"). */
  readonly because: string;
}

export interface SelectionInput {
  readonly reason: ReasonCategory;
  readonly stage: Stage;
  readonly locale?: string;
  readonly keepInTouch?: boolean;
}

/** Picks the template and locale for a decision; the choice is recorded on the notice. */
export interface TemplateSelector {
  select(input: SelectionInput): TemplateChoice;
}

/** A rule matches when every field it names equals the decision's; a rule naming nothing matches all. */
export interface TemplateRule {
  readonly reason?: ReasonCategory;
  readonly stage?: Stage;
  readonly keepInTouch?: boolean;
  readonly templateId: string;
}

export interface TemplateSelectionRules {
  /** Templates the build produced, with the locales each exists in. */
  readonly available: Readonly<Record<string, readonly string[]>>;
  readonly defaultTemplate: string;
  readonly defaultLocale: string;
  /** First match wins. */
  readonly rules: readonly TemplateRule[];
}

function describeRule(rule: TemplateRule): string {
  const parts = [
    rule.reason === undefined ? undefined : `reason=${rule.reason}`,
    rule.stage === undefined ? undefined : `stage=${rule.stage}`,
    rule.keepInTouch === undefined ? undefined : `keepInTouch=${rule.keepInTouch}`,
  ].filter((p): p is string => p !== undefined);
  return parts.length === 0 ? 'rule (any)' : `rule ${parts.join(', ')}`;
}

/**
 * Falls back rather than fails: an unknown locale gets the closest one (`de-CH` → `de`) or the default locale,
 * an unmatched reason or stage gets the default template.
 */
export function ruleBasedSelector(config: TemplateSelectionRules): TemplateSelector {
  return {
    select({ reason, stage, locale, keepInTouch = false }) {
      const rule = config.rules.find(
        (r) =>
          (r.reason === undefined || r.reason === reason) &&
          (r.stage === undefined || r.stage === stage) &&
          (r.keepInTouch === undefined || r.keepInTouch === keepInTouch) &&
          config.available[r.templateId] !== undefined,
      );
      const templateId = rule?.templateId ?? config.defaultTemplate;
      const locales = config.available[templateId] ?? [];
      const wanted = (locale ?? config.defaultLocale).toLowerCase();
      const language = wanted.split('-')[0] ?? wanted;
      const match = locales.find((l) => l === wanted) ?? locales.find((l) => l === language);
      const chosenLocale = match ?? config.defaultLocale;
      const why = [
        rule === undefined ? 'no rule matched: default template' : describeRule(rule),
        locale === undefined
          ? `no locale given: ${chosenLocale}`
          : match === undefined
            ? `locale ${locale} not available: ${chosenLocale}`
            : match === locale
              ? `locale ${match}`
              : `locale ${locale} → ${match}`,
      ];
      return { templateId, locale: chosenLocale, because: why.join('; ') };
    },
  };
}
