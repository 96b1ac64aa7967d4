import type { Segment } from './segments.ts';

export type Values = Readonly<Record<string, string | boolean | undefined>>;

export function isSet(value: string | boolean | undefined): boolean {
  return value !== undefined && value !== false && value !== '';
}

/**
 * Walks compiled segments; the escapers apply to every value, never to the template's own text. Values the
 * build found inside a tag go through `escapeAttr`, the others through `escapeText`.
 */
export function renderSegments(
  segments: readonly Segment[],
  values: Values,
  escapeText: (value: string) => string,
  escapeAttr: (value: string) => string = escapeText,
): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'string') out += segment;
    else if ('v' in segment) {
      const value = values[segment.v];
      if (typeof value === 'string') out += segment.attr === true ? escapeAttr(value) : escapeText(value);
    } else if ('if' in segment) {
      if (isSet(values[segment.if])) out += renderSegments(segment.body, values, escapeText, escapeAttr);
    } else if (!isSet(values[segment.unless])) out += renderSegments(segment.body, values, escapeText, escapeAttr);
  }
  return out;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
};

/** Safe in HTML text and in quoted attribute values alike, so one escaper serves every position. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c] ?? c);
}

const LINE_BREAK = /\r\n?|\n/g;

/** In text, a recruiter's line breaks stay line breaks (email clients ignore `white-space: pre-line`). */
export function escapeHtmlText(value: string): string {
  return escapeHtml(value).replace(LINE_BREAK, '<br />\n');
}

/** In an attribute, a line break is kept as a character reference and can never end the attribute. */
export function escapeHtmlAttribute(value: string): string {
  return escapeHtml(value).replace(LINE_BREAK, '&#10;');
}

/** The plain-text part: values as written, with one kind of line ending. */
export function plainText(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

/** Header values (the subject) must stay on one line. */
export function singleLine(value: string): string {
  return value.replace(/[\r\n\t\u2028\u2029]+/g, ' ');
}
