/** What the Templates page reads: `GET /templates` and `GET /templates/{id}/preview`. */
export interface TemplateList {
  readonly templates: readonly { readonly id: string; readonly locales: readonly string[] }[];
}

export interface TemplatePreview {
  readonly subject: string;
  readonly preheader: string;
  readonly html: string;
  readonly text: string;
}
