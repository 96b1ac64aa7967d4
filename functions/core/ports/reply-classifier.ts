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
  /** The language the reply was read as (both adapters set it; optional for records made before it existed). */
  readonly language?: ReplyLanguage;
}

/** The languages notices go out in, or `other`. */
export const REPLY_LANGUAGE_CODES = ['en', 'de', 'fr', 'es', 'other'] as const;
export type ReplyLanguageCode = (typeof REPLY_LANGUAGE_CODES)[number];

/**
 * Where the language came from: `declared` by the caller (a CLI flag), detected from the `text`, or the caller's
 * `fallback` (the notice's locale) when the text was too short to tell.
 */
export const LANGUAGE_SOURCES = ['declared', 'text', 'fallback'] as const;

export interface ReplyLanguage {
  readonly code: ReplyLanguageCode;
  readonly source: (typeof LANGUAGE_SOURCES)[number];
}

/**
 * What the classifier may know besides the text. `language` is taken as given; `fallbackLanguage` (the notice's
 * locale, or the reply's Content-Language) is used only when the text is too short to tell. `thread` carries
 * what came just before this turn, so an intent can read it ("yes, please" after our offer of feedback).
 */
export interface ClassifyOptions {
  readonly language?: string;
  readonly fallbackLanguage?: string;
  readonly thread?: ThreadContext;
}

/** The turn just before the candidate's, as far as intents need it. */
export interface ThreadContext {
  /** Our previous message offered to share feedback (a template or a recruiter's answer saying so). */
  readonly offeredFeedback: boolean;
}

/**
 * Reads a reply's text (already stripped of quotes and signatures). Two adapters: a local model (offline,
 * default) and Amazon Comprehend for English with the local model as fallback.
 */
export interface ReplyClassifier {
  classify(text: string, options?: ClassifyOptions): Promise<Classification>;
}
