import { describe, expect, it } from 'vitest';
import { InProcessQueue } from '#adapters/local/in-process-queue.ts';
import { silentLog } from '#core/ports/log.ts';

describe('the local send queue', () => {
  it('never starts sends faster than the SES rate, however fast each send is', async () => {
    const started: number[] = [];
    const queue = new InProcessQueue(
      async () => {
        started.push(performance.now());
      },
      { ratePerSecond: 50, concurrency: 8, maxReceives: 1, retryDelayMs: 0 },
      silentLog,
    );

    await queue.enqueue(Array.from({ length: 12 }, (_, i) => `n_${i}`));
    await queue.drain();

    expect(started).toHaveLength(12);
    // A busy machine can only make the gaps longer; at 50/s none may be shorter than 20 ms (timer rounding aside).
    const gaps = started.slice(1).map((at, i) => at - (started[i] ?? at));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(18);
    expect((started.at(-1) ?? 0) - (started[0] ?? 0)).toBeGreaterThanOrEqual(11 * 20 - 5);
  });
});
