/**
 * Capacity experiments for the English sentiment model (issue 16, item 3), sentiment only: trains on GoEmotions'
 * train split and scores the dev split's training part, exactly as `tune:sentiment` does (the held-out fifth is
 * never read). Each variant is one line of JSON.
 *
 *   npx tsx bench/classifier/experiment-sentiment.ts --data <dir> [--only nb,extra,ambiguous,mlp] [--hidden 24] [--mlp-epochs 3] [--seed n]
 *
 * Variants: `base` (local-v3), `nb` (features scaled by one-vs-rest Naive-Bayes log-count ratios, Wang & Manning
 * 2012), `extra` (a second hashed block: word trigrams, negation-scoped bigrams, emoji and emoticons,
 * intensifier + word, elongated words), `ambiguous` (confusion/curiosity/realization/surprise rows as a fourth
 * class, dropped at prediction), `mlp` (a hidden layer of 24 over the same features, fastText-style, averaged
 * with the linear model's probabilities).
 */
import { extractFeatures, isNegator, type SparseVector } from '#adapters/classifier/hashed-features.ts';
import { LEXICON_FEATURE_COUNT } from '#adapters/classifier/lexicon-sentiment.ts';
import { SoftmaxLinearModel } from '#adapters/classifier/linear-model.ts';
import { SENTIMENT_CLASSES } from '#adapters/classifier/local-classifier-model.ts';
import { sentimentFeatures } from '#adapters/classifier/local-reply-classifier.ts';
import { isPunctuation, normalizeText, tokenize } from '#adapters/classifier/text-normalization.ts';
import { dataDirFrom, EMOTION_SENTIMENT, type Example, loadGoEmotions, loadGoEmotionsTrainSplit } from './datasets.ts';
import { seededRandom, shuffled, trainSoftmax } from './logistic-regression.ts';

const BITS = 16;
const BASE_DIMENSION = 2 ** BITS + LEXICON_FEATURE_COUNT;
const EXTRA_BITS = 16;
const seedAt = process.argv.indexOf('--seed');
/** `--seed n` repeats a run with another seed, to tell a gain from the seed noise. */
const SETTINGS = {
  epochs: 5,
  learningRate: 0.05,
  l2: 1e-5,
  seed: seedAt >= 0 ? Number(process.argv[seedAt + 1]) : 20_260_601,
};

interface Row {
  readonly x: SparseVector;
  readonly tokens: readonly string[];
  readonly label: number;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const INTENSIFIERS = new Set(['very', 'so', 'really', 'totally', 'absolutely', 'extremely', 'super', 'too', 'such']);
const EMOTICONS: readonly [RegExp, string][] = [
  [/(?:^|\s)[:;=]-?[)\]dp](?=\s|$)/i, 'smile'],
  [/(?:^|\s)[:;=]-?[([/\\|](?=\s|$)/, 'frown'],
  [/(?:^|\s)<3/, 'heart'],
  [/\b(?:lol|lmao|haha\w*|rofl)\b/i, 'laugh'],
  [/(?:^|\s)\/s\b/, 'sarcasm'],
];

/** The second hashed block: what the base features do not see. */
function extraFeatures(text: string, tokens: readonly string[], offset: number): Map<number, number> {
  const counts = new Map<number, number>();
  const mask = (1 << EXTRA_BITS) - 1;
  const add = (feature: string): void => {
    const hash = fnv1a(feature);
    const index = offset + (hash & mask);
    counts.set(index, (counts.get(index) ?? 0) + (hash & 0x80000000 ? -1 : 1));
  };
  let a = '<s>';
  let b = '<s>';
  let negated = false;
  for (const token of tokens) {
    if (isPunctuation(token)) {
      a = '<s>';
      b = '<s>';
      negated = false;
      continue;
    }
    add(`t:${a} ${b} ${token}`);
    if (negated) add(`nb:${b} ${token}`);
    if (INTENSIFIERS.has(b)) add(`i:${token}`);
    if (/\p{Extended_Pictographic}/u.test(token)) add(`e:${token}`);
    if (isNegator(token)) negated = true;
    a = b;
    b = token;
  }
  for (const [pattern, name] of EMOTICONS) if (pattern.test(text)) add(`m:${name}`);
  if (/(\p{L})\1{2,}/u.test(text)) add('s:elongated');
  const bangs = (text.match(/!/g) ?? []).length;
  if (bangs > 0) add(`s:bang${Math.min(bangs, 3)}`);
  if (/\?\s*$/.test(text)) add('s:ends-question');
  return counts;
}

function withExtra(row: Row, text: string, weight: number): SparseVector {
  const extra = extraFeatures(text, row.tokens, BASE_DIMENSION);
  let norm = 0;
  for (const v of extra.values()) norm += v * v;
  const scale = norm > 0 ? weight / Math.sqrt(norm) : 0;
  const indices = Int32Array.from([...row.x.indices, ...extra.keys()]);
  const values = Float32Array.from([...row.x.values, ...[...extra.values()].map((v) => v * scale)]);
  return { indices, values };
}

function labelOf(e: Example, ambiguous: boolean): number | undefined {
  if (e.sentiment !== undefined) return SENTIMENT_CLASSES.indexOf(e.sentiment);
  const emotions = e.emotions ?? [];
  if (ambiguous && emotions.length > 0 && emotions.every((m) => EMOTION_SENTIMENT[m] === 'ambiguous')) return 3;
  return undefined;
}

function rowOf(text: string, label: number): Row {
  const x = sentimentFeatures(extractFeatures(text, { bits: 18, charNgrams: [3, 5] }), text, BITS);
  return { x, tokens: tokenize(normalizeText(text)), label };
}

/** max over classes of |log(p(f|c) / p(f|not c))|, add-one smoothed, interpolated with 1 by beta; dense features 1. */
function naiveBayesScale(rows: readonly Row[], classes: number, dimension: number, beta: number): Float64Array {
  const counts = Array.from({ length: classes }, () => new Float64Array(dimension).fill(1));
  for (const r of rows) {
    const c = counts[r.label];
    if (c !== undefined) for (const j of r.x.indices) c[j] = (c[j] ?? 0) + 1;
  }
  const totals = counts.map((c) => c.reduce((s, v) => s + v, 0));
  const all = new Float64Array(dimension);
  for (const c of counts) for (let j = 0; j < dimension; j++) all[j] = (all[j] ?? 0) + (c[j] ?? 0);
  const grand = totals.reduce((s, v) => s + v, 0);
  const scale = new Float64Array(dimension).fill(1);
  for (let j = 0; j < dimension; j++) {
    if (j >= 2 ** BITS && j < BASE_DIMENSION) continue;
    let best = 0;
    counts.forEach((c, k) => {
      const inside = (c[j] ?? 1) / (totals[k] ?? 1);
      const outside = ((all[j] ?? 1) - (c[j] ?? 1) + 1) / (grand - (totals[k] ?? 0));
      best = Math.max(best, Math.abs(Math.log(inside / outside)));
    });
    scale[j] = beta * best + (1 - beta);
  }
  return scale;
}

function scaleRow(x: SparseVector, scale: Float64Array): SparseVector {
  return { indices: x.indices, values: Float32Array.from(x.values, (v, k) => v * (scale[x.indices[k] ?? 0] ?? 1)) };
}

function linear(xs: readonly SparseVector[], ys: readonly number[], classes: number, dimension: number) {
  const weights = trainSoftmax(xs, ys, classes, { dimension, ...SETTINGS });
  return new SoftmaxLinearModel(
    weights.map((w) => Float32Array.from(w.weights)),
    weights.map((w) => w.bias),
  );
}

/** One hidden layer (tanh) over the sparse input, softmax output; SGD with a decaying rate. */
function trainMlp(
  xs: readonly SparseVector[],
  ys: readonly number[],
  dimension: number,
  hidden: number,
  epochs: number,
) {
  const random = seededRandom(SETTINGS.seed);
  const w1 = Float32Array.from({ length: dimension * hidden }, () => (random() - 0.5) * 0.1);
  const b1 = new Float32Array(hidden);
  const w2 = Float32Array.from({ length: hidden * 3 }, () => (random() - 0.5) * 0.1);
  const b2 = new Float32Array(3);
  const h = new Float32Array(hidden);
  const forward = (x: SparseVector): number[] => {
    h.set(b1);
    for (let k = 0; k < x.indices.length; k++) {
      const base = (x.indices[k] ?? 0) * hidden;
      const v = x.values[k] ?? 0;
      for (let u = 0; u < hidden; u++) h[u] = (h[u] ?? 0) + (w1[base + u] ?? 0) * v;
    }
    for (let u = 0; u < hidden; u++) h[u] = Math.tanh(h[u] ?? 0);
    const z = [0, 1, 2].map((c) => {
      let s = b2[c] ?? 0;
      for (let u = 0; u < hidden; u++) s += (w2[c * hidden + u] ?? 0) * (h[u] ?? 0);
      return s;
    });
    const max = Math.max(...z);
    const e = z.map((v) => Math.exp(v - max));
    const t = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / t);
  };
  const total = epochs * xs.length;
  let step = 0;
  const dh = new Float32Array(hidden);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const i of shuffled(xs.length, random)) {
      const x = xs[i];
      if (x === undefined) continue;
      const rate = 0.2 * (1 - step++ / total) + 0.002;
      const p = forward(x);
      dh.fill(0);
      for (let c = 0; c < 3; c++) {
        const g = (p[c] ?? 0) - (ys[i] === c ? 1 : 0);
        for (let u = 0; u < hidden; u++) {
          dh[u] = (dh[u] ?? 0) + g * (w2[c * hidden + u] ?? 0);
          w2[c * hidden + u] = (w2[c * hidden + u] ?? 0) - rate * g * (h[u] ?? 0);
        }
        b2[c] = (b2[c] ?? 0) - rate * g;
      }
      for (let u = 0; u < hidden; u++) dh[u] = (dh[u] ?? 0) * (1 - (h[u] ?? 0) ** 2);
      for (let k = 0; k < x.indices.length; k++) {
        const base = (x.indices[k] ?? 0) * hidden;
        const v = x.values[k] ?? 0;
        for (let u = 0; u < hidden; u++) w1[base + u] = (w1[base + u] ?? 0) - rate * (dh[u] ?? 0) * v;
      }
      for (let u = 0; u < hidden; u++) b1[u] = (b1[u] ?? 0) - rate * (dh[u] ?? 0);
    }
  }
  return { probabilities: forward };
}

function accuracy(rows: readonly Row[], predict: (r: Row, k: number) => readonly number[]): number {
  let correct = 0;
  rows.forEach((r, k) => {
    const p = predict(r, k).slice(0, 3);
    if (p.indexOf(Math.max(...p)) === r.label) correct++;
  });
  return Math.round((correct / rows.length) * 10_000) / 10_000;
}

function report(variant: string, value: number, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ variant, accuracy: value, ...extra })}\n`);
}

function main(): void {
  const argv = process.argv.slice(2);
  const dataDir = dataDirFrom(argv, process.env);
  const only = (argv[argv.indexOf('--only') + 1] ?? '').split(',');
  const wants = (name: string): boolean => !argv.includes('--only') || only.includes(name);
  const dev = loadGoEmotions(dataDir);
  const heldOutTexts = new Set(dev.filter((e) => e.heldOut).map((e) => normalizeText(e.text)));
  const validationExamples = dev.filter((e) => !e.heldOut && e.sentiment !== undefined);
  const trainExamples = loadGoEmotionsTrainSplit(dataDir, heldOutTexts);
  const labelled = trainExamples.flatMap((e) => {
    const label = labelOf(e, true);
    return label === undefined ? [] : [{ e, row: rowOf(e.text, label) }];
  });
  const train = labelled.filter((l) => l.row.label < 3);
  const validation = validationExamples.map((e) => ({ e, row: rowOf(e.text, labelOf(e, false) ?? 0) }));
  const vRows = validation.map((v) => v.row);
  const base = linear(
    train.map((t) => t.row.x),
    train.map((t) => t.row.label),
    3,
    BASE_DIMENSION,
  );
  const baseP = vRows.map((r) => base.probabilities(r.x));
  report(
    'base (local-v3)',
    accuracy(vRows, (_, k) => baseP[k] ?? []),
  );

  if (wants('nb')) {
    for (const beta of [0.25, 0.5, 1]) {
      const scale = naiveBayesScale(
        train.map((t) => t.row),
        3,
        BASE_DIMENSION,
        beta,
      );
      const m = linear(
        train.map((t) => scaleRow(t.row.x, scale)),
        train.map((t) => t.row.label),
        3,
        BASE_DIMENSION,
      );
      const p = vRows.map((r) => m.probabilities(scaleRow(r.x, scale)));
      report(
        'nb',
        accuracy(vRows, (_, k) => p[k] ?? []),
        { beta },
      );
      report(
        'nb + base averaged',
        accuracy(vRows, (_, k) => avg(p[k], baseP[k])),
        { beta },
      );
    }
  }
  if (wants('extra')) {
    const dimension = BASE_DIMENSION + 2 ** EXTRA_BITS;
    for (const weight of [0.5, 1]) {
      const m = linear(
        train.map((t) => withExtra(t.row, t.e.text, weight)),
        train.map((t) => t.row.label),
        3,
        dimension,
      );
      const p = validation.map((v) => m.probabilities(withExtra(v.row, v.e.text, weight)));
      report(
        'extra block',
        accuracy(vRows, (_, k) => p[k] ?? []),
        { weight },
      );
    }
  }
  if (wants('ambiguous')) {
    const m = linear(
      labelled.map((t) => t.row.x),
      labelled.map((t) => t.row.label),
      4,
      BASE_DIMENSION,
    );
    report(
      'ambiguous as 4th class',
      accuracy(vRows, (r) => m.probabilities(r.x)),
      { rows: labelled.length },
    );
  }
  if (wants('mlp')) {
    const hidden = numberOption(argv, 'hidden', 24);
    const epochs = numberOption(argv, 'mlp-epochs', 3);
    {
      const m = trainMlp(
        train.map((t) => t.row.x),
        train.map((t) => t.row.label),
        BASE_DIMENSION,
        hidden,
        epochs,
      );
      const p = vRows.map((r) => m.probabilities(r.x));
      report(
        'mlp',
        accuracy(vRows, (_, k) => p[k] ?? []),
        { hidden, epochs },
      );
      report(
        'mlp + base averaged',
        accuracy(vRows, (_, k) => avg(p[k], baseP[k])),
        { hidden, epochs },
      );
    }
  }
}

function numberOption(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(argv[at + 1]) : Number.NaN;
  return Number.isFinite(value) ? value : fallback;
}

function avg(a: readonly number[] | undefined, b: readonly number[] | undefined): number[] {
  return [0, 1, 2].map((c) => ((a?.[c] ?? 0) + (b?.[c] ?? 0)) / 2);
}

main();
