export type SuppressionReason = 'hard-bounce' | 'complaint' | 'recruiter-request' | 'erased';

export interface Suppression {
  readonly emailDigest: string;
  readonly reason: SuppressionReason;
  readonly at: string;
  /** The notice or actor that caused it, for the audit trail. Never the address itself. */
  readonly origin?: string;
}

/** Our own suppression list, checked before every send. Keyed by the address digest. */
export interface SuppressionRepository {
  add(suppression: Suppression): Promise<void>;
  find(emailDigest: string): Promise<Suppression | undefined>;
}
