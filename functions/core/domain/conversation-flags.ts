import type { CandidateFlag, FlagDecision, FlagName } from './candidate-flag.ts';

/** Most serious first: the relay banner shows the evidence of the first one a turn raised. */
export const FLAG_SEVERITY: readonly FlagName[] = [
  'bridge-burned',
  'needs-review',
  'feedback-requested',
  'withdrew',
  'warm',
];

export const APOLOGY_REASON = 'Apologised after burning the bridge';

/**
 * Apologies in the four languages we send in. Sentiment models read "Sorry, that was out of line" as negative (it
 * is, about the earlier turn), so an apology is recognized by its words, not by its sentiment.
 */
const APOLOGY =
  /(?<!\p{L})(sorry|apologi[sz]e|apologies|out of line|i regret|entschuldig\p{L}*|tut mir (sehr )?leid|bedaure|d[ée]sol[ée]e?|je m'excuse|excusez|pardon|lo siento|perd[oó]n\p{L}*|disculp\p{L}*|lamento)(?!\p{L})/iu;

export function isApology(text: string): boolean {
  return APOLOGY.test(text);
}

/**
 * Flags follow the conversation. A turn's own flags come from the flag policy; on top of them, a friendly
 * turn (an apology, warm, or positive sentiment, without hostility) from a candidate who already burned the
 * bridge asks a human to look again (`needs-review`): bridge-burned is never cleared by the system, silently or
 * otherwise.
 */
export function followConversation(
  decisions: readonly FlagDecision[],
  turn: {
    readonly hostile: boolean;
    readonly borderline: boolean;
    readonly sentiment: string;
    readonly text?: string;
  },
  earlier: { readonly bridgeBurned?: Pick<CandidateFlag, 'status'> },
): FlagDecision[] {
  const out = [...decisions];
  const burned = earlier.bridgeBurned !== undefined && earlier.bridgeBurned.status !== 'dismissed';
  const friendly =
    !turn.hostile &&
    !turn.borderline &&
    (turn.sentiment === 'positive' || decisions.some((d) => d.flag === 'warm') || isApology(turn.text ?? ''));
  if (burned && friendly && !decisions.some((d) => d.flag === 'bridge-burned')) {
    const review = out.findIndex((d) => d.flag === 'needs-review');
    const reason = review < 0 ? APOLOGY_REASON : `${out[review]?.reason ?? ''}; ${APOLOGY_REASON.toLowerCase()}`;
    const decision: FlagDecision = { flag: 'needs-review', reason, evidence: out[review]?.evidence ?? [] };
    if (review < 0) out.push(decision);
    else out[review] = decision;
  }
  return out;
}

/** The most serious of the flags, in `FLAG_SEVERITY` order. */
export function mostSerious<T extends { readonly flag: FlagName }>(items: readonly T[]): T | undefined {
  return [...items].sort((a, b) => FLAG_SEVERITY.indexOf(a.flag) - FLAG_SEVERITY.indexOf(b.flag))[0];
}
