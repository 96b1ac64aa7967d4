import type { FlagDecision } from './candidate-flag.ts';
import { authenticationProblem, type MailAuthentication } from './mail-authentication.ts';

/**
 * How far SES's verdicts let a candidate-side message be trusted (docs/replies.md, "Trust").
 *
 * Unknown (no verdicts from SES: a message that did not come through SES receiving, or a store that lost the
 * headers) is treated as not authenticated: the sender's address alone then matches nobody, because the
 * address in From is the one thing anyone can write.
 */

/** Why SES's spam or virus scan refuses the message outright, or undefined (PASS, GRAY, unknown). */
export function scanRefusal(auth: MailAuthentication | undefined): string | undefined {
  if (auth?.virus === 'FAIL') return 'SES found a virus (X-SES-Virus-Verdict: FAIL)';
  if (auth?.spam === 'FAIL') return 'SES judged it spam (X-SES-Spam-Verdict: FAIL)';
  return undefined;
}

/**
 * Why the From address alone does not identify the sender, or undefined when SES vouches for it: DMARC passes
 * for the From domain, or SPF or DKIM passes for an aligned domain (and DMARC does not fail).
 */
export function senderOnlyProblem(auth: MailAuthentication | undefined, from: string): string | undefined {
  if (auth === undefined) return "SES's verdicts are missing, and unknown is not trusted";
  return authenticationProblem(auth, from);
}

export const ANOTHER_ADDRESS_REASON = "Sent from another address than the candidate's";

/**
 * A reply that came through the candidate's token from another address (a forward, or someone who holds the
 * email) raises no flag by itself: whatever it would have raised becomes one `needs-review` naming it.
 */
export function fromAnotherAddress(decisions: readonly FlagDecision[]): FlagDecision[] {
  if (decisions.length === 0) return [];
  const would = decisions.map((d) => (d.flag === 'needs-review' ? d.reason : `would raise ${d.flag}: ${d.reason}`));
  const evidence = decisions.flatMap((d) => d.evidence);
  return [{ flag: 'needs-review', reason: `${ANOTHER_ADDRESS_REASON}; ${would.join('; ')}`, evidence }];
}
