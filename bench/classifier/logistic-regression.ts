import type { SparseVector } from '#adapters/classifier/hashed-features.ts';

/** mulberry32: a small seeded generator, so that a training run is reproducible bit for bit. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled(length: number, random: () => number): number[] {
  const order = Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = t;
  }
  return order;
}

export interface TrainOptions {
  readonly dimension: number;
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 penalty, applied to the weights an example touches (lazy regularization). */
  readonly l2: number;
  readonly seed: number;
}

export interface LinearWeights {
  readonly weights: Float64Array;
  readonly bias: number;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Logistic regression by AdaGrad; `sampleWeights` lets one class count more than the other. */
export function trainBinary(
  xs: readonly SparseVector[],
  ys: readonly number[],
  options: TrainOptions,
  sampleWeights?: readonly number[],
): LinearWeights {
  const w = new Float64Array(options.dimension);
  const g2 = new Float64Array(options.dimension);
  let bias = 0;
  let biasG2 = 0;
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const i of shuffled(xs.length, random)) {
      const x = xs[i];
      if (x === undefined) continue;
      let z = bias;
      for (let k = 0; k < x.indices.length; k++) z += (w[x.indices[k] ?? 0] ?? 0) * (x.values[k] ?? 0);
      const g = (sigmoid(z) - (ys[i] ?? 0)) * (sampleWeights?.[i] ?? 1);
      for (let k = 0; k < x.indices.length; k++) {
        const j = x.indices[k] ?? 0;
        const grad = g * (x.values[k] ?? 0) + options.l2 * (w[j] ?? 0);
        g2[j] = (g2[j] ?? 0) + grad * grad;
        w[j] = (w[j] ?? 0) - (options.learningRate * grad) / (Math.sqrt(g2[j] ?? 0) + 1e-8);
      }
      biasG2 += g * g;
      bias -= (options.learningRate * g) / (Math.sqrt(biasG2) + 1e-8);
    }
  }
  return { weights: w, bias };
}

/** Multinomial logistic regression by AdaGrad; `ys` are class indices. */
export function trainSoftmax(
  xs: readonly SparseVector[],
  ys: readonly number[],
  classes: number,
  options: TrainOptions,
  sampleWeights?: readonly number[],
): LinearWeights[] {
  const w = Array.from({ length: classes }, () => new Float64Array(options.dimension));
  const g2 = Array.from({ length: classes }, () => new Float64Array(options.dimension));
  const bias = new Float64Array(classes);
  const biasG2 = new Float64Array(classes);
  const random = seededRandom(options.seed);
  const z = new Float64Array(classes);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const i of shuffled(xs.length, random)) {
      const x = xs[i];
      if (x === undefined) continue;
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < classes; c++) {
        const wc = w[c] ?? new Float64Array(0);
        let s = bias[c] ?? 0;
        for (let k = 0; k < x.indices.length; k++) s += (wc[x.indices[k] ?? 0] ?? 0) * (x.values[k] ?? 0);
        z[c] = s;
        max = Math.max(max, s);
      }
      let total = 0;
      for (let c = 0; c < classes; c++) {
        z[c] = Math.exp((z[c] ?? 0) - max);
        total += z[c] ?? 0;
      }
      for (let c = 0; c < classes; c++) {
        const wc = w[c] ?? new Float64Array(0);
        const gc2 = g2[c] ?? new Float64Array(0);
        const g = ((z[c] ?? 0) / total - (ys[i] === c ? 1 : 0)) * (sampleWeights?.[i] ?? 1);
        for (let k = 0; k < x.indices.length; k++) {
          const j = x.indices[k] ?? 0;
          const grad = g * (x.values[k] ?? 0) + options.l2 * (wc[j] ?? 0);
          gc2[j] = (gc2[j] ?? 0) + grad * grad;
          wc[j] = (wc[j] ?? 0) - (options.learningRate * grad) / (Math.sqrt(gc2[j] ?? 0) + 1e-8);
        }
        biasG2[c] = (biasG2[c] ?? 0) + g * g;
        bias[c] = (bias[c] ?? 0) - (options.learningRate * g) / (Math.sqrt(biasG2[c] ?? 0) + 1e-8);
      }
    }
  }
  return w.map((weights, c) => ({ weights, bias: bias[c] ?? 0 }));
}

/**
 * Naive-Bayes feature scaling for a binary problem (NBSVM, Wang & Manning 2012): each feature is weighted by
 * how unevenly it falls between the classes, |log(p/q)| with add-one smoothing, interpolated with 1 by `beta`.
 * The logistic regression then trains on scaled vectors; multiplying its weights by the same factors gives a
 * model for the unscaled vectors, so nothing changes at classification time.
 */
export function naiveBayesScale(
  xs: readonly SparseVector[],
  ys: readonly number[],
  dimension: number,
  beta: number,
): Float64Array {
  const positive = new Float64Array(dimension).fill(1);
  const negative = new Float64Array(dimension).fill(1);
  xs.forEach((x, i) => {
    const counts = ys[i] === 1 ? positive : negative;
    for (const j of x.indices) counts[j] = (counts[j] ?? 0) + 1;
  });
  const positiveTotal = positive.reduce((a, b) => a + b, 0);
  const negativeTotal = negative.reduce((a, b) => a + b, 0);
  const scale = new Float64Array(dimension);
  for (let j = 0; j < dimension; j++) {
    const ratio = Math.log((positive[j] ?? 1) / positiveTotal / ((negative[j] ?? 1) / negativeTotal));
    scale[j] = beta * Math.abs(ratio) + (1 - beta);
  }
  return scale;
}

export function scaled(x: SparseVector, scale: Float64Array): SparseVector {
  return { indices: x.indices, values: Float32Array.from(x.values, (v, k) => v * (scale[x.indices[k] ?? 0] ?? 1)) };
}
