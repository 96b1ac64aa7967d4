import { applicationKeyOf, type DecisionInput } from '../domain/decision.ts';
import { candidateIdFor } from '../domain/email-address.ts';
import type { ErasureLog } from '../ports/erasure-log.ts';

/** What a decision for an erased candidate answers: nothing is recorded, and no personal data is repeated. */
export const ERASED_REASON = "This candidate's data was erased: nothing is recorded.";

export type ErasureCheck = Pick<ErasureLog, 'get' | 'erasedApplication'>;

/**
 * Whether erasure removed this decision's candidate: its application (source and id, as a digest) was erased, or
 * its address has an erasure receipt. Every path that records a decision asks first (the recruiter API as much as
 * the ATS webhooks), so erasure is not undone by posting the same file or replaying the same event again.
 */
export async function isErasedDecision(erasures: ErasureCheck, input: DecisionInput): Promise<boolean> {
  if ((await erasures.erasedApplication(applicationKeyOf(input.source, input.applicationId))) !== undefined) {
    return true;
  }
  return (await erasures.get(candidateIdFor(input.candidate.email))) !== undefined;
}
