import { describe, expect, it } from 'vitest';
import { jitteredBackoff } from '#adapters/dynamodb/contention-backoff.ts';

describe('jitteredBackoff', () => {
  it('waits a random share of base·2^attempt, capped, and never waits on the clock itself', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const most = jitteredBackoff({ baseMs: 10, capMs: 250, random: () => 0.999, sleep });
    for (let attempt = 1; attempt <= 6; attempt++) await most(attempt);
    expect(waits).toEqual([19, 39, 79, 159, 249, 249]);

    waits.length = 0;
    const least = jitteredBackoff({ random: () => 0, sleep });
    await least(3);
    expect(waits).toEqual([0]);
  });
});
