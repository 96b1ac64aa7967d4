import {
  type ComprehendClient,
  DetectSentimentCommand,
  type DetectSentimentCommandOutput,
  DetectToxicContentCommand,
  type DetectToxicContentCommandOutput,
} from '@aws-sdk/client-comprehend';
import type { Log } from '#core/ports/log.ts';
import type {
  Classification,
  ClassifyOptions,
  HostilityCategory,
  ReplyClassifier,
  ReplyLanguage,
} from '#core/ports/reply-classifier.ts';
import type { LocalReplyClassifier } from './local-reply-classifier.ts';
import { decide, type HostilityThresholds, type ReplyAnalysis, type SentenceSignals } from './reply-verdict.ts';

/** DetectSentiment reads at most 5 KB of UTF-8; DetectToxicContent at most 10 segments of 1 KB each. */
export const SENTIMENT_MAX_BYTES = 5000;
export const TOXIC_SEGMENT_MAX_BYTES = 1000;
export const TOXIC_MAX_SEGMENTS = 10;

/**
 * Comprehend's toxicity is a probability-like score with no published operating point. These defaults are
 * deliberately strict (precision first) and should be checked on real replies in your account: below 0.5 is
 * civil, 0.5 to 0.85 borderline (needs review), 0.85 and above hostile.
 */
export const DEFAULT_COMPREHEND_THRESHOLDS: HostilityThresholds = {
  borderlineProbability: 0.5,
  hostileProbability: 0.85,
};

const LABEL_CATEGORIES: Readonly<Record<string, HostilityCategory | undefined>> = {
  INSULT: 'insult',
  PROFANITY: 'profanity',
  VIOLENCE_OR_THREAT: 'threat',
  HARASSMENT_OR_ABUSE: 'harassment',
  HATE_SPEECH: 'harassment',
  SEXUAL: 'harassment',
};

export interface ComprehendReplyClassifierDeps {
  readonly client: ComprehendClient;
  /** Reads every reply Comprehend cannot: other languages, replies past its size limits, and any failure. */
  readonly local: LocalReplyClassifier;
  readonly log: Log;
  readonly thresholds?: HostilityThresholds;
}

interface Segment {
  readonly first: number;
  readonly last: number;
  readonly text: string;
}

const encoder = new TextEncoder();
const bytes = (text: string): number => encoder.encode(text).length;

/** The longest prefix of `text` within `max` UTF-8 bytes, never cutting a character in two. */
export function truncateUtf8(text: string, max: number): string {
  if (bytes(text) <= max) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const size = bytes(char);
    if (used + size > max) break;
    out += char;
    used += size;
  }
  return out;
}

/**
 * One segment per sentence when there are at most ten (the evidence is then exactly the sentence Comprehend
 * found toxic); otherwise consecutive sentences packed into segments of at most 1 KB. Undefined when the reply
 * does not fit in ten segments.
 */
export function segmentsOf(sentences: readonly string[]): Segment[] | undefined {
  if (sentences.length <= TOXIC_MAX_SEGMENTS) {
    return sentences.map((s, i) => ({ first: i, last: i, text: truncateUtf8(s, TOXIC_SEGMENT_MAX_BYTES) }));
  }
  const segments: Segment[] = [];
  let first = 0;
  while (first < sentences.length) {
    let last = first;
    let text = sentences[first] ?? '';
    while (last + 1 < sentences.length && bytes(`${text} ${sentences[last + 1] ?? ''}`) <= TOXIC_SEGMENT_MAX_BYTES) {
      last++;
      text = `${text} ${sentences[last] ?? ''}`;
    }
    segments.push({ first, last, text: truncateUtf8(text, TOXIC_SEGMENT_MAX_BYTES) });
    if (segments.length > TOXIC_MAX_SEGMENTS) return undefined;
    first = last + 1;
  }
  return segments;
}

/**
 * Amazon Comprehend, routed by the reply's language. English: DetectToxicContent replaces the local hostility
 * model and DetectSentiment the local sentiment model. German, French and Spanish: DetectSentiment (which reads
 * them) gives the sentiment; hostility comes from the local rules, since DetectToxicContent reads English only.
 * The local rules (accusations, threats, insults addressed to the reader), intents, the legal/discrimination
 * safeguard and the decision bands stay the same. Other languages, replies too long for Comprehend's limits,
 * and every error (throttling, outage, missing permission) go to the local classifier, so a reply is always
 * classified.
 */
export class ComprehendReplyClassifier implements ReplyClassifier {
  private readonly thresholds: HostilityThresholds;

  constructor(private readonly deps: ComprehendReplyClassifierDeps) {
    this.thresholds = deps.thresholds ?? DEFAULT_COMPREHEND_THRESHOLDS;
  }

  async classify(text: string, options?: ClassifyOptions): Promise<Classification> {
    await this.deps.local.prepareLanguage(text, options);
    const language = this.deps.local.resolveLanguage(text, options);
    const local = () => this.deps.local.classify(text, options);
    const { code } = language;
    if (code === 'other') return local();
    if (code !== 'en') return this.sentimentOnly(text, options, { code, source: language.source }, local);

    const analysis = this.deps.local.analyze(text, { ...options, language: 'en', withModel: false });
    const segments = segmentsOf(analysis.sentences.map((s) => s.sentence));
    if (segments === undefined || segments.length === 0) {
      this.deps.log.info('Reply outside Comprehend limits; classified locally', {
        sentences: analysis.sentences.length,
      });
      return local();
    }
    try {
      const [sentiment, toxicity] = await Promise.all([
        this.deps.client.send(
          new DetectSentimentCommand({ Text: truncateUtf8(text, SENTIMENT_MAX_BYTES), LanguageCode: 'en' }),
        ),
        this.deps.client.send(
          new DetectToxicContentCommand({ TextSegments: segments.map((s) => ({ Text: s.text })), LanguageCode: 'en' }),
        ),
      ]);
      const merged = this.merge(analysis, segments, sentiment, toxicity);
      return { ...decide(merged, this.thresholds, `comprehend+${this.deps.local.version}`), language };
    } catch (e: unknown) {
      return this.fallBack(e, local);
    }
  }

  /** German, French, Spanish: Comprehend's sentiment, the local rules' hostility (the local model is English). */
  private async sentimentOnly(
    text: string,
    options: ClassifyOptions | undefined,
    language: ReplyLanguage & { readonly code: 'de' | 'fr' | 'es' },
    local: () => Promise<Classification>,
  ): Promise<Classification> {
    const analysis = this.deps.local.analyze(text, { ...options, language: language.code, withModel: false });
    try {
      const sentiment = await this.deps.client.send(
        new DetectSentimentCommand({ Text: truncateUtf8(text, SENTIMENT_MAX_BYTES), LanguageCode: language.code }),
      );
      const merged: ReplyAnalysis = { ...analysis, sentimentProbabilities: sentimentProbabilities(sentiment) };
      return { ...decide(merged, this.thresholds, `comprehend-sentiment+${this.deps.local.version}`), language };
    } catch (e: unknown) {
      return this.fallBack(e, local);
    }
  }

  private fallBack(e: unknown, local: () => Promise<Classification>): Promise<Classification> {
    // Throttling, an outage or a missing permission must not lose a reply: the local model reads it instead.
    this.deps.log.warn('Comprehend failed; classified locally', {
      error: e instanceof Error ? e.name : 'unknown',
    });
    return local();
  }

  private merge(
    analysis: ReplyAnalysis,
    segments: readonly Segment[],
    sentiment: DetectSentimentCommandOutput,
    toxicity: DetectToxicContentCommandOutput,
  ): ReplyAnalysis {
    const results = toxicity.ResultList ?? [];
    if (results.length !== segments.length) {
      throw new Error(`Comprehend returned ${results.length} toxicity results for ${segments.length} segments`);
    }
    const sentences: SentenceSignals[] = analysis.sentences.map((s) => ({ ...s }));
    const windows = segments.map((segment, k) => {
      const result = results[k];
      const labels = (result?.Labels ?? [])
        .filter((label) => (label.Score ?? 0) >= this.thresholds.borderlineProbability)
        .map((label) => LABEL_CATEGORIES[label.Name ?? ''])
        .filter((c): c is HostilityCategory => c !== undefined);
      for (let i = segment.first; i <= segment.last; i++) {
        const s = sentences[i];
        if (s === undefined) continue;
        sentences[i] = {
          ...s,
          modelProbability: segment.first === segment.last ? result?.Toxicity : s.modelProbability,
          lexicon: [...new Set([...labels, ...s.lexicon])],
        };
      }
      return { first: segment.first, last: segment.last, probability: result?.Toxicity ?? 0 };
    });
    return { ...analysis, sentences, windows, sentimentProbabilities: sentimentProbabilities(sentiment) };
  }
}

/** [negative, neutral, positive]; MIXED is neither side winning, so it counts toward neutral. */
function sentimentProbabilities(sentiment: DetectSentimentCommandOutput): [number, number, number] {
  const score = sentiment.SentimentScore;
  if (score === undefined) throw new Error('Comprehend returned no sentiment score');
  return [score.Negative ?? 0, (score.Neutral ?? 0) + (score.Mixed ?? 0), score.Positive ?? 0];
}
