import type {
  Classification,
  HostileEvidence,
  HostilityCategory,
  ReplyIntent,
  Sentiment,
} from '#core/ports/reply-classifier.ts';
import type { RuleHit } from './hostility-rules.ts';

/**
 * From measured signals to a verdict: the fixed bands of the hostility scale, the combination of model and rules,
 * the caps that send a reply to a person rather than burning a bridge, the evidence and the sentiment. Shared by
 * both adapters and by the training script, so thresholds are tuned on the code that runs.
 */

/** The hostility scale's two fixed bands; the model's own probabilities are mapped onto it. */
export const HOSTILE_AT = 0.7;
export const BORDERLINE_AT = 0.4;

export const WARM_INTENTS: readonly ReplyIntent[] = ['thanks', 'keep-in-touch', 'referral-request'];

/** One sentence's signals, before any threshold is applied. */
export interface SentenceSignals {
  readonly sentence: string;
  /** P(hostile) of the sentence alone: only used to point at the sentence to show, never to convict. */
  readonly modelProbability: number | undefined;
  readonly ruleHits: readonly RuleHit[];
  readonly lexicon: readonly HostilityCategory[];
  readonly legal: boolean;
  /** Thanks the reader, asks to stay in touch or for a referral. */
  readonly warm: boolean;
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

export interface HostilityThresholds {
  readonly borderlineProbability: number;
  readonly hostileProbability: number;
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

/**
 * Just under the hostile band: where the model alone cannot take a reply that raises a legal or discrimination
 * concern, or that thanks the reader or asks to stay in touch. A person reads those; only an explicit rule hit
 * (an insult, threat or accusation aimed at the reader) burns the bridge.
 */
const REVIEW_CAP = HOSTILE_AT - 0.001;

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
    if (inside.some((s) => s.legal) && !explicit) score = Math.min(score, REVIEW_CAP);
    let top = window.first;
    for (let i = window.first; i <= window.last; i++) {
      if ((sentences[i]?.modelProbability ?? 0) > (sentences[top]?.modelProbability ?? 0)) top = i;
    }
    // "This job market is a bitch. Thanks anyway.": a rude word beside a sincere thanks is venting, not an
    // attack on the reader; a person reads it. ("Thanks, bitch" is one sentence and stays hostile.)
    if (inside.some((s, k) => s.warm && window.first + k !== top) && !explicit) score = Math.min(score, REVIEW_CAP);
    modelScores[top] = Math.max(modelScores[top] ?? 0, score);
  }

  // 2. Each sentence: the stronger of the model and the rules.
  const scored = sentences.map((s, i): ScoredSentence => {
    const modelScore = modelScores[i] ?? 0;
    let ruleScore = s.ruleHits[0]?.score ?? 0;
    if (s.legal && ruleScore < HOSTILE_AT) ruleScore = Math.min(ruleScore, REVIEW_CAP);
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
  if (sentences.some((s) => s.legal) && !explicit) hostility = Math.min(hostility, REVIEW_CAP);

  // Bands are read off the rounded score, so the number a recruiter sees always agrees with the verdict.
  hostility = round(hostility);
  const hostile = hostility >= HOSTILE_AT;
  const borderline = !hostile && hostility >= BORDERLINE_AT;
  const evidence = hostile || borderline ? collectEvidence(scored, hostility) : [];
  const categories = unique(evidence.flatMap((e) => e.categories));

  return {
    sentiment: sentimentOf(analysis, hostile, borderline),
    hostile,
    borderline,
    hostility,
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

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
