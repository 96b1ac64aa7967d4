/**
 * HTML escaping for every value an email shows: the template renderer and relay emails use the same rules, so a
 * candidate's text is as safe in a relayed copy as in a rendered notice.
 */
const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
};

const SPECIAL = /[&<>"'`=]/;
const SPECIAL_OR_BREAK = /[&<>"'`=\r\n]/;

/** Safe in HTML text and in quoted attribute values alike, so one escaper serves every position. */
export function escapeHtml(value: string): string {
  // Most values (names, colours, titles) need nothing: testing first is several times faster than replacing.
  return SPECIAL.test(value) ? value.replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c] ?? c) : value;
}

const LINE_BREAK = /\r\n?|\n/g;

/** In text, a recruiter's line breaks stay line breaks (email clients ignore `white-space: pre-line`). */
export function escapeHtmlText(value: string): string {
  return SPECIAL_OR_BREAK.test(value) ? escapeHtml(value).replace(LINE_BREAK, '<br />\n') : value;
}

/** In an attribute, a line break is kept as a character reference and can never end the attribute. */
export function escapeHtmlAttribute(value: string): string {
  return SPECIAL_OR_BREAK.test(value) ? escapeHtml(value).replace(LINE_BREAK, '&#10;') : value;
}
