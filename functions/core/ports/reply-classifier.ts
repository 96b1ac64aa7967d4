/** Sentiment on −1 (very negative) … 1 (very positive), with its 3-class label. */
export interface Sentiment {
  readonly label: 'positive' | 'neutral' | 'negative';
  readonly score: number;
}

/** Hostility aimed at the reader; "civil but negative" (disappointed, sad, annoyed) is none of these. */
export const HOSTILITY_CATEGORIES = ['insult', 'profanity', 'threat', 'accusation', 'harassment'] as const;
export type HostilityCategory = (typeof HOSTILITY_CATEGORIES)[number];

export const REPLY_INTENTS = [
  'thanks',
  'keep-in-touch',
  'referral-request',
  'feedback-request',
  'withdraws',
  'disputes-decision',
  'legal-or-discrimination',
] as const;
export type ReplyIntent = (typeof REPLY_INTENTS)[number];

export interface HostileEvidence {
  /** The sentence of the reply that carries the hostility, as written. */
  readonly sentence: string;
  readonly categories: readonly HostilityCategory[];
  readonly score: number;
}

export interface Classification {
  readonly sentiment: Sentiment;
  /** True only when the reply is confidently hostile toward the reader (the bridge-burned threshold). */
  readonly hostile: boolean;
  /**
   * True when the reply is not `hostile` but close enough that a person should read it (the needs-review band).
   * Never true together with `hostile`.
   */
  readonly borderline: boolean;
  /** 0 … 1; `hostile` and `borderline` are fixed bands of this score, see docs/classifier.md. */
  readonly hostility: number;
  readonly categories: readonly HostilityCategory[];
  readonly intents: readonly ReplyIntent[];
  /** The sentences behind a `hostile` or `borderline` verdict, strongest first; empty otherwise. */
  readonly evidence: readonly HostileEvidence[];
  /** Which classifier and version produced this, e.g. `local-v3` or `comprehend+local-v3`. */
  readonly model: string;
}

/**
 * Reads a reply's text (already stripped of quotes and signatures). Two adapters: a local model (offline,
 * default) and Amazon Comprehend for English with the local model as fallback.
 */
export interface ReplyClassifier {
  classify(text: string, options?: { readonly language?: string }): Promise<Classification>;
}
