/**
 * Chooses the sentiment model's settings without touching the held-out fifth: trains on GoEmotions' train split
 * and scores the dev split's training part (buckets 20–99, the rows local-v2 was cross-validated on).
 *
 *   npm run tune:sentiment -- [--data <dir>] [--bits 16] [--epochs 5] [--rate 0.05] [--l2 1e-5] [--mixed 0.5] [--average 1]
 */
import { extractFeatures } from '#adapters/classifier/hashed-features.ts';
import { LEXICON_FEATURE_COUNT } from '#adapters/classifier/lexicon-sentiment.ts';
import { SoftmaxLinearModel } from '#adapters/classifier/linear-model.ts';
import { SENTIMENT_CLASSES } from '#adapters/classifier/local-classifier-model.ts';
import { sentimentFeatures } from '#adapters/classifier/local-reply-classifier.ts';
import { normalizeText } from '#adapters/classifier/text-normalization.ts';
import { dataDirFrom, EMOTION_SENTIMENT, type Example, loadGoEmotions, loadGoEmotionsTrainSplit } from './datasets.ts';
import { trainSoftmax } from './logistic-regression.ts';

function option(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(argv[at + 1]) : Number.NaN;
  return Number.isFinite(value) ? value : fallback;
}

function rowsOf(examples: readonly Example[], bits: number, mixed: number) {
  const rows: { x: ReturnType<typeof sentimentFeatures>; label: number; weight: number }[] = [];
  for (const e of examples) {
    if (e.sentiment === undefined && (e.sentimentMix === undefined || mixed === 0)) continue;
    const x = sentimentFeatures(extractFeatures(e.text, { bits: 18, charNgrams: [3, 5] }), e.text, bits);
    if (e.sentiment !== undefined) {
      rows.push({ x, label: SENTIMENT_CLASSES.indexOf(e.sentiment), weight: 1 });
      continue;
    }
    SENTIMENT_CLASSES.forEach((label, k) => {
      const share = e.sentimentMix?.[label] ?? 0;
      if (share > 0) rows.push({ x, label: k, weight: share * mixed });
    });
  }
  return rows;
}

const EMOTIONS = Object.keys(EMOTION_SENTIMENT);

/** One class per emotion: a row with k emotions counts once for each, at weight 1/k. */
function trainEmotions(
  examples: readonly Example[],
  bits: number,
  settings: { epochs: number; learningRate: number; l2: number; seed: number },
): SoftmaxLinearModel {
  const xs: ReturnType<typeof sentimentFeatures>[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  for (const e of examples) {
    const emotions = e.emotions ?? [];
    if (emotions.length === 0) continue;
    const x = sentimentFeatures(extractFeatures(e.text, { bits: 18, charNgrams: [3, 5] }), e.text, bits);
    for (const emotion of emotions) {
      xs.push(x);
      ys.push(EMOTIONS.indexOf(emotion));
      ws.push(1 / emotions.length);
    }
  }
  const weights = trainSoftmax(
    xs,
    ys,
    EMOTIONS.length,
    { dimension: 2 ** bits + LEXICON_FEATURE_COUNT, ...settings },
    ws,
  );
  return new SoftmaxLinearModel(
    weights.map((w) => Float32Array.from(w.weights)),
    weights.map((w) => w.bias),
  );
}

/** Emotion probabilities summed into negative, neutral, positive (the ambiguous ones dropped), renormalized. */
function grouped(p: readonly number[]): number[] {
  const sums = [0, 0, 0];
  EMOTIONS.forEach((emotion, k) => {
    const at = SENTIMENT_CLASSES.indexOf(EMOTION_SENTIMENT[emotion] as (typeof SENTIMENT_CLASSES)[number]);
    if (at >= 0) sums[at] = (sums[at] ?? 0) + (p[k] ?? 0);
  });
  const total = sums.reduce((a, b) => a + b, 0) || 1;
  return sums.map((v) => v / total);
}

function main(): void {
  const argv = process.argv.slice(2);
  const dataDir = dataDirFrom(argv, process.env);
  const bits = option(argv, 'bits', 16);
  const settings = {
    epochs: option(argv, 'epochs', 5),
    learningRate: option(argv, 'rate', 0.05),
    l2: option(argv, 'l2', 1e-5),
    seed: option(argv, 'seed', 20_260_601),
  };
  const mixed = option(argv, 'mixed', 0.5);
  const dev = loadGoEmotions(dataDir);
  const heldOutTexts = new Set(dev.filter((e) => e.heldOut).map((e) => normalizeText(e.text)));
  const validation = dev.filter((e) => !e.heldOut && e.sentiment !== undefined);
  const trainExamples = loadGoEmotionsTrainSplit(dataDir, heldOutTexts);
  const train = rowsOf(trainExamples, bits, mixed);
  // --average k: the weights of k models trained with seeds seed … seed+k−1, averaged (still one linear model).
  const runs = Array.from({ length: option(argv, 'average', 1) }, (_, k) =>
    trainSoftmax(
      train.map((r) => r.x),
      train.map((r) => r.label),
      3,
      { dimension: 2 ** bits + LEXICON_FEATURE_COUNT, ...settings, seed: settings.seed + k },
      train.map((r) => r.weight),
    ),
  );
  const weights = [0, 1, 2].map((c) => ({
    weights: Float64Array.from(
      runs[0]?.[c]?.weights ?? [],
      (_, j) => runs.reduce((sum, run) => sum + (run[c]?.weights[j] ?? 0), 0) / runs.length,
    ),
    bias: runs.reduce((sum, run) => sum + (run[c]?.bias ?? 0), 0) / runs.length,
  }));
  const model = new SoftmaxLinearModel(
    weights.map((w) => Float32Array.from(w.weights)),
    weights.map((w) => w.bias),
  );
  const emotionModel = option(argv, 'emotions', 0) > 0 ? trainEmotions(trainExamples, bits, settings) : undefined;
  const blend = option(argv, 'blend', 0.5);
  let correct = 0;
  for (const e of validation) {
    const x = sentimentFeatures(extractFeatures(e.text, { bits: 18, charNgrams: [3, 5] }), e.text, bits);
    let p = model.probabilities(x);
    if (emotionModel !== undefined) {
      const q = grouped(emotionModel.probabilities(x));
      p = p.map((v, k) => (1 - blend) * v + blend * (q[k] ?? 0));
    }
    const best = p.indexOf(Math.max(...p));
    if (SENTIMENT_CLASSES[best] === e.sentiment) correct++;
  }
  process.stdout.write(
    `${JSON.stringify({ bits, mixed, emotions: emotionModel !== undefined, blend, ...settings, trainRows: train.length, validation: validation.length, accuracy: correct / validation.length })}\n`,
  );
}

main();
