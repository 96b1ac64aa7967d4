import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFeatures } from '#adapters/classifier/hashed-features.ts';
import { LocalClassifierModelSchema } from '#adapters/classifier/local-classifier-model.ts';
import { bucketOf, HELD_OUT_BELOW, loadGoEmotions, mixOf } from '../../../bench/classifier/datasets.ts';
import { trainBinary } from '../../../bench/classifier/logistic-regression.ts';

const modelPath = fileURLToPath(
  new URL('../../../functions/adapters/classifier/model/reply-classifier.json', import.meta.url),
);

const options = { bits: 12, charNgrams: [3, 4] as [number, number] };
const texts = [
  ['you are an idiot', 1],
  ['what a moron you are', 1],
  ['shut your mouth idiot', 1],
  ['thank you for your time', 0],
  ['i am sad about the news', 0],
  ['have a nice day', 0],
] as const;

describe('training the classifier', () => {
  it('learns a separable toy problem and is reproducible bit for bit', () => {
    const xs = texts.map(([t]) => extractFeatures(t, options));
    const ys = texts.map(([, y]) => y);
    const train = () =>
      trainBinary(xs, ys, { dimension: 2 ** options.bits, epochs: 20, learningRate: 0.5, l2: 0, seed: 7 });

    const first = train();
    const second = train();

    expect(Array.from(first.weights)).toEqual(Array.from(second.weights));
    expect(first.bias).toBe(second.bias);
    const score = (x: (typeof xs)[number]) =>
      x.indices.reduce((s, j, k) => s + (first.weights[j] ?? 0) * (x.values[k] ?? 0), first.bias);
    xs.forEach((x, i) => {
      expect(score(x) > 0).toBe(ys[i] === 1);
    });
  });

  it('splits the data by text alone, about a fifth held out', () => {
    const buckets = Array.from({ length: 2000 }, (_, i) => bucketOf(`text number ${i}`));

    expect(bucketOf('Some reply.')).toBe(bucketOf('Some reply.'));
    expect(bucketOf('RT @someone: Some reply.')).toBe(bucketOf('Some reply.'));
    const heldOut = buckets.filter((b) => b < HELD_OUT_BELOW).length / buckets.length;
    expect(heldOut).toBeGreaterThan(0.17);
    expect(heldOut).toBeLessThan(0.23);
  });

  it('ships a valid model small enough for a Lambda bundle', () => {
    const model = LocalClassifierModelSchema.parse(JSON.parse(readFileSync(modelPath, 'utf8')));

    expect(statSync(modelPath).size).toBeLessThan(3 * 1024 * 1024);
    expect(model.hostility.borderlineProbability).toBeLessThan(model.hostility.hostileProbability);
    expect(JSON.stringify(model.training)).not.toMatch(/@\w+|http/);
  });

  it("maps GoEmotions rows by the paper's sentiment grouping, mixed and ambiguous rows only as training shares", () => {
    const labels =
      'admiration amusement anger annoyance approval caring confusion curiosity desire disappointment disapproval disgust embarrassment excitement fear gratitude grief joy love nervousness optimism pride realization relief remorse sadness surprise neutral';
    const id = (emotion: string) => labels.split(' ').indexOf(emotion);
    const rows = [
      ['Thanks a lot!', [id('gratitude'), id('joy')]],
      ['That is sad.', [id('sadness')]],
      ['It is on Tuesday.', [id('neutral')]],
      ['Wow, really? Great.', [id('surprise'), id('admiration')]],
      ['Love it but it hurts.', [id('love'), id('sadness'), id('grief')]],
      ['Why though?', [id('curiosity')]],
    ] as const;
    const dir = mkdtempSync(join(tmpdir(), 'closeloop-goemotions-'));
    try {
      mkdirSync(join(dir, 'hostility/goemotions'), { recursive: true });
      writeFileSync(join(dir, 'hostility/goemotions/labels.txt'), labels.split(' ').join('\n'));
      writeFileSync(
        join(dir, 'hostility/goemotions/dev.tsv'),
        rows.map(([text, ids], i) => `${text}\t${ids.join(',')}\tid${i}`).join('\n'),
      );

      const loaded = loadGoEmotions(dir);

      expect(loaded.map((e) => e.sentiment)).toEqual([
        'positive',
        'negative',
        'neutral',
        undefined,
        undefined,
        undefined,
      ]);
      expect(loaded.map((e) => e.sentimentMix)).toEqual([
        undefined,
        undefined,
        undefined,
        { negative: 0, neutral: 0, positive: 1 },
        { negative: 2 / 3, neutral: 0, positive: 1 / 3 },
        undefined,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("counts no ambiguous emotion in a row's shares", () => {
    expect(mixOf(['confusion', 'realization'])).toBeUndefined();
    expect(mixOf(['approval', 'neutral', 'surprise'])).toEqual({ negative: 0, neutral: 0.5, positive: 0.5 });
  });
});
