import { htmlToText } from 'html-to-text';

/**
 * HTML-only replies become text here, with the quoted blocks of the common clients left out before
 * conversion (Gmail's `gmail_quote`, Apple Mail's and Thunderbird's `blockquote type=cite`, Thunderbird's
 * cite prefix, Yahoo and Proton quotes). Outlook's header block stays in: the text rules cut at it.
 */
const SKIP = [
  'blockquote',
  'div.gmail_quote',
  'div.gmail_attr',
  'div.moz-cite-prefix',
  'div.yahoo_quoted',
  'div.protonmail_quote',
  'head',
  'style',
  'script',
  'img',
].map((selector) => ({ selector, format: 'skip' as const }));

export const MAX_HTML_CHARS = 2_000_000;

export function htmlReplyToText(html: string): string {
  return htmlToText(html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html, {
    wordwrap: false,
    limits: { maxDepth: 200, maxInputLength: MAX_HTML_CHARS, ellipsis: '' },
    selectors: [
      ...SKIP,
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'hr', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'table', format: 'block' },
      { selector: 'tr', format: 'block' },
      { selector: 'td', format: 'block' },
    ],
  });
}
