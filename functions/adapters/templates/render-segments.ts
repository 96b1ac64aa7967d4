import type { Segment } from './segments.ts';

// The escapers live in the core: relay emails (core/domain/relay-email.ts) escape with the very same rules.
export { escapeHtml, escapeHtmlAttribute, escapeHtmlText } from '#core/domain/html-escape.ts';

export type Value = string | boolean | undefined;
export type Values = Readonly<Record<string, Value>>;
/** A value by name; a function rather than a merged object, because copying ~40 values costs more than a render. */
export type Lookup = (name: string) => Value;

export function isSet(value: Value): boolean {
  return value !== undefined && value !== false && value !== '';
}

/**
 * Walks compiled segments; the escapers apply to every value, never to the template's own text. Values the
 * build found inside a tag go through `escapeAttr`, the others through `escapeText`.
 */
export function renderSegments(
  segments: readonly Segment[],
  values: Values | Lookup,
  escapeText: (value: string) => string,
  escapeAttr: (value: string) => string = escapeText,
): string {
  const lookup = typeof values === 'function' ? values : (name: string) => values[name];
  return walk(segments, lookup, escapeText, escapeAttr);
}

function walk(
  segments: readonly Segment[],
  lookup: Lookup,
  escapeText: (value: string) => string,
  escapeAttr: (value: string) => string,
): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'string') out += segment;
    else if ('v' in segment) {
      const value = lookup(segment.v);
      if (typeof value === 'string') out += segment.attr === true ? escapeAttr(value) : escapeText(value);
    } else if ('if' in segment) {
      if (isSet(lookup(segment.if))) out += walk(segment.body, lookup, escapeText, escapeAttr);
    } else if (!isSet(lookup(segment.unless))) out += walk(segment.body, lookup, escapeText, escapeAttr);
  }
  return out;
}

/** The plain-text part: values as written, with one kind of line ending. */
export function plainText(value: string): string {
  return value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value;
}

/** Header values (the subject) must stay on one line. */
const BREAKS = /[\r\n\t\u2028\u2029]/;

export function singleLine(value: string): string {
  return BREAKS.test(value) ? value.replace(/[\r\n\t\u2028\u2029]+/g, ' ') : value;
}
