import { beforeAll, describe, expect, it } from 'vitest';
import { jitteredBackoff } from '#adapters/dynamodb/contention-backoff.ts';
import { DynamoDbFlagRepository } from '#adapters/dynamodb/dynamodb-flag-repository.ts';
import { testTable } from '#test/support/dynamodb-test-table.ts';

let table: Awaited<ReturnType<typeof testTable>>;
beforeAll(async () => {
  table = await testTable();
});

/** Ten replies to one candidate that raise the same flag at once, as `/local/inbound` or a Lambda batch can. */
const REPLIES = 10;

describe('flag writes under contention (dynalite)', () => {
  it('raises one flag from ten concurrent replies: every reply lands, none answers an error', async () => {
    // Sleep-free: the wait only yields to the other writers, and `random` is fixed, so nothing depends on time.
    const waits: number[] = [];
    const backoff = jitteredBackoff({
      random: () => 0.5,
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((resolve) => setImmediate(resolve));
      },
    });
    const flags = new DynamoDbFlagRepository(table.documents, table.tableName, backoff);
    const candidateId = 'c_contention00000000000001';

    const outcomes = await Promise.allSettled(
      Array.from({ length: REPLIES }, (_, i) =>
        flags.raise({
          candidateId,
          flag: 'warm',
          reason: 'Warm reply (thanks)',
          evidence: [],
          replyId: `r_contention_${i}`,
          at: `2026-12-05T10:00:${String(i).padStart(2, '0')}.000Z`,
          retainUntil: '2027-12-01T00:00:00.000Z',
        }),
      ),
    );

    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const flag = await flags.get(candidateId, 'warm');
    expect(flag?.history).toHaveLength(REPLIES);
    expect(new Set(flag?.replyIds)).toEqual(new Set(Array.from({ length: REPLIES }, (_, i) => `r_contention_${i}`)));
    // The writers did collide (this is a contention test), and each wait was jittered below its cap.
    expect(waits.length).toBeGreaterThan(0);
    for (const ms of waits) expect(ms).toBeLessThanOrEqual(125);
  });
});
