/** The languages notices go out in; anything else is `other`. */
export const REPLY_LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
export type ReplyLanguageCode = (typeof REPLY_LANGUAGES)[number];
export type DetectedLanguageCode = ReplyLanguageCode | 'other';

type Candidate = ReplyLanguageCode | 'it' | 'nl' | 'pt';

/**
 * The most frequent short words of each language, and of the three European languages replies most often come
 * in besides ours (Italian, Dutch, Portuguese), so that those read as `other` rather than as their neighbour.
 * Words shared by two languages ("que", "de", "en") count for both; the distinctive ones decide.
 */
const FUNCTION_WORDS: Readonly<Record<Candidate, ReadonlySet<string>>> = {
  en: new Set(
    "the and you to of is for i that it my your this with thank thanks me be have was are not would will i'm it's don't can could please what why just so all but no yes we our know let as at on me okay noted fair enough luck best shame".split(
      ' ',
    ),
  ),
  de: new Set(
    'und der die das ich sie nicht ist mit für ein eine zu den dem vielen dank danke ihre mich mir auf bin es war hat haben sind wir ihr euch du dich auch aber noch schade leider sehr gerne bitte wie was warum woran wenn dass nur schon mal doch habe hätte würde könnten können ihnen einen einer eines vom zum zur im ins bei über kein keine mein meine meiner sich alles gut okay klar'.split(
      ' ',
    ),
  ),
  fr: new Set(
    "le la les et je vous des pour est une un merci pas que qui dans mon ma mes sur suis avec cette votre vos ce c'est j'ai au aux du il elle nous on ne me m'a d'un d'une mais très bien tout quand même pourquoi pourriez dommage qu'est-ce été avoir être fait y a-t-il bonne journée".split(
      ' ',
    ),
  ),
  es: new Set(
    'el la los las y que en por para gracias es una un con usted ustedes mi su sus muy del lo estoy pero me le se qué por qué pena no sí esto esta este son fue ha he muchas muchos mucho todo todos ya sobre cuando porque podría también gracias saludos bueno vale'.split(
      ' ',
    ),
  ),
  it: new Set(
    'il lo gli della delle di che è non per una un con mi ti grazie mille sono ho ha ma molto anche questo questa cosa perché potrebbe dirmi peccato buona giornata nella nel alla'.split(
      ' ',
    ),
  ),
  nl: new Set(
    'de het een en van ik je u niet is dat voor met op zijn wat waarom bedankt dank jammer mij mijn kunt kan ben heb ook maar nog wel gekozen bericht'.split(
      ' ',
    ),
  ),
  pt: new Set(
    'o os a as e que em por para obrigado obrigada é um uma com você mim meu minha muito mas não sim isso esta este fico gostaria saber motivo decisão da do das dos pela pelo triste entendo'.split(
      ' ',
    ),
  ),
};

const WORD_LISTS = Object.entries(FUNCTION_WORDS) as [Candidate, ReadonlySet<string>][];

/** Letters only one or two of the candidates write. Each occurrence counts as a word. */
const LETTERS: readonly [RegExp, readonly Candidate[]][] = [
  [/[äöß]/gu, ['de']],
  [/ü/gu, ['de']],
  [/[èêëçœæîû]/gu, ['fr']],
  [/[ñ¿¡]/gu, ['es']],
  [/[ãõ]/gu, ['pt']],
  [/ì|ò/gu, ['it']],
];

export interface LanguageGuess {
  readonly language: DetectedLanguageCode;
  /** False when the text is too short or too mixed to tell: the caller falls back on what it knows (the notice's locale). */
  readonly confident: boolean;
  /** Points ahead of the runner-up (0 when unsure): a wide lead needs no second opinion. */
  readonly lead?: number;
}

/** A text needs this many points (function words or distinctive letters) for the winner... */
const MIN_SCORE = 2;
/** ...and this lead over the runner-up. */
const MIN_LEAD = 1;

/**
 * The reply's language from its own words: English, German, French, Spanish, or `other` (another Latin-script
 * language we do not send in, or another script). A small scorer rather than a general detector: measured
 * against franc-min, tinyld and eld on short replies (docs/classifier.md, "Language").
 */
export function detectLanguage(normalizedText: string, tokens: readonly string[]): LanguageGuess {
  const letters = normalizedText.replace(/[^\p{L}]/gu, '');
  if (letters.length === 0) return { language: 'en', confident: false };
  const latin = letters.replace(/[^\p{Script=Latin}]/gu, '').length;
  if (latin / letters.length < 0.5) return { language: 'other', confident: letters.length >= 4, lead: 0 };

  const scores = new Map<Candidate, number>();
  const add = (c: Candidate, n: number): void => {
    scores.set(c, (scores.get(c) ?? 0) + n);
  };
  for (const token of tokens) {
    for (const [language, words] of WORD_LISTS) if (words.has(token)) add(language, 1);
  }
  for (const [pattern, languages] of LETTERS) {
    const n = normalizedText.match(pattern)?.length ?? 0;
    for (const language of languages) if (n > 0) add(language, Math.min(n, 3));
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1] || order(a[0]) - order(b[0]));
  const [best, second] = ranked;
  if (best === undefined) return { language: 'en', confident: false };
  const lead = best[1] - (second?.[1] ?? 0);
  const confident = best[1] >= MIN_SCORE && lead >= MIN_LEAD;
  const language: DetectedLanguageCode = isReplyLanguage(best[0]) ? best[0] : 'other';
  return { language, confident, lead };
}

/** On a tie, ours before the others, English first (the model's language). */
function order(c: Candidate): number {
  return ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt'].indexOf(c);
}

function isReplyLanguage(c: Candidate): c is ReplyLanguageCode {
  return (REPLY_LANGUAGES as readonly string[]).includes(c);
}

/**
 * Kept for callers that only need one of the four: the detected language, English when unsure or other.
 * Enough to keep the English-only model away from German, French and Spanish replies.
 */
export function guessLanguage(tokens: readonly string[]): ReplyLanguageCode {
  const { language } = detectLanguage(tokens.join(' '), tokens);
  return language === 'other' ? 'en' : language;
}
