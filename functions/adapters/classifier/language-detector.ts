import { type DetectedLanguageCode, detectLanguage, type LanguageGuess, REPLY_LANGUAGES } from './language-guess.ts';
import { normalizeText, tokenize } from './text-normalization.ts';

/**
 * Says which language a reply is written in, and whether the text was long enough to tell. `normalized`, when
 * the caller has it, is `normalizeText(text)`: the classifier normalizes a reply once for every reader.
 */
export type LanguageDetector = (text: string, normalized?: string) => LanguageGuess;

/** Our function-word guesser alone (no data to load): what the classifier uses when eld is not loaded. */
export const functionWordDetector: LanguageDetector = (text, normalized = normalizeText(text)) =>
  detectLanguage(normalized, tokenize(normalized));

/** The part of eld's result we read (eld 2.x, `eld/small`). */
interface EldResult {
  readonly language: string;
  isReliable(): boolean;
}
interface Eld {
  detect(text: string): EldResult;
}

/**
 * eld (Efficient Language Detector, Apache-2.0, the `small` n-gram database: 60 languages, 1.6 MB) where it
 * is sure, our function-word guesser where it is not: 100% right on our 229 short replies against 99.6% for
 * eld alone and 96.1% for the guesser alone (bench/classifier/compare-language-detectors.ts). A reply whose
 * function words lead by four or more is not sent to eld; eld reads the first 500 characters.
 */
export function eldDetector(eld: Eld): LanguageDetector {
  return (text, normalized) => {
    // Most replies say their language plainly; eld (tens of microseconds) reads the ones that do not.
    const words = functionWordDetector(text, normalized);
    if (isClear(words)) return words;
    const result = eld.detect(text.slice(0, ELD_CHARS));
    if (result.language !== '' && result.isReliable()) {
      const language: DetectedLanguageCode = REPLY_LANGUAGES.find((code) => code === result.language) ?? 'other';
      return { language, confident: true };
    }
    return words;
  };
}

/** The function words name one of our four languages with a lead eld is never asked to check. */
function isClear(words: LanguageGuess): boolean {
  return words.confident && (words.lead ?? 0) >= CLEAR_LEAD && words.language !== 'other';
}

/** A lead of this many function words over the runner-up is never wrong on our sets (see docs/classifier.md). */
const CLEAR_LEAD = 4;
/** Far more than a language needs; eld's time grows with the text. */
const ELD_CHARS = 500;

let loaded: Promise<LanguageDetector> | undefined;

/** eld's database is loaded once per process, on first use, like the model's weights. */
export function loadLanguageDetector(): Promise<LanguageDetector> {
  loaded ??= import('eld/small')
    .then((module) => eldDetector(module.eld))
    .catch((e: unknown) => {
      loaded = undefined;
      throw e;
    });
  return loaded;
}

/**
 * eld's database loaded the first time a reply needs it, not at cold start: evaluating its 1.6 MB of n-grams
 * takes about a second, and most replies' function words say their language plainly, so a process that only
 * meets such replies never pays for it. Answers exactly as `eldDetector` does once `load` has run; before,
 * `detect` answers the clear replies and refuses the others (await `load` first, see `needsLoading`).
 */
export class OnDemandLanguageDetector {
  private eld: LanguageDetector | undefined;

  get loaded(): boolean {
    return this.eld !== undefined;
  }

  /** True when this reply needs eld and eld is not loaded yet. */
  needsLoading(text: string, normalized?: string): boolean {
    return this.eld === undefined && !isClear(functionWordDetector(text, normalized));
  }

  async load(): Promise<void> {
    this.eld ??= await loadLanguageDetector();
  }

  readonly detect: LanguageDetector = (text, normalized) => {
    if (this.eld !== undefined) return this.eld(text, normalized);
    const words = functionWordDetector(text, normalized);
    if (isClear(words)) return words;
    throw new LanguageDataNotLoadedError();
  };
}

/** A reply needed eld before its database was loaded: a programming error (call `load` first). */
export class LanguageDataNotLoadedError extends Error {
  constructor() {
    super("eld's database is not loaded: await the classifier's prepareLanguage (or classify) first");
    this.name = 'LanguageDataNotLoadedError';
  }
}
