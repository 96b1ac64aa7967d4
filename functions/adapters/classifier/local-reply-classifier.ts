import type {
  Classification,
  HostileEvidence,
  HostilityCategory,
  ReplyClassifier,
  ReplyIntent,
  Sentiment,
} from '#core/ports/reply-classifier.ts';
import { lexiconCategories } from './category-lexicon.ts';
import { extractFeatures, type FeatureOptions, foldFeatures, type SparseVector } from './hashed-features.ts';
import { matchHostilityRules, type RuleHit } from './hostility-rules.ts';
import { detectIntents, mentionsLegalOrDiscrimination } from './intent-patterns.ts';
import { guessLanguage } from './language-guess.ts';
import { LEXICON_FEATURE_COUNT, lexiconSentimentFeatures, withDenseFeatures } from './lexicon-sentiment.ts';
import { BinaryLinearModel, dequantize, SoftmaxLinearModel } from './linear-model.ts';
import { type LocalClassifierModel, LocalClassifierModelSchema } from './local-classifier-model.ts';
import { normalizeText, splitSentences, tokenize } from './text-normalization.ts';

/** The hostility scale's two fixed bands; the model's own probabilities are mapped onto it. */
export const HOSTILE_AT = 0.7;
export const BORDERLINE_AT = 0.4;

/** Replies are read up to this many characters: far beyond any human reply, short of a pasted book. */
export const MAX_ANALYZED_CHARS = 20_000;

const WARM_INTENTS: readonly ReplyIntent[] = ['thanks', 'keep-in-touch', 'referral-request'];

/** One sentence's signals, before any threshold is applied. */
export interface SentenceSignals {
  readonly sentence: string;
  /** P(hostile) of the sentence alone: only used to point at the sentence to show, never to convict. */
  readonly modelProbability: number | undefined;
  readonly ruleHits: readonly RuleHit[];
  readonly lexicon: readonly HostilityCategory[];
  readonly legal: boolean;
}

/** A run of consecutive sentences about as long as the texts the model was trained on. */
export interface WindowSignals {
  readonly first: number;
  readonly last: number;
  /** P(hostile) of the window; undefined when the model does not read this language. */
  readonly probability: number | undefined;
}

/** Everything the classifier measured on a reply; `decide` turns it into a Classification. */
export interface ReplyAnalysis {
  readonly sentences: readonly SentenceSignals[];
  readonly windows: readonly WindowSignals[];
  /** [negative, neutral, positive]; undefined when the model does not read this language. */
  readonly sentimentProbabilities: readonly [number, number, number] | undefined;
  readonly intents: readonly ReplyIntent[];
}

/**
 * The hostility model reads windows of at most this many characters (a tweet's length, like its training
 * texts): a short reply is read whole, a long one window by window, so a hostile sentence cannot hide in a long
 * civil letter, while a lone short sentence is never judged out of its context.
 */
export const WINDOW_CHARS = 280;

export interface HostilityThresholds {
  readonly borderlineProbability: number;
  readonly hostileProbability: number;
}

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

  constructor(model: LocalClassifierModel) {
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

  async classify(text: string, options?: { readonly language?: string }): Promise<Classification> {
    return this.classifyNow(text, options);
  }

  /** The same as `classify`, synchronously (the CLI and the benchmarks use it). */
  classifyNow(text: string, options?: { readonly language?: string }): Classification {
    return decide(this.analyze(text, options), this.thresholds, this.version);
  }

  /**
   * Measures a reply without deciding. `withModel: false` leaves the trained models out (rules, intents and
   * sentences only), for an adapter that brings its own model, such as Amazon Comprehend.
   */
  analyze(text: string, options?: { readonly language?: string; readonly withModel?: boolean }): ReplyAnalysis {
    const bounded = text.length > MAX_ANALYZED_CHARS ? text.slice(0, MAX_ANALYZED_CHARS) : text;
    const normalized = normalizeText(bounded);
    const readsLanguage = options?.withModel !== false && languageOf(bounded, options?.language) === 'en';
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

    let sentimentProbabilities: [number, number, number] | undefined;
    if (whole !== undefined) {
      const [negative = 0, neutral = 0, positive = 0] = this.sentiment.probabilities(
        sentimentFeatures(whole, bounded, this.sentimentBits),
      );
      sentimentProbabilities = [negative, neutral, positive];
    }
    return { sentences, windows, sentimentProbabilities, intents: detectIntents(normalized) };
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

/**
 * Maps a model probability onto the hostility scale so that the trained thresholds land on the fixed bands:
 * [0, borderline) → [0, 0.4), [borderline, hostile) → [0.4, 0.7), [hostile, 1] → [0.7, 1].
 */
export function hostilityScore(probability: number, t: HostilityThresholds): number {
  const { borderlineProbability: b, hostileProbability: h } = t;
  if (probability < b) return (BORDERLINE_AT * probability) / b;
  if (probability < h) return BORDERLINE_AT + ((HOSTILE_AT - BORDERLINE_AT) * (probability - b)) / (h - b);
  return HOSTILE_AT + ((1 - HOSTILE_AT) * (probability - h)) / Math.max(1 - h, 1e-9);
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** Just under the hostile band: what a legal or discrimination concern is capped at when nothing else is hostile. */
const LEGAL_CAP = HOSTILE_AT - 0.001;

interface ScoredSentence {
  readonly sentence: string;
  readonly score: number;
  readonly modelScore: number;
  readonly categories: readonly HostilityCategory[];
}

/** Rule scores below this (a hedged or job-only accusation counts, a doubtful hit does not) never add up. */
const COMBINES_FROM = 0.55;

/** Turns measured signals into a verdict. Pure, so the training script tunes thresholds on the same code path. */
export function decide(analysis: ReplyAnalysis, thresholds: HostilityThresholds, version: string): Classification {
  const { sentences } = analysis;
  const explicit = sentences.some((s) => s.ruleHits.some((hit) => hit.score >= HOSTILE_AT));

  // 1. The model, window by window. Its score goes to the window's most suspicious sentence (the evidence).
  //    A legal or discrimination concern is read by a person, never convicted by the model alone.
  const modelScores = sentences.map(() => 0);
  for (const window of analysis.windows) {
    if (window.probability === undefined) continue;
    let score = hostilityScore(window.probability, thresholds);
    const inside = sentences.slice(window.first, window.last + 1);
    if (inside.some((s) => s.legal) && !explicit) score = Math.min(score, LEGAL_CAP);
    let top = window.first;
    for (let i = window.first; i <= window.last; i++) {
      if ((sentences[i]?.modelProbability ?? 0) > (sentences[top]?.modelProbability ?? 0)) top = i;
    }
    modelScores[top] = Math.max(modelScores[top] ?? 0, score);
  }

  // 2. Each sentence: the stronger of the model and the rules.
  const scored = sentences.map((s, i): ScoredSentence => {
    const modelScore = modelScores[i] ?? 0;
    let ruleScore = s.ruleHits[0]?.score ?? 0;
    if (s.legal && ruleScore < HOSTILE_AT) ruleScore = Math.min(ruleScore, LEGAL_CAP);
    const ruleCategories = s.ruleHits.filter((hit) => hit.score >= BORDERLINE_AT).map((hit) => hit.category);
    const modelCategories = modelScore >= BORDERLINE_AT ? (s.lexicon.length > 0 ? s.lexicon : ['insult' as const]) : [];
    const categories = unique([...ruleCategories, ...(ruleCategories.length > 0 ? s.lexicon : []), ...modelCategories]);
    return { sentence: s.sentence, score: Math.max(modelScore, ruleScore), modelScore, categories };
  });

  // 3. The reply: its strongest sentence, and independent signals adding up (an accusation about the job next
  //    to an insult is hostile even when each alone is only borderline).
  let hostility = Math.max(0, ...scored.map((s) => s.score));
  const sources = [Math.max(0, ...modelScores), ...bestRuleScorePerCategory(sentences)].filter(
    (score) => score >= COMBINES_FROM,
  );
  if (sources.length >= 2) hostility = Math.max(hostility, 1 - sources.reduce((p, s) => p * (1 - s), 1));
  if (sentences.some((s) => s.legal) && !explicit) hostility = Math.min(hostility, LEGAL_CAP);

  const hostile = hostility >= HOSTILE_AT;
  const borderline = !hostile && hostility >= BORDERLINE_AT;
  const evidence = hostile || borderline ? collectEvidence(scored, hostility) : [];
  const categories = unique(evidence.flatMap((e) => e.categories));

  return {
    sentiment: sentimentOf(analysis, hostile, borderline),
    hostile,
    borderline,
    hostility: round(hostility),
    categories,
    intents: analysis.intents,
    evidence,
    model: version,
  };
}

function bestRuleScorePerCategory(sentences: readonly SentenceSignals[]): number[] {
  const best = new Map<HostilityCategory, number>();
  for (const s of sentences) {
    if (s.legal && !s.ruleHits.some((hit) => hit.score >= HOSTILE_AT)) continue;
    for (const hit of s.ruleHits) best.set(hit.category, Math.max(best.get(hit.category) ?? 0, hit.score));
  }
  return [...best.values()];
}

function collectEvidence(scored: readonly ScoredSentence[], hostility: number): HostileEvidence[] {
  const flagged = scored.filter((s) => s.score >= BORDERLINE_AT).sort((a, b) => b.score - a.score);
  if (flagged.length > 0) {
    return flagged.slice(0, 5).map((s) => ({ sentence: s.sentence, categories: s.categories, score: round(s.score) }));
  }
  // Only the whole text crossed the line: show its most suspicious sentence, with the whole text's score.
  const top = [...scored].sort((a, b) => b.modelScore - a.modelScore)[0];
  if (top === undefined) return [];
  const categories = top.categories.length > 0 ? top.categories : (['insult'] as const);
  return [{ sentence: top.sentence, categories, score: round(hostility) }];
}

function sentimentOf(analysis: ReplyAnalysis, hostile: boolean, borderline: boolean): Sentiment {
  const p = analysis.sentimentProbabilities;
  if (p !== undefined) {
    const [negative, neutral, positive] = p;
    const score = positive - negative;
    const label =
      negative >= neutral && negative >= positive ? 'negative' : positive >= neutral ? 'positive' : 'neutral';
    if (hostile) return { label: 'negative', score: round(Math.min(score, -0.5)) };
    // What a reply asks for says more than a model trained on forum comments: disputing the decision or raising
    // discrimination is not a positive reply, however politely worded.
    if (analysis.intents.some((i) => i === 'disputes-decision' || i === 'legal-or-discrimination')) {
      return { label: 'negative', score: round(Math.min(score, -0.3)) };
    }
    return { label, score: round(score) };
  }
  // Languages the model does not read: what the rules and intents say.
  if (hostile) return { label: 'negative', score: -0.8 };
  if (borderline) return { label: 'negative', score: -0.4 };
  if (analysis.intents.some((i) => i === 'disputes-decision' || i === 'legal-or-discrimination')) {
    return { label: 'negative', score: -0.5 };
  }
  if (analysis.intents.some((i) => WARM_INTENTS.includes(i))) return { label: 'positive', score: 0.6 };
  return { label: 'neutral', score: 0 };
}

/** The primary subtag of the given language ("en-GB" → "en"), else a guess from the text. */
export function languageOf(text: string, language: string | undefined): string {
  const primary = language?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === undefined || primary === '' ? guessLanguage(tokenize(normalizeText(text))) : primary;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

let loaded: Promise<LocalReplyClassifier> | undefined;

/**
 * The classifier with the committed weights (`model/reply-classifier.json`), loaded once per process. The import
 * is dynamic so that a function which never classifies does not pay for parsing the weights at cold start.
 */
export function loadLocalReplyClassifier(): Promise<LocalReplyClassifier> {
  loaded ??= import('./model/reply-classifier.json', { with: { type: 'json' } })
    .then((module) => new LocalReplyClassifier(LocalClassifierModelSchema.parse(module.default)))
    .catch((e: unknown) => {
      loaded = undefined;
      throw e;
    });
  return loaded;
}
