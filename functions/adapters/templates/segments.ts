/**
 * Compiled template form. The build turns `{{name}}`, `{{#name}}…{{/name}}` (shown when name is set and not
 * false) and `{{^name}}…{{/name}}` (shown when it is not) into this tree once, so a send only walks it:
 * no parsing, no MJML, no regular expressions at run time.
 */
export type Segment =
  | string
  /** A value; `attr` marks one inside an HTML tag (an attribute), found by the build. */
  | { readonly v: string; readonly attr?: true }
  | { readonly if: string; readonly body: readonly Segment[] }
  | { readonly unless: string; readonly body: readonly Segment[] };

export interface CompiledTemplate {
  readonly subject: readonly Segment[];
  readonly preheader: readonly Segment[];
  /** The HTML body, with `{{subject}}` and `{{preheader}}` among its variables. */
  readonly html: readonly Segment[];
  readonly text: readonly Segment[];
  /** Variables used outside any section: the email cannot be sent without them. */
  readonly required: readonly string[];
  /** Every variable the template reads. */
  readonly variables: readonly string[];
}

/** templateId → locale → compiled template. */
export type TemplateCatalog = Readonly<Record<string, Readonly<Record<string, CompiledTemplate>>>>;

/** Where the renderer finds compiled templates: the generated catalog, or a literal one in tests. */
export interface TemplateSource {
  /** templateId → the locales it exists in, known without loading any template. */
  readonly locales: Readonly<Record<string, readonly string[]>>;
  template(templateId: string, locale: string): CompiledTemplate | undefined;
}
