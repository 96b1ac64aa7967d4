/**
 * html-to-text 10 ships no types and DefinitelyTyped stops at 9 (the 10.0 API is 9's, only its dependencies
 * changed): declared here, only as far as Closeloop calls it.
 */
declare module 'html-to-text' {
  interface SelectorDefinition {
    selector: string;
    format?: 'skip' | 'block' | 'inline' | 'anchor' | 'heading' | 'paragraph' | 'table' | 'dataTable';
    options?: { ignoreHref?: boolean; uppercase?: boolean };
  }
  interface HtmlToTextOptions {
    /** `false` keeps lines as they are. */
    wordwrap?: number | false | null;
    limits?: { maxDepth?: number; maxInputLength?: number; ellipsis?: string };
    selectors?: SelectorDefinition[];
  }
  export function htmlToText(html: string, options?: HtmlToTextOptions): string;
}
