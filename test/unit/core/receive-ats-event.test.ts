import { describe, expect, it } from 'vitest';
import { receiveAtsEventFrom, selectionRules } from '#composition/use-cases.ts';
import type { AtsDelivery } from '#core/domain/ats-event.ts';
import type { DecisionInput } from '#core/domain/decision.ts';
import { DELIVERY_CLAIM_TAKEOVER_MS } from '#core/use-cases/receive-ats-event.ts';
import { InMemoryDeliveryLog } from '#test/fakes/in-memory-delivery-log.ts';
import { InMemoryErasureLog } from '#test/fakes/in-memory-erasure-log.ts';
import { aDecision } from '#test/support/builders.ts';
import { unitWorld } from '#test/support/unit-world.ts';

function world() {
  const w = unitWorld({ now: '2026-11-20T10:00:00Z' });
  const deliveries = new InMemoryDeliveryLog();
  const erasures = new InMemoryErasureLog();
  const receive = receiveAtsEventFrom(
    { ...w.ports, deliveries, erasures },
    w.config,
    selectionRules(w.renderer.available()),
    {
      deliveryRetentionDays: 7,
    },
  );
  return { ...w, deliveries, erasures, receive };
}

const rejection = (deliveryId: string, overrides: Partial<DecisionInput> = {}): AtsDelivery => ({
  source: 'greenhouse',
  deliveryId,
  event: { kind: 'decision', decision: aDecision({ source: 'greenhouse', applicationId: 'gh-1', ...overrides }) },
});
const reversal = (deliveryId: string, at: string): AtsDelivery => ({
  source: 'greenhouse',
  deliveryId,
  event: { kind: 'cancel', source: 'greenhouse', applicationId: 'gh-1', at, reason: 'unrejected in Greenhouse' },
});

describe('receiving ATS deliveries', () => {
  it('records a rejection once: the same delivery again is a duplicate and writes nothing', async () => {
    const w = world();

    const first = await w.receive(rejection('evt-1'));
    const again = await w.receive(rejection('evt-1'));

    expect(first).toMatchObject({ status: 'accepted', action: 'recorded', noticeId: expect.stringMatching(/^n_/) });
    expect(again).toMatchObject({
      status: 'duplicate',
      reason: expect.stringMatching(/delivery/),
      noticeId: first.status === 'accepted' ? first.noticeId : '',
    });
    expect(w.notices.items.size).toBe(1);
    expect(w.events.published).toHaveLength(1);
  });

  it('does the work for one of concurrent copies of a delivery (a captured signature replayed with other data)', async () => {
    const w = world();

    const copies = await Promise.all(
      ['gh-1', 'gh-2', 'gh-3'].map((applicationId) => w.receive(rejection('evt-1', { applicationId }))),
    );

    expect(copies.filter((c) => c.status === 'accepted')).toHaveLength(1);
    expect(copies.filter((c) => c.status === 'duplicate')).toHaveLength(2);
    expect(w.notices.items.size).toBe(1);
  });

  it('lets a retry through after the work failed, and after a crashed worker left its claim stale', async () => {
    const w = world();
    const recordOnce = w.decisions.recordOnce.bind(w.decisions);
    w.decisions.recordOnce = async () => {
      throw new Error('DynamoDB is down');
    };

    await expect(w.receive(rejection('evt-1'))).rejects.toThrow('DynamoDB is down');
    w.decisions.recordOnce = recordOnce;
    const retried = await w.receive(rejection('evt-1'));
    // A worker that died mid-way: its claim stays, copies are duplicates until it is stale.
    await w.deliveries.claim({
      source: 'greenhouse',
      deliveryId: 'evt-9',
      claimedAt: w.clock.now(),
      staleBefore: new Date(0),
      expiresAt: new Date('2026-11-27T10:00:00Z'),
    });
    const meanwhile = await w.receive(rejection('evt-9', { applicationId: 'gh-9' }));
    w.clock.advance(DELIVERY_CLAIM_TAKEOVER_MS + 1);
    const afterCrash = await w.receive(rejection('evt-9', { applicationId: 'gh-9' }));

    expect(retried).toMatchObject({ status: 'accepted', action: 'recorded' });
    expect(meanwhile).toMatchObject({ status: 'duplicate', reason: 'This delivery is being processed.' });
    expect(afterCrash).toMatchObject({ status: 'accepted', action: 'recorded' });
  });

  it('treats another delivery of the same rejection as a duplicate of the decision', async () => {
    const w = world();

    await w.receive(rejection('evt-1'));
    const other = await w.receive(rejection('evt-2'));

    expect(other).toMatchObject({ status: 'duplicate', reason: expect.stringMatching(/already recorded/) });
    expect(w.notices.items.size).toBe(1);
  });

  it('cancels the notice when the ATS reverses the rejection before it goes out, and sends nothing', async () => {
    const w = world();
    await w.receive(rejection('evt-1'));

    const cancelled = await w.receive(reversal('evt-2', '2026-11-20T10:30:00Z'));
    w.clock.advance(3 * 3_600_000);
    const sent = await w.sweepAndSend();

    expect(cancelled).toMatchObject({ status: 'accepted', action: 'cancelled' });
    expect(sent).toEqual([]);
    expect(w.mailer.sent).toHaveLength(0);
  });

  it('puts a reversal that comes after the email on the notice timeline', async () => {
    const w = world();
    const first = await w.receive(rejection('evt-1'));
    w.clock.advance(3 * 3_600_000);
    await w.sweepAndSend();

    const late = await w.receive(reversal('evt-2', '2026-11-20T14:00:00Z'));

    expect(late).toMatchObject({ status: 'accepted', action: 'cancel-too-late' });
    const notice = await w.notices.get(first.status === 'accepted' ? (first.noticeId ?? '') : '');
    expect(notice?.status).toBe('sent');
    expect(notice?.history.at(-1)).toMatchObject({ event: 'cancel-requested' });
  });

  it('rejected, unrejected, rejected again: schedules the same notice again and sends it once', async () => {
    const w = world();
    await w.receive(rejection('evt-1', { decidedAt: '2026-11-20T10:00:00Z' }));
    await w.receive(reversal('evt-2', '2026-11-20T10:20:00Z'));

    const again = await w.receive(rejection('evt-3', { decidedAt: '2026-11-20T10:40:00Z' }));
    w.clock.advance(3 * 3_600_000);
    await w.sweepAndSend();

    expect(again).toMatchObject({ status: 'accepted', action: 'rescheduled', sendAt: '2026-11-20T11:40:00.000Z' });
    expect(w.notices.items.size).toBe(1);
    expect(w.mailer.sent).toHaveLength(1);
    const recorded = w.events.published.filter((e) => e.type === 'DecisionRecorded');
    expect(recorded).toHaveLength(2);
    expect(new Set(recorded.map((e) => e.id)).size).toBe(2);
  });

  it('rejected again after the email went out sends nothing more', async () => {
    const w = world();
    await w.receive(rejection('evt-1', { decidedAt: '2026-11-20T10:00:00Z' }));
    w.clock.advance(3 * 3_600_000);
    await w.sweepAndSend();
    await w.receive(reversal('evt-2', '2026-11-20T13:10:00Z'));

    const again = await w.receive(rejection('evt-3', { decidedAt: '2026-11-20T13:20:00Z' }));
    w.clock.advance(3 * 3_600_000);
    await w.sweepAndSend();

    expect(again).toMatchObject({ status: 'duplicate', reason: expect.stringMatching(/already notified/) });
    expect(w.mailer.sent).toHaveLength(1);
  });

  it('does not bring a reversed rejection back when an old delivery of it is replayed', async () => {
    const w = world();
    await w.receive(rejection('evt-1', { decidedAt: '2026-11-20T10:00:00Z' }));
    await w.receive(reversal('evt-2', '2026-11-20T10:20:00Z'));

    // The same rejection (same time) under a delivery id the log has forgotten or never saw.
    const replay = await w.receive(rejection('evt-1-retry', { decidedAt: '2026-11-20T10:00:00Z' }));
    w.clock.advance(3 * 3_600_000);
    await w.sweepAndSend();

    expect(replay.status).toBe('duplicate');
    expect(w.mailer.sent).toHaveLength(0);
  });

  it('ignores a reversal older than the latest rejection (deliveries out of order)', async () => {
    const w = world();
    await w.receive(rejection('evt-1', { decidedAt: '2026-11-20T10:00:00Z' }));
    await w.receive(rejection('evt-3', { decidedAt: '2026-11-20T10:40:00Z' }));

    const stale = await w.receive(reversal('evt-2', '2026-11-20T10:20:00Z'));
    w.clock.advance(3 * 3_600_000);
    await w.sweepAndSend();

    expect(stale).toMatchObject({ status: 'ignored', reason: expect.stringMatching(/older/) });
    expect(w.mailer.sent).toHaveLength(1);
  });

  it('ignores a reversal for an application it never recorded', async () => {
    const w = world();

    const outcome = await w.receive(reversal('evt-1', '2026-11-20T10:20:00Z'));

    expect(outcome).toMatchObject({ status: 'ignored', reason: expect.stringMatching(/No rejection/) });
  });

  it('records a candidate the ATS says not to email, sends nothing, and takes the reversal with nothing to stop', async () => {
    const w = world();

    const recorded = await w.receive(rejection('evt-1', { canEmail: false }));
    const reversed = await w.receive(reversal('evt-2', '2026-11-20T10:20:00Z'));

    expect(recorded).toMatchObject({
      status: 'accepted',
      action: 'recorded',
      noEmailReason: expect.stringMatching(/can_email/),
    });
    expect(reversed).toMatchObject({ status: 'accepted', action: 'cancel-recorded' });
    expect(w.notices.items.size).toBe(0);
    expect(w.events.published.filter((e) => e.type === 'DecisionRecorded')).toHaveLength(1);
  });

  it('remembers an ignored delivery, so its retries are answered as duplicates', async () => {
    const w = world();
    const ignored: AtsDelivery = {
      source: 'greenhouse',
      deliveryId: 'evt-9',
      event: { kind: 'ignore', reason: 'a prospect' },
    };

    const first = await w.receive(ignored);
    const retry = await w.receive(ignored);

    expect(first).toEqual({ status: 'ignored', reason: 'a prospect' });
    expect(retry.status).toBe('duplicate');
  });

  it('does not plan the notice again when a rejection is retried after its reversal and the notice was never written', async () => {
    const w = world();
    await w.receive(rejection('evt-1'));
    w.notices.items.clear(); // the crash: decision written, notice not
    await w.receive(reversal('evt-2', '2026-11-20T10:20:00Z'));

    const retry = await w.receive(rejection('evt-1-retry'));

    expect(retry.status).toBe('duplicate');
    expect(w.notices.items.size).toBe(0);
  });
});
