import type {
  Classification,
  ClassifyOptions,
  HostileEvidence,
  HostilityCategory,
  ReplyClassifier,
  ReplyIntent,
} from '#core/ports/reply-classifier.ts';

const INTENT_WORDS: readonly [RegExp, ReplyIntent][] = [
  [/\bthank/i, 'thanks'],
  [/stay in touch|keep in touch/i, 'keep-in-touch'],
  [/recommend|refer me/i, 'referral-request'],
  [/feedback/i, 'feedback-request'],
  [/withdraw|no longer interested/i, 'withdraws'],
  [/reconsider|unfair decision/i, 'disputes-decision'],
  [/lawyer|discriminat|legal action/i, 'legal-or-discrimination'],
];
const HOSTILE_WORDS: readonly [RegExp, HostilityCategory][] = [
  [/\bscam|fraud|trickster/i, 'accusation'],
  [/\bdick\b|idiot/i, 'insult'],
  [/\bkill\b|hurt you/i, 'threat'],
];

/**
 * A predictable stand-in for the classifier in unit tests: a few keywords decide everything, and the text
 * "borderline" scores 0.5 without being hostile. Records what it was asked. The real classifiers are tested
 * on their own (issue 6a); the reply flow is tested against this port behaviour.
 */
export class FakeReplyClassifier implements ReplyClassifier {
  readonly calls: string[] = [];
  /** What the caller told the classifier besides the text (language fallback, thread), call by call. */
  readonly options: (ClassifyOptions | undefined)[] = [];

  async classify(text: string, options?: ClassifyOptions): Promise<Classification> {
    this.calls.push(text);
    this.options.push(options);
    const sentences = text.split(/(?<=[.!?…])\s+|\n+/).filter((s) => s.trim() !== '');
    const evidence: HostileEvidence[] = [];
    for (const sentence of sentences) {
      const categories = HOSTILE_WORDS.filter(([re]) => re.test(sentence)).map(([, c]) => c);
      if (categories.length > 0) evidence.push({ sentence: sentence.trim(), categories, score: 0.95 });
    }
    const hostile = evidence.length > 0;
    const borderline = !hostile && /borderline/i.test(text);
    const hostility = hostile ? 0.95 : borderline ? 0.5 : 0.02;
    const intents = INTENT_WORDS.filter(([re]) => re.test(text)).map(([, i]) => i);
    const negative = hostile || /disappointed|sad/i.test(text);
    return {
      sentiment: negative
        ? { label: 'negative', score: -0.7 }
        : intents.includes('thanks')
          ? { label: 'positive', score: 0.8 }
          : { label: 'neutral', score: 0 },
      hostile,
      borderline,
      hostility,
      categories: [...new Set(evidence.flatMap((e) => e.categories))],
      intents,
      evidence,
      model: 'fake-v1',
    };
  }
}
