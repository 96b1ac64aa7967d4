import type { Classification, ReplyIntent } from '../ports/reply-classifier.ts';
import type { FlagDecision } from './candidate-flag.ts';

const WARM_INTENTS: readonly ReplyIntent[] = ['thanks', 'keep-in-touch', 'referral-request'];

/**
 * Turns one classified reply into candidate flags. The classifier owns the thresholds (`hostile` and
 * `borderline` are bands of its hostility score, docs/classifier.md); this policy owns what they mean:
 *  - hostile, from the candidate's own address → `bridge-burned` with the evidence
 *  - hostile from another address (a forward), or borderline → `needs-review` (and `reply-trust.ts` turns
 *    anything else a reply from another address would raise into `needs-review` too)
 *  - legal action or discrimination → `needs-review`, never `bridge-burned` on its own
 *  - thanks / keep in touch / referral, not negative, not hostile or borderline → `warm`
 *  - feedback request → `feedback-requested`; withdraws → `withdrew`
 */
export function decideFlags(c: Classification, context: { readonly senderMatchesCandidate: boolean }): FlagDecision[] {
  const decisions: FlagDecision[] = [];
  const categories = c.categories.length > 0 ? c.categories.join(', ') : 'no category';
  const review: string[] = [];

  if (c.hostile && context.senderMatchesCandidate) {
    decisions.push({ flag: 'bridge-burned', reason: `Hostile reply (${categories})`, evidence: c.evidence });
  } else if (c.hostile) {
    review.push(`hostile reply (${categories})`);
  } else if (c.borderline) {
    review.push(`borderline hostility ${c.hostility.toFixed(2)} (${categories})`);
  }
  if (c.intents.includes('legal-or-discrimination')) review.push('mentions legal action or discrimination');
  if (review.length > 0) {
    decisions.push({ flag: 'needs-review', reason: capitalize(review.join('; ')), evidence: c.evidence });
  }

  const warm = c.intents.filter((i) => WARM_INTENTS.includes(i));
  if (warm.length > 0 && !c.hostile && !c.borderline && c.sentiment.label !== 'negative') {
    decisions.push({ flag: 'warm', reason: `Warm reply (${warm.join(', ')})`, evidence: [] });
  }
  if (c.intents.includes('feedback-request')) {
    decisions.push({ flag: 'feedback-requested', reason: 'Asks for feedback', evidence: [] });
  }
  if (c.intents.includes('withdraws')) {
    decisions.push({ flag: 'withdrew', reason: 'Withdraws or is no longer interested', evidence: [] });
  }
  return decisions;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
