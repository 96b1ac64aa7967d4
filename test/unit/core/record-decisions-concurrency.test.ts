import { describe, expect, it } from 'vitest';
import { aDecision } from '#test/support/builders.ts';
import { unitWorld } from '#test/support/unit-world.ts';

/** Makes the decision writes finish out of order (later inputs first) and counts how many run at once. */
function outOfOrderWrites(world: ReturnType<typeof unitWorld>) {
  const recordOnce = world.decisions.recordOnce.bind(world.decisions);
  const meter = { inFlight: 0, most: 0 };
  let calls = 0;
  world.decisions.recordOnce = async (decision) => {
    const ticks = 20 - (calls++ % 20);
    meter.inFlight += 1;
    meter.most = Math.max(meter.most, meter.inFlight);
    for (let i = 0; i < ticks; i += 1) await Promise.resolve();
    meter.inFlight -= 1;
    return recordOnce(decision);
  };
  return meter;
}

describe('recording many decisions at once', () => {
  const inputs = Array.from({ length: 40 }, (_, i) =>
    aDecision({ applicationId: `app-${i}`, candidate: { email: `c${i}@example.com` } }),
  );

  it('runs at most `concurrency` at a time and answers in the order of the inputs', async () => {
    const world = unitWorld();
    const meter = outOfOrderWrites(world);

    const results = await world.recordDecisions(inputs, { concurrency: 8 });

    expect(meter.most).toBe(8);
    const applications = await Promise.all(
      results.map(async (r) => (await world.notices.get(r.noticeId ?? ''))?.applicationId),
    );
    expect(applications).toEqual(inputs.map((d) => d.applicationId));
  });

  it('runs one at a time by default', async () => {
    const world = unitWorld();
    const meter = outOfOrderWrites(world);

    await world.recordDecisions(inputs);

    expect(meter.most).toBe(1);
  });
});
