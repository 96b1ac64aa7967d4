import { describe, expect, it } from 'vitest';
import { BufferedReputationLedger } from '#adapters/ledger/buffered-reputation-ledger.ts';
import type { ReputationSignal } from '#core/domain/reputation.ts';
import type { ReputationLedger } from '#core/ports/reputation-ledger.ts';
import { InMemoryReputationLedger } from '../../fakes/in-memory-reputation-ledger.ts';

/** Records every write it is asked for, and refuses them while `failing`. */
class CountingLedger implements ReputationLedger {
  readonly writes: { signal: ReputationSignal; at: string; count: number }[] = [];
  failing = false;
  readonly inner = new InMemoryReputationLedger();

  async record(signal: ReputationSignal, at: Date, count = 1): Promise<void> {
    if (this.failing) throw new Error('DynamoDB unavailable');
    this.writes.push({ signal, at: at.toISOString(), count });
    await this.inner.record(signal, at, count);
  }

  totals(since: Date, until: Date) {
    return this.inner.totals(since, until);
  }
}

describe('counting sends once per batch', () => {
  it('writes one count per bucket and signal for a batch, and nothing before the flush', async () => {
    const inner = new CountingLedger();
    const ledger = new BufferedReputationLedger(inner);
    for (const minute of [0, 1, 2, 3, 16]) await ledger.record('sends', new Date(Date.UTC(2026, 10, 20, 11, minute)));

    expect(inner.writes).toEqual([]);
    await ledger.flush();

    expect(inner.writes).toEqual([
      { signal: 'sends', at: '2026-11-20T11:00:00.000Z', count: 4 },
      { signal: 'sends', at: '2026-11-20T11:15:00.000Z', count: 1 },
    ]);
    const totals = await ledger.totals(new Date('2026-11-20T11:00:00Z'), new Date('2026-11-20T11:30:00Z'));
    expect(totals.sends).toBe(5);
    await ledger.flush();
    expect(inner.writes).toHaveLength(2);
  });

  it('keeps what a failed flush did not write for the next flush', async () => {
    const inner = new CountingLedger();
    const ledger = new BufferedReputationLedger(inner);
    await ledger.record('sends', new Date('2026-11-20T11:00:00Z'));
    await ledger.record('sends', new Date('2026-11-20T11:20:00Z'));
    inner.failing = true;

    await expect(ledger.flush()).rejects.toThrow('DynamoDB unavailable');
    await ledger.record('sends', new Date('2026-11-20T11:01:00Z'));
    inner.failing = false;
    await ledger.flush();

    const totals = await inner.totals(new Date('2026-11-20T11:00:00Z'), new Date('2026-11-20T11:30:00Z'));
    expect(totals.sends).toBe(3);
  });
});
