import {
  REPUTATION_BUCKET_MS,
  type ReputationCounts,
  type ReputationSignal,
  reputationBucketOf,
} from '#core/domain/reputation.ts';
import type { ReputationLedger } from '#core/ports/reputation-ledger.ts';

/** The ledger in memory, bucketed exactly as the DynamoDB adapter is (both pass the ledger contract). */
export class InMemoryReputationLedger implements ReputationLedger {
  readonly buckets = new Map<number, { sends: number; bounces: number; complaints: number }>();

  async record(signal: ReputationSignal, at: Date, count = 1): Promise<void> {
    const start = reputationBucketOf(at).getTime();
    const bucket = this.buckets.get(start) ?? { sends: 0, bounces: 0, complaints: 0 };
    bucket[signal] += count;
    this.buckets.set(start, bucket);
  }

  async totals(since: Date, until: Date): Promise<ReputationCounts> {
    const last = reputationBucketOf(until).getTime() + REPUTATION_BUCKET_MS - 1;
    const totals = { sends: 0, bounces: 0, complaints: 0 };
    for (const [start, bucket] of this.buckets) {
      if (start < since.getTime() || start > last) continue;
      totals.sends += bucket.sends;
      totals.bounces += bucket.bounces;
      totals.complaints += bucket.complaints;
    }
    return totals;
  }
}
