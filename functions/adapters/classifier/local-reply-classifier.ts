import {
  type Classification,
  type ClassifyOptions,
  REPLY_INTENTS,
  type ReplyClassifier,
  type ReplyLanguage,
  type ReplyLanguageCode,
} from '#core/ports/reply-classifier.ts';
import { lexiconCategories } from './category-lexicon.ts';
import { extractFeatures, type FeatureOptions, foldFeatures, type SparseVector } from './hashed-features.ts';
import { matchHostilityRules } from './hostility-rules.ts';
import { detectIntents, mentionsLegalOrDiscrimination } from './intent-patterns.ts';
import {
  functionWordDetector,
  type LanguageDetector,
  loadLanguageDetector,
  OnDemandLanguageDetector,
} from './language-detector.ts';
import { REPLY_LANGUAGES } from './language-guess.ts';
import { LEXICON_FEATURE_COUNT, lexiconSentimentFeatures, withDenseFeatures } from './lexicon-sentiment.ts';
import { BinaryLinearModel, dequantize, SoftmaxLinearModel } from './linear-model.ts';
import { type LocalClassifierModel, LocalClassifierModelSchema } from './local-classifier-model.ts';
import {
  decide,
  type HostilityThresholds,
  type ReplyAnalysis,
  type SentenceSignals,
  WARM_INTENTS,
  type WindowSignals,
} from './reply-verdict.ts';
import { cueSentiment } from './sentiment-cues-de-fr-es.ts';
import { normalizeText, splitSentences } from './text-normalization.ts';
import { threadIntents } from './thread-intents.ts';

/** Replies are read up to this many characters: far beyond any human reply, short of a pasted book. */
export const MAX_ANALYZED_CHARS = 20_000;

/**
 * The hostility model reads windows of at most this many characters (a tweet's length, like its training
 * texts): a short reply is read whole, a long one window by window, so a hostile sentence cannot hide in a long
 * civil letter, while a lone short sentence is never judged out of its context.
 */
export const WINDOW_CHARS = 280;

/**
 * The local, offline reply classifier: a logistic regression over hashed word and character n-grams (trained by
 * `npm run train:classifier`), sentence by sentence, combined with rules for accusations, threats and insults
 * addressed to the reader, and patterns for intents. English for the model; rules and intents also read German,
 * French and Spanish. See docs/classifier.md.
 */
export class LocalReplyClassifier implements ReplyClassifier {
  readonly version: string;
  private readonly features: FeatureOptions;
  private readonly hostility: BinaryLinearModel;
  private readonly sentiment: SoftmaxLinearModel;
  private readonly thresholds: HostilityThresholds;
  private readonly sentimentBits: number;

  constructor(
    model: LocalClassifierModel,
    private readonly detector: LanguageDetector | OnDemandLanguageDetector = functionWordDetector,
  ) {
    const size = 2 ** model.features.bits;
    const sentimentSize = 2 ** model.sentiment.bits;
    if (model.sentiment.bits > model.features.bits || model.sentiment.lexiconFeatures !== LEXICON_FEATURE_COUNT) {
      throw new Error('Sentiment model does not match this code: retrain with npm run train:classifier');
    }
    this.sentimentBits = model.sentiment.bits;
    this.version = model.version;
    this.features = model.features;
    this.hostility = new BinaryLinearModel(dequantize(model.hostility.weights, size), model.hostility.bias);
    this.sentiment = new SoftmaxLinearModel(
      model.sentiment.weights.map((w) => dequantize(w, sentimentSize + LEXICON_FEATURE_COUNT)),
      model.sentiment.biases,
    );
    this.thresholds = {
      borderlineProbability: model.hostility.borderlineProbability,
      hostileProbability: model.hostility.hostileProbability,
    };
  }

  async classify(text: string, options?: ClassifyOptions): Promise<Classification> {
    await this.prepareLanguage(text, options);
    return this.classifyNow(text, options);
  }

  /**
   * Loads eld's database when it is loaded on demand and this reply is the first one that needs it; the
   * synchronous methods (`classifyNow`, `analyze`, `resolveLanguage`) need it loaded for such a reply.
   */
  async prepareLanguage(text: string, options?: ClassifyOptions): Promise<void> {
    const detector = this.detector;
    if (typeof detector === 'function' || detector.loaded || codeOf(options?.language) !== undefined) return;
    if (detector.needsLoading(boundedText(text))) await detector.load();
  }

  /** The same as `classify`, synchronously (the CLI and the benchmarks use it). */
  classifyNow(text: string, options?: ClassifyOptions): Classification {
    const bounded = boundedText(text);
    const normalized = normalizeText(bounded);
    const language = this.resolveBounded(bounded, normalized, options);
    const analysis = this.analyzeBounded(bounded, normalized, language.code, options);
    return { ...decide(analysis, this.thresholds, this.version), language };
  }

  /**
   * Measures a reply without deciding. `withModel: false` leaves the trained models out (rules, intents and
   * sentences only), for an adapter that brings its own model, such as Amazon Comprehend.
   */
  analyze(text: string, options?: ClassifyOptions & { readonly withModel?: boolean }): ReplyAnalysis {
    const bounded = boundedText(text);
    const normalized = normalizeText(bounded);
    return this.analyzeBounded(bounded, normalized, this.resolveBounded(bounded, normalized, options).code, options);
  }

  /** `analyze` on a reply already cut to MAX_ANALYZED_CHARS and normalized once, in its resolved language. */
  private analyzeBounded(
    bounded: string,
    normalized: string,
    language: ReplyLanguageCode,
    options?: ClassifyOptions & { readonly withModel?: boolean },
  ): ReplyAnalysis {
    // The model reads every reply but German, French and Spanish ones (the cues read those): a slangy English
    // reply that the detector calls `other` must not lose the model, and it read other languages before too.
    const withModel = options?.withModel !== false;
    const readsLanguage = withModel && !readsCues(language);
    const whole = readsLanguage ? extractFeatures(bounded, this.features) : undefined;
    const probability = (part: string): number | undefined =>
      readsLanguage ? this.hostility.probability(extractFeatures(part, this.features)) : undefined;

    const sentenceTexts = splitSentences(bounded).map((s) => s.text);
    const sentences = sentenceTexts.map((sentence): SentenceSignals => {
      const normalizedSentence = normalizeText(sentence);
      return {
        sentence,
        modelProbability: sentenceTexts.length > 1 ? probability(sentence) : undefined,
        ruleHits: matchHostilityRules(normalizedSentence),
        lexicon: lexiconCategories(normalizedSentence),
        legal: mentionsLegalOrDiscrimination(normalizedSentence),
        warm: detectIntents(normalizedSentence, WARM_INTENTS).length > 0,
      };
    });
    const spans = windowsOf(sentenceTexts);
    const windows = spans.map(
      ({ first, last }): WindowSignals => ({
        first,
        last,
        // One window is the whole reply: read it as written, exactly like the training texts.
        probability:
          spans.length === 1 && whole !== undefined
            ? this.hostility.probability(whole)
            : probability(sentenceTexts.slice(first, last + 1).join(' ')),
      }),
    );

    const found = new Set([...detectIntents(normalized), ...threadIntents(normalized, options?.thread)]);
    const intents = REPLY_INTENTS.filter((intent) => found.has(intent));
    let sentimentProbabilities: [number, number, number] | undefined;
    if (whole === undefined && withModel && readsCues(language)) {
      sentimentProbabilities = cueSentiment(normalized, intents);
    }
    if (whole !== undefined) {
      const [negative = 0, neutral = 0, positive = 0] = this.sentiment.probabilities(
        sentimentFeatures(whole, bounded, this.sentimentBits),
      );
      sentimentProbabilities = [negative, neutral, positive];
    }
    return { sentences, windows, sentimentProbabilities, intents };
  }

  /**
   * The language a reply is read in: the caller's `language` when given; else the text's own when it is long
   * enough to tell; else the caller's fallback (the notice's locale); else the text's best guess.
   */
  resolveLanguage(text: string, options?: ClassifyOptions): ReplyLanguage {
    const bounded = boundedText(text);
    return this.resolveBounded(bounded, normalizeText(bounded), options);
  }

  private resolveBounded(bounded: string, normalized: string, options?: ClassifyOptions): ReplyLanguage {
    const declared = codeOf(options?.language);
    if (declared !== undefined) return { code: declared, source: 'declared' };
    const guess =
      typeof this.detector === 'function'
        ? this.detector(bounded, normalized)
        : this.detector.detect(bounded, normalized);
    if (guess.confident) return { code: guess.language, source: 'text' };
    const fallback = codeOf(options?.fallbackLanguage);
    if (fallback !== undefined) return { code: fallback, source: 'fallback' };
    return { code: guess.language, source: 'text' };
  }
}

/**
 * Every maximal run of consecutive sentences within WINDOW_CHARS, one starting at each sentence (a sentence
 * longer than that is a window of its own). A reply within the limit is one window: the whole text.
 */
export function windowsOf(sentences: readonly string[]): { first: number; last: number }[] {
  const windows: { first: number; last: number }[] = [];
  let previousLast = -1;
  for (let first = 0; first < sentences.length; first++) {
    let last = first;
    let length = sentences[first]?.length ?? 0;
    while (last + 1 < sentences.length && length + 1 + (sentences[last + 1]?.length ?? 0) <= WINDOW_CHARS) {
      last++;
      length += 1 + (sentences[last]?.length ?? 0);
    }
    // A window inside the previous one adds nothing.
    if (last > previousLast) windows.push({ first, last });
    previousLast = Math.max(previousLast, last);
  }
  return windows;
}

/** The sentiment model's input: the hashed features folded to its size, then VADER's lexicon features. */
export function sentimentFeatures(x: SparseVector, text: string, bits: number): SparseVector {
  return withDenseFeatures(foldFeatures(x, bits), lexiconSentimentFeatures(text), 2 ** bits);
}

/** A BCP 47 tag's primary subtag as one of ours; another language is `other`, an empty tag undefined. */
function codeOf(tag: string | undefined): ReplyLanguageCode | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === undefined || primary === '') return undefined;
  return REPLY_LANGUAGES.find((code) => code === primary) ?? 'other';
}

/**
 * `eager`: eld's database is loaded with the weights, and every method works at once (the evaluations, tests and
 * benchmarks). `on-demand`: loaded by `classify` for the first reply that needs it (the functions and the CLI,
 * whose cold start it would otherwise lengthen by about a second); results are the same.
 */
export type LanguageDataLoading = 'eager' | 'on-demand';

const loaded = new Map<LanguageDataLoading, Promise<LocalReplyClassifier>>();

/**
 * The classifier with the committed weights (`model/reply-classifier.json`), loaded once per process. The import
 * is dynamic so that a function which never classifies does not pay for parsing the weights at cold start.
 */
export function loadLocalReplyClassifier(languageData: LanguageDataLoading = 'eager'): Promise<LocalReplyClassifier> {
  const cached = loaded.get(languageData);
  if (cached !== undefined) return cached;
  const detector = languageData === 'eager' ? loadLanguageDetector() : Promise.resolve(new OnDemandLanguageDetector());
  const loading = Promise.all([import('./model/reply-classifier.json', { with: { type: 'json' } }), detector])
    .then(([module, d]) => new LocalReplyClassifier(LocalClassifierModelSchema.parse(module.default), d))
    .catch((e: unknown) => {
      loaded.delete(languageData);
      throw e;
    });
  loaded.set(languageData, loading);
  return loading;
}

function boundedText(text: string): string {
  return text.length > MAX_ANALYZED_CHARS ? text.slice(0, MAX_ANALYZED_CHARS) : text;
}

/** German, French and Spanish: the English model does not read them, the sentiment cues do. */
function readsCues(code: string): boolean {
  return code === 'de' || code === 'fr' || code === 'es';
}
