const FUNCTION_WORDS: Readonly<Record<'en' | 'de' | 'fr' | 'es', ReadonlySet<string>>> = {
  en: new Set(
    'the and you to of is for i that it my your this with thank thanks me be have was are not would will'.split(' '),
  ),
  de: new Set(
    'und der die das ich sie nicht ist mit für ein eine zu den dem vielen dank ihre mich mir auf bin'.split(' '),
  ),
  fr: new Set('le les et je vous des pour est une merci pas que qui dans mon ma sur suis avec cette votre'.split(' ')),
  es: new Set('el los y que en por para gracias es una con usted mi su muy las del lo estoy pero'.split(' ')),
};

/**
 * The reply's language when the caller does not know it: the language whose most common words the text uses
 * most, English on a tie. Enough to keep the English-only model away from German, French and Spanish replies;
 * not a general language detector.
 */
export function guessLanguage(tokens: readonly string[]): 'en' | 'de' | 'fr' | 'es' {
  let best: 'en' | 'de' | 'fr' | 'es' = 'en';
  let bestCount = 0;
  for (const language of ['en', 'de', 'fr', 'es'] as const) {
    const words = FUNCTION_WORDS[language];
    const count = tokens.reduce((n, token) => (words.has(token) ? n + 1 : n), 0);
    if (count > bestCount) {
      best = language;
      bestCount = count;
    }
  }
  return best;
}
