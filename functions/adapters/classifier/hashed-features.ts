import { isPunctuation, normalizeText, tokenize } from './text-normalization.ts';

/** A sparse, L2-normalized feature vector: parallel arrays of bucket indices and values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export interface FeatureOptions {
  /** The vector has 2^bits buckets. */
  readonly bits: number;
  /** Character n-gram lengths taken inside each word (padded with a space on both sides). */
  readonly charNgrams: readonly [number, number];
}

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'nowhere',
  'neither',
  'nor',
  'hardly',
  'barely',
  'without',
  'cannot',
]);

/** A word that turns what follows around: "not good", "don't like". */
export function isNegator(token: string): boolean {
  return NEGATORS.has(token) || token.endsWith("n't");
}

/**
 * FNV-1a, 32 bits. The top bit gives the feature's sign, so two features that share a bucket tend to cancel
 * rather than add up (the "signed hashing trick").
 */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Turns a text into hashed features: words, word pairs, words after a negation ("not good" is not "good"),
 * character n-grams inside words (which survive misspellings, masking such as "f*ck" and inflection), and a few
 * shape features (shouting, exclamation). The same function serves training and classification, so the two
 * cannot drift apart.
 */
export function extractFeatures(text: string, options: FeatureOptions): SparseVector {
  const mask = (1 << options.bits) - 1;
  const counts = new Map<number, number>();
  const add = (feature: string, weight = 1): void => {
    const hash = fnv1a(feature);
    const index = hash & mask;
    const signed = hash & 0x80000000 ? -weight : weight;
    counts.set(index, (counts.get(index) ?? 0) + signed);
  };

  const tokens = tokenize(normalizeText(text));
  let previous = '<s>';
  let negated = false;
  for (const token of tokens) {
    if (isPunctuation(token)) {
      negated = false;
      previous = token === ',' ? previous : '<s>';
      if (token === '!' || token === '?') add(`p:${token}`);
      continue;
    }
    add(`w:${token}`);
    add(`b:${previous} ${token}`);
    if (negated) add(`n:${token}`);
    if (isNegator(token)) negated = true;
    previous = token;
    const padded = ` ${token.replaceAll('*', '')} `;
    const [low, high] = options.charNgrams;
    for (let n = low; n <= high; n++) {
      for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n)}`, 0.5);
    }
  }
  add(`b:${previous} </s>`);
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 12 && letters.replace(/[^\p{Lu}]/gu, '').length / letters.length > 0.7) add('s:shouting');
  if (tokens.length === 0) add('s:empty');

  return normalize(counts);
}

function normalize(counts: Map<number, number>): SparseVector {
  const indices = new Int32Array(counts.size);
  const values = new Float32Array(counts.size);
  let norm = 0;
  let i = 0;
  for (const [index, value] of counts) {
    indices[i] = index;
    values[i] = value;
    norm += value * value;
    i++;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let j = 0; j < values.length; j++) values[j] = (values[j] ?? 0) * scale;
  return { indices, values };
}

/** The same features in 2^bits buckets (bits no more than the vector's own): smaller weights, a few more collisions. */
export function foldFeatures(x: SparseVector, bits: number): SparseVector {
  const mask = (1 << bits) - 1;
  const folded = new Map<number, number>();
  for (let i = 0; i < x.indices.length; i++) {
    const index = (x.indices[i] ?? 0) & mask;
    folded.set(index, (folded.get(index) ?? 0) + (x.values[i] ?? 0));
  }
  return {
    indices: Int32Array.from(folded.keys()),
    values: Float32Array.from(folded.values()),
  };
}
