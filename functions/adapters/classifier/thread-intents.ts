import type { ReplyIntent, ThreadContext } from '#core/ports/reply-classifier.ts';

/**
 * Intents that only the thread explains. Our rejection may offer to share feedback ("reply to this email and we
 * will share feedback from your interviews": every template, when the notice's `feedbackOffered` is set); a
 * short yes to it — "Yes, please!", "Ja, gerne", "Oui, volontiers", "Sí, por favor" — asks for that feedback
 * though it never says the word. Only a short reply counts (a long one says what it wants), and never a no.
 */
const ACCEPTS = new RegExp(
  [
    "^(?:oh |ah )?(?:yes,? please|yes,? i(?:'d| would) (?:like|love|appreciate) (?:that|it)|i(?:'d| would) (?:like|love|appreciate) (?:that|it)|that would be (?:great|helpful|wonderful|much appreciated|very helpful|lovely)|yes,? (?:that would|i would)|please do)(?![\\p{L}])",
    '^(?:ja,? (?:bitte|gerne|gern|sehr gerne)|sehr gerne|gerne|gern|das wäre (?:toll|super|schön|hilfreich|großartig|sehr hilfreich|nett))(?![\\p{L}])',
    "^(?:oui,? (?:volontiers|avec plaisir|s'il vous plaît|merci|je veux bien)|volontiers|avec plaisir|je veux bien|ce serait (?:super|génial|utile|très utile|avec plaisir))(?![\\p{L}])",
    '^(?:s[ií],? (?:por favor|gracias|me encantaría|me gustaría)|me encantaría|sería (?:genial|estupendo|útil|muy útil))(?![\\p{L}])',
    // A bare yes and nothing else (thanks aside).
    '^(?:yes|yeah|yep|ja|oui|s[ií])[\\s,.!]*(?:(?:thanks|thank you|danke|merci|gracias)[\\s,.!]*)?$',
  ].join('|'),
  'u',
);

const DECLINES =
  /(?<![\p{L}])(?:no|not|nein|nicht|kein\p{L}*|non|pas|nada|nunca|never|don't|no thanks|nein danke|non merci|no gracias)(?![\p{L}])/u;

/** Most acceptances are a line; "Yes please, that would be very kind of you. Best, Ana" is still one. */
const MAX_ACCEPTANCE_CHARS = 160;

export function threadIntents(normalizedText: string, thread: ThreadContext | undefined): ReplyIntent[] {
  if (thread?.offeredFeedback !== true) return [];
  const text = normalizedText.trim();
  if (text.length > MAX_ACCEPTANCE_CHARS || !ACCEPTS.test(text) || DECLINES.test(text)) return [];
  return ['feedback-request'];
}
