import { renderSegments, singleLine, type Values } from './render-segments.ts';
import type { Segment } from './segments.ts';

/**
 * RFC 5322 (2.1.1) asks header lines to stay within 78 characters, and inboxes cut subjects well before that.
 * Counted in UTF-16 code units, so the subject is within the limit however characters are counted.
 */
export const MAX_SUBJECT_LENGTH = 77;
const ELLIPSIS = '…';

/**
 * The subject, at most MAX_SUBJECT_LENGTH long. When the values make it longer (a 200-character job title), the
 * longest values are shortened first, all to the same length, so a long title shrinks while "Acme" stays
 * whole; the template's own words are never cut. Only the subject: the body shows every value in full.
 */
export function renderSubject(segments: readonly Segment[], values: Values, locale: string): string {
  const subject = render(segments, values, singleLine).trim();
  if (subject.length <= MAX_SUBJECT_LENGTH) return subject;
  const lengths: number[] = [];
  // The escaper sees each value the subject shows (sections included as they render), so rendering with it
  // returning nothing measures the template's own words, and the values' lengths on the side.
  const ownWords = render(segments, values, (value) => {
    lengths.push(singleLine(value).length);
    return '';
  });
  const cap = capFor(lengths, MAX_SUBJECT_LENGTH - ownWords.length);
  return render(segments, values, (value) => shorten(singleLine(value), cap, locale)).trim();
}

function render(segments: readonly Segment[], values: Values, asValue: (value: string) => string): string {
  return singleLine(renderSegments(segments, values, asValue));
}

/** The longest length every value may keep so that, together, they fit in `room`. */
function capFor(lengths: readonly number[], room: number): number {
  let cap = Math.max(ELLIPSIS.length, ...lengths);
  const total = (limit: number) => lengths.reduce((sum, length) => sum + Math.min(length, limit), 0);
  while (cap > ELLIPSIS.length && total(cap) > room) cap -= 1;
  return cap;
}

/**
 * `value` in at most `max` code units, ending with an ellipsis: cut after the last whole word that fits (words as
 * the locale's ICU rules see them, so Japanese is cut between words too), or between two graphemes when that
 * would keep less than half (one long word), never inside a character.
 */
export function shorten(value: string, max: number, locale: string): string {
  if (value.length <= max) return value;
  const room = max - ELLIPSIS.length;
  let end = 0;
  for (const { segment, index, isWordLike } of segmenter(locale, 'word').segment(value)) {
    if (index + segment.length > room) break;
    if (isWordLike === true) end = index + segment.length;
  }
  if (end < room / 2) {
    end = 0;
    for (const { segment, index } of segmenter(locale, 'grapheme').segment(value)) {
      if (index + segment.length > room) break;
      end = index + segment.length;
    }
  }
  return `${value.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

// Created on the first subject that needs cutting: most sends never load ICU's break rules.
const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(locale: string, granularity: 'word' | 'grapheme'): Intl.Segmenter {
  const key = `${locale} ${granularity}`;
  let found = segmenters.get(key);
  if (found === undefined) {
    found = new Intl.Segmenter(locale, { granularity });
    segmenters.set(key, found);
  }
  return found;
}
