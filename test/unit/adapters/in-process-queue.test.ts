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

  it('carries relays in the same line as notices, each to its own consumer, at the same rate', async () => {
    const started: { id: string; at: number; by: string }[] = [];
    const queue = new InProcessQueue(
      async (id) => {
        started.push({ id, at: performance.now(), by: 'notice' });
      },
      {
        ratePerSecond: 50,
        concurrency: 8,
        maxReceives: 1,
        retryDelayMs: 0,
        consumeRelay: async (id) => {
          started.push({ id, at: performance.now(), by: 'relay' });
        },
      },
      silentLog,
    );

    await queue.enqueue(['n_1']);
    await queue.enqueueRelays(['m_1']);
    await queue.enqueue(['n_2']);
    await queue.drain();

    expect(started.map(({ id, by }) => `${by}:${id}`)).toEqual(['notice:n_1', 'relay:m_1', 'notice:n_2']);
    const gaps = started.slice(1).map((s, i) => s.at - (started[i]?.at ?? s.at));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(18);
  });

  it('refuses relays when nothing consumes them', async () => {
    const queue = new InProcessQueue(
      async () => {},
      { ratePerSecond: 50, concurrency: 1, maxReceives: 1, retryDelayMs: 0 },
      silentLog,
    );
    await expect(queue.enqueueRelays(['m_1'])).rejects.toThrow('consumes no relays');
  });
});
