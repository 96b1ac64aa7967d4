import type { ReplyIntent } from '#core/ports/reply-classifier.ts';

/**
 * Sentiment of German, French and Spanish replies, which the English model does not read: words of
 * disappointment and regret against words of thanks and pleasure, in the register of answers to a rejection
 * ("Schade, ich bin enttäuscht", "C'est dommage", "Qué pena" are negative; "Vielen Dank, alles Gute" positive).
 * Written for Closeloop. Coarse by design: it picks the label, hostility and intents still decide the flags.
 */
const L = '(?<![\\p{L}\\p{N}])';
const R = '(?![\\p{L}\\p{N}])';
const cues = (words: readonly string[]): RegExp => new RegExp(`${L}(?:${words.join('|')})${R}`, 'gu');

const NEGATIVE = cues([
  // German
  'schade',
  'leider',
  'enttäuscht\\p{L}*',
  'enttäuschung',
  'traurig',
  'frustrier\\p{L}*',
  'bitter',
  'ärgerlich',
  'ärgert',
  'tut weh',
  'bedauerlich',
  'unfair',
  'ungerecht',
  // French
  'dommage',
  'déçue?s?',
  'déception',
  'triste',
  'frustrant\\p{L}*',
  'dur à entendre',
  'de la peine',
  'regrettable',
  'injuste',
  'tant pis',
  // Spanish
  'qué pena',
  'que pena',
  'lástima',
  'decepcionad[oa]s?',
  'decepción',
  'triste',
  'frustrante',
  'me duele',
  'es duro',
  'injusto',
  'injusta',
]);

const POSITIVE = cues([
  // German
  'danke\\p{L}*',
  'dank',
  'freue',
  'freuen',
  'gefreut',
  'toll\\p{L}*',
  'super',
  'schön\\p{L}*',
  'angenehm\\p{L}*',
  'alles gute',
  'viel erfolg',
  'fair\\p{L}*',
  'gerne?',
  // French
  'merci',
  'plaisir',
  'ravie?',
  'excellente?',
  'bonne (?:continuation|chance|journée)',
  'agréable',
  'gentillesse',
  // Spanish
  'gracias',
  'agradezco',
  'placer',
  'encantad[oa]',
  'me encantaría',
  'mucho éxito',
  'suerte',
  'amabilidad',
]);

const WARM: readonly ReplyIntent[] = ['thanks', 'keep-in-touch', 'referral-request'];

/** [negative, neutral, positive] from the cues, shaped like a model's probabilities for the verdict code. */
export function cueSentiment(normalizedText: string, intents: readonly ReplyIntent[]): [number, number, number] {
  const negative = normalizedText.match(NEGATIVE)?.length ?? 0;
  const positive = (normalizedText.match(POSITIVE)?.length ?? 0) + (intents.some((i) => WARM.includes(i)) ? 1 : 0);
  if (negative === 0 && positive === 0) return [0.1, 0.8, 0.1];
  if (positive > negative) return [0.1, 0.2, 0.7];
  if (negative > positive) return [0.7, 0.2, 0.1];
  return [0.25, 0.5, 0.25];
}
