import { type ReputationCounts, type ReputationSignal, reputationBucketOf } from '#core/domain/reputation.ts';
import type { ReputationLedger } from '#core/ports/reputation-ledger.ts';

/**
 * Counts in memory and writes them with `flush`: one ADD per bucket and signal instead of one per email. The send
 * worker flushes after each SQS batch (locally: each time the queue drains), so a batch of ten sends costs one
 * write. The trade, in docs/operations.md: a worker that dies mid-batch loses the counts of the emails it sent in
 * that batch, where it used to lose at most one (dying between the `sent` write and the count). The counts feed
 * the reputation guard's rates only; a lost send makes a rate look higher, never lower.
 */
export class BufferedReputationLedger implements ReputationLedger {
  private pending = new Map<string, { readonly signal: ReputationSignal; readonly at: Date; count: number }>();

  constructor(private readonly inner: ReputationLedger) {}

  async record(signal: ReputationSignal, at: Date, count = 1): Promise<void> {
    const bucket = reputationBucketOf(at);
    const key = `${signal}@${bucket.toISOString()}`;
    const entry = this.pending.get(key);
    if (entry === undefined) this.pending.set(key, { signal, at: bucket, count });
    else entry.count += count;
  }

  /** Writes what was counted since the last flush; what a failed write did not write stays for the next flush. */
  async flush(): Promise<void> {
    const batch = [...this.pending.values()];
    this.pending = new Map();
    for (let i = 0; i < batch.length; i++) {
      const entry = batch[i];
      if (entry === undefined) continue;
      try {
        await this.inner.record(entry.signal, entry.at, entry.count);
      } catch (e: unknown) {
        for (const unwritten of batch.slice(i)) await this.record(unwritten.signal, unwritten.at, unwritten.count);
        throw e;
      }
    }
  }

  /** Not buffered: what was flushed, without what is still in memory. */
  totals(since: Date, until: Date): Promise<ReputationCounts> {
    return this.inner.totals(since, until);
  }
}
