export type SuppressionReason = 'hard-bounce' | 'complaint' | 'recruiter-request' | 'erased';

export const SUPPRESSION_REASONS = [
  'hard-bounce',
  'complaint',
  'recruiter-request',
  'erased',
] as const satisfies readonly SuppressionReason[];

export interface Suppression {
  readonly emailDigest: string;
  readonly reason: SuppressionReason;
  readonly at: string;
  /** The notice or actor that caused it, for the audit trail. Never the address itself. */
  readonly origin?: string;
  /** `recruiter-request` only: why, in the recruiter's words (checked to hold no address). */
  readonly note?: string;
}

export interface AddedSuppression {
  /** False when the address was already suppressed: `suppression` is then the one in force. */
  readonly added: boolean;
  readonly suppression: Suppression;
}

export interface SuppressionQuery {
  readonly limit: number;
  readonly reason?: SuppressionReason;
  /** Where the previous page stopped (opaque; from `SuppressionPage.cursor`). */
  readonly cursor?: string;
}

export interface SuppressionPage {
  readonly items: readonly Suppression[];
  /** Present when there may be more. */
  readonly cursor?: string;
}

/** Our own suppression list, checked before every send. Keyed by the address digest. */
export interface SuppressionRepository {
  /**
   * Suppresses an address unless it already is: the first reason is kept, since it explains the suppression.
   * Except `erased`, which replaces any other reason (and a recruiter's note with it): an erased candidate's
   * suppression must not be liftable, and nothing said about them may outlive the erasure.
   */
  add(suppression: Suppression): Promise<AddedSuppression>;
  find(emailDigest: string): Promise<Suppression | undefined>;
  /**
   * Newest first, a page at a time, optionally of one reason. A cursor that is not one this list handed out
   * throws `ValidationError`.
   */
  list(query: SuppressionQuery): Promise<SuppressionPage>;
  /** Lifts a suppression only while its reason is still `reason`; false when it was gone or has changed. */
  remove(emailDigest: string, reason: SuppressionReason): Promise<boolean>;
}
