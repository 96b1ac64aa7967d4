import { describe, expect, it } from 'vitest';
import { aDecision } from '#test/support/builders.ts';
import { aReport } from '#test/support/delivery-reports.ts';
import { unitWorld } from '#test/support/unit-world.ts';

const HOUR = 3_600_000;

/** A world whose guard judges after 10 sends, pausing at 10% bounces or 5% complaints. */
function guardedWorld() {
  return unitWorld({
    env: {
      CLOSELOOP_PAUSE_MIN_SENDS: '10',
      CLOSELOOP_PAUSE_BOUNCE_RATE: '0.1',
      CLOSELOOP_PAUSE_COMPLAINT_RATE: '0.05',
    },
  });
}

async function sendMany(world: ReturnType<typeof guardedWorld>, count: number, prefix: string) {
  const results = await world.recordDecisions(
    Array.from({ length: count }, (_, i) =>
      aDecision({ applicationId: `${prefix}-${i}`, candidate: { email: `${prefix}-${i}@example.com` } }),
    ),
  );
  world.clock.advance(HOUR);
  await world.sweepAndSend();
  return Promise.all(results.map(async (r) => (await world.notices.get(r.noticeId ?? '')) ?? never()));
}

describe('the reputation guard', () => {
  it('counts every accepted message once, whether the sender or the Send report recorded it', async () => {
    const world = guardedWorld();
    const sent = await sendMany(world, 3, 'count');

    for (const notice of sent) await world.trackDelivery(aReport(notice, 'send'));

    expect((await world.manageSending.status()).window).toMatchObject({ sends: 3, bounces: 0, complaints: 0 });
  });

  it('does not judge a handful of sends: one bounce among three is no rate yet', async () => {
    const world = guardedWorld();
    const [first] = await sendMany(world, 3, 'few');

    await world.trackDelivery(aReport(first ?? never(), 'bounce'));

    expect((await world.control.state()).paused).toBe(false);
  });

  it('pauses sending when the bounce rate crosses the ceiling; due notices stay scheduled until an operator resumes', async () => {
    const world = guardedWorld();
    const sent = await sendMany(world, 10, 'bulk');

    await world.trackDelivery(aReport(sent[0] ?? never(), 'bounce'));

    const state = await world.control.state();
    expect(state).toMatchObject({ paused: true, changedBy: 'reputation-guard' });
    expect(state.reason).toBe('Bounce rate 10.0% over the last 24 h (1 of 10 sends) reached the ceiling of 10.0%');
    expect(world.events.published.at(-1)).toMatchObject({ type: 'SendingPaused', detail: { by: 'reputation-guard' } });

    // While paused, a due notice is neither enqueued nor sent, and stays scheduled.
    const [waiting] = await world.recordDecisions([aDecision({ applicationId: 'waiting' })]);
    world.clock.advance(HOUR);
    expect(await world.sweep()).toMatchObject({ paused: true, enqueued: 0 });
    expect(await world.sendNotice(waiting?.noticeId ?? '')).toBe('paused');
    expect((await world.notices.get(waiting?.noticeId ?? ''))?.status).toBe('scheduled');

    // An operator resumes: the notice goes out, and the guard starts from a clean slate.
    const { changed, status } = await world.manageSending.resume({ actor: 'admin:ops', reason: 'list cleaned' });
    expect(changed).toBe(true);
    expect(status).toMatchObject({ paused: false, changedBy: 'admin:ops', resumedAt: world.clock.now().toISOString() });
    world.clock.advance(HOUR);
    expect(await world.sweepAndSend()).toEqual(['sent']);
    expect((await world.manageSending.status()).window.bounces).toBe(0);
  });

  it('pauses on complaints at their own, much lower ceiling', async () => {
    const world = guardedWorld();
    const sent = await sendMany(world, 20, 'complaints');

    await world.trackDelivery(aReport(sent[0] ?? never(), 'complaint'));

    expect((await world.control.state()).reason).toMatch(/^Complaint rate 5.0% over the last 24 h \(1 of 20 sends\)/);
  });

  it('judges only the rolling window: yesterday’s sends no longer dilute today’s bounces', async () => {
    const world = guardedWorld();
    await sendMany(world, 30, 'yesterday');
    world.clock.advance(25 * HOUR);
    const today = await sendMany(world, 10, 'today');

    await world.trackDelivery(aReport(today[0] ?? never(), 'bounce'));

    // 1 of 10 within the window is 10%; counting yesterday it would be 1 of 40.
    expect((await world.control.state()).paused).toBe(true);
    expect((await world.manageSending.status()).window).toMatchObject({ sends: 10, bounces: 1 });
  });

  it('lets an operator pause by hand, and says when it was already paused', async () => {
    const world = guardedWorld();

    const first = await world.manageSending.pause({ actor: 'admin:ops', reason: 'bad list uploaded' });
    const second = await world.manageSending.pause({ actor: 'admin:ops', reason: 'again' });

    expect([first.changed, second.changed]).toEqual([true, false]);
    expect(second.status).toMatchObject({ paused: true, reason: 'bad list uploaded' });
    expect(world.events.published.filter((e) => e.type === 'SendingPaused')).toHaveLength(1);
  });
});

function never(): never {
  throw new Error('expected a notice');
}
