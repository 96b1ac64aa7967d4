export interface RenderedEmail {
  readonly subject: string;
  readonly preheader: string;
  readonly html: string;
  readonly text: string;
}

/** Values an email may show. Candidate-supplied text is escaped by the renderer, never by the caller. */
export type TemplateVariables = Readonly<Record<string, string | boolean | undefined>>;

export interface TemplateRenderer {
  /**
   * Renders a precompiled template. Throws `TemplateVariableError` before anything is sent when a required
   * variable is missing or invalid.
   */
  render(templateId: string, locale: string, variables: TemplateVariables): RenderedEmail;
}
