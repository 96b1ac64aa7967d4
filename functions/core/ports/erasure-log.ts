import type { ErasedItems } from './candidate-records.ts';

/** What an erasure did, kept without any personal data: the proof that a request was carried out. */
export interface ErasureReceipt {
  readonly candidateId: string;
  /** `in-progress` until every step is done; a retry of the request finishes it. */
  readonly status: 'in-progress' | 'complete';
  readonly requestedAt: string;
  /** The recruiter's subject, never an address. */
  readonly requestedBy: string;
  readonly completedAt?: string;
  /**
   * Set while `in-progress` because a notice was being sent (its lease had not run out): repeat the request
   * after this instant to finish the erasure. Absent once complete.
   */
  readonly retryAfter?: string;
  /** Totals over every run of the request (a repeat erases what arrived since). */
  readonly erased: ErasedItems & { readonly rawMessages: number };
  /** Address digests on the suppression list with reason `erased`. */
  readonly suppressedAddresses: number;
  readonly runs: number;
}

/**
 * Erasure receipts by candidate, and the applications erasure removed (by `applicationKeyOf`, a digest of the
 * source and application id), so that no webhook recreates what was erased.
 */
export interface ErasureLog {
  get(candidateId: string): Promise<ErasureReceipt | undefined>;
  save(receipt: ErasureReceipt): Promise<void>;
  /** Remembers that an erased candidate had this application. Idempotent. */
  markApplicationErased(applicationKey: string, candidateId: string): Promise<void>;
  /** The erased candidate this application belonged to, or undefined. */
  erasedApplication(applicationKey: string): Promise<string | undefined>;
}
