import type { ReputationCounts, ReputationSignal } from '../domain/reputation.ts';

/**
 * Rolling counts of sends, permanent bounces and complaints, kept in time buckets (`REPUTATION_BUCKET_MS`).
 * Each signal is recorded once, by whoever moved the notice (a conditional write makes that one caller).
 */
export interface ReputationLedger {
  /** Adds `count` (default 1) to the bucket `at` falls in. */
  record(signal: ReputationSignal, at: Date, count?: number): Promise<void>;
  /** The totals of the buckets that start at or after `since` and at or before `until`. */
  totals(since: Date, until: Date): Promise<ReputationCounts>;
}
