import type { Segment } from './segments.ts';

export type Values = Readonly<Record<string, string | boolean | undefined>>;

export function isSet(value: string | boolean | undefined): boolean {
  return value !== undefined && value !== false && value !== '';
}

/** Walks compiled segments; `escapeValue` is applied to every value, never to the template's own text. */
export function renderSegments(
  segments: readonly Segment[],
  values: Values,
  escapeValue: (value: string) => string,
): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'string') out += segment;
    else if ('v' in segment) {
      const value = values[segment.v];
      if (typeof value === 'string') out += escapeValue(value);
    } else if ('if' in segment) {
      if (isSet(values[segment.if])) out += renderSegments(segment.body, values, escapeValue);
    } else if (!isSet(values[segment.unless])) out += renderSegments(segment.body, values, escapeValue);
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

/** Header values (the subject) must stay on one line. */
export function singleLine(value: string): string {
  return value.replace(/[\r\n\t\u2028\u2029]+/g, ' ');
}
