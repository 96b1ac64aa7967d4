import vader from 'vader-sentiment';
import type { SparseVector } from './hashed-features.ts';

/**
 * VADER's lexicon and rules (negation, intensifiers, "but", capitals, emoticons) as a handful of dense features
 * beside the hashed n-grams: the sentiment model then learns from a few thousand comments what VADER's 7,500
 * rated words mean there, instead of having to learn every word from scratch.
 */
export const LEXICON_FEATURE_COUNT = 7;

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
