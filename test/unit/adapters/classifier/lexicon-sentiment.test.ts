import { describe, expect, it } from 'vitest';
import {
  afinnFeatures,
  LEXICON_FEATURE_COUNT,
  lexiconSentimentFeatures,
} from '#adapters/classifier/lexicon-sentiment.ts';
import { normalizeText, tokenize } from '#adapters/classifier/text-normalization.ts';

const afinnOf = (text: string) => afinnFeatures(tokenize(normalizeText(text)));
/** Positions in afinnFeatures: squashed sum, mean, strongest negative, strongest positive, masses, rated share. */
const SUM = 0;
const LOWEST = 2;
const HIGHEST = 3;
const RATED_SHARE = 6;

describe('lexicon sentiment features', () => {
  it('gives the model as many features as its weights expect, all finite', () => {
    for (const text of ['', 'Thank you so much!', 'This is awful, not good at all.', '🎉🎉', 'x'.repeat(5000)]) {
      const features = lexiconSentimentFeatures(text);

      expect(features).toHaveLength(LEXICON_FEATURE_COUNT);
      expect(features.every(Number.isFinite)).toBe(true);
    }
  });

  it('rates words AFINN knows and leaves a text without them at zero', () => {
    expect(afinnOf('What a great team, thank you')[SUM]).toBeGreaterThan(0);
    expect(afinnOf('That was a terrible interview')[SUM]).toBeLessThan(0);
    expect(afinnOf('The meeting is on Tuesday')).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('reads informal words that VADER lacks, such as "lolol" and "fucking"', () => {
    expect(afinnOf('lolol')[HIGHEST]).toBeGreaterThan(0);
    expect(afinnOf('fucking')[LOWEST]).toBeLessThan(0);
    expect(lexiconSentimentFeatures('lolol').slice(0, 7)).toEqual(lexiconSentimentFeatures('Tuesday').slice(0, 7));
  });

  it('turns a rating around, at half strength, for a few words after a negation, up to the end of the clause', () => {
    const good = afinnOf('good')[SUM] ?? 0;

    expect(afinnOf('not good')[SUM]).toBeCloseTo(Math.tanh(-Math.atanh(good) / 2), 6);
    expect(afinnOf("it isn't very good")[SUM]).toBeLessThan(0);
    expect(afinnOf('not. good')[SUM]).toBeCloseTo(good, 6);
    expect(afinnOf('no, not at all, it was really good')[SUM]).toBeGreaterThan(0);
    expect(afinnOf('never a bad day')[RATED_SHARE]).toBeCloseTo(1 / 4, 6);
  });
});
