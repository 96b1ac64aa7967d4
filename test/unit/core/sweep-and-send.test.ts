import { describe, expect, it } from 'vitest';
import { emailDigest } from '#core/domain/email-address.ts';
import { PermanentSendError, TransientSendError } from '#core/domain/errors.ts';
import { aDecision } from '#test/support/builders.ts';
import { aReport } from '#test/support/delivery-reports.ts';
import { unitWorld } from '#test/support/unit-world.ts';

const HOUR = 3_600_000;

async function scheduledNotice(world: ReturnType<typeof unitWorld>, overrides = {}) {
  const [result] = await world.recordDecisions([aDecision(overrides)]);
  if (result?.noticeId === undefined) throw new Error('no notice planned');
  return result.noticeId;
}

describe('sweeping and sending', () => {
  it('sends nothing before the notice is due, and exactly one email once it is', async () => {
    const world = unitWorld();
    const id = await scheduledNotice(world);

    expect(await world.sweepAndSend()).toEqual([]);
    world.clock.advance(HOUR);
    expect(await world.sweepAndSend()).toEqual(['sent']);
    world.clock.advance(HOUR);
    expect(await world.sweepAndSend()).toEqual([]);

    expect(world.mailer.sent).toHaveLength(1);
    const notice = await world.notices.get(id);
    expect(notice).toMatchObject({ status: 'sent', attempts: 1, sesMessageId: 'msg-1' });
    expect(notice?.history.map((h) => h.status)).toEqual(['scheduled', 'sending', 'sent']);
  });

  it('addresses the email to the candidate with a secret reply token and the notice id as a tag', async () => {
    const world = unitWorld();
    const id = await scheduledNotice(world);
    world.clock.advance(HOUR);

    await world.sweepAndSend();

    const [email] = world.mailer.sent;
    const notice = await world.notices.get(id);
    expect(email).toMatchObject({
      to: 'ada@example.com',
      from: 'Acme Talent <talent@acme.example>',
      replyTo: `reply+${notice?.replyToken}@replies.acme.example`,
      subject: 'An update on the Analytical Engineer role at Acme',
      tags: { noticeId: id, templateId: 'position-closed' },
    });
    expect(notice?.replyToken).toMatch(/^[a-z2-7]{32}$/);
    expect(email?.text).toContain('Hi Ada,');
    expect(email?.html).toContain('Hi Ada,');
  });

  it('enqueues a due notice once even when two sweeps run at the same time', async () => {
    const world = unitWorld();
    await scheduledNotice(world);
    world.clock.advance(HOUR);

    const [a, b] = await Promise.all([world.sweep(), world.sweep()]);

    expect((a?.enqueued ?? 0) + (b?.enqueued ?? 0)).toBe(1);
    expect(world.queue.messages).toHaveLength(1);
  });

  it('sends once when the same message is delivered to two workers at once', async () => {
    const world = unitWorld();
    const id = await scheduledNotice(world);
    world.clock.advance(HOUR);

    const outcomes = await Promise.all([world.sendNotice(id), world.sendNotice(id), world.sendNotice(id)]);

    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('never emails a suppressed address', async () => {
    const world = unitWorld();
    const id = await scheduledNotice(world);
    await world.suppressions.add({
      emailDigest: emailDigest('ada@example.com'),
      reason: 'hard-bounce',
      at: '2026-01-01T00:00:00Z',
    });
    world.clock.advance(HOUR);

    expect(await world.sweepAndSend()).toEqual(['suppressed']);

    expect(world.mailer.sent).toHaveLength(0);
    expect((await world.notices.get(id))?.status).toBe('suppressed');
  });

  it('defers a throttled send with backoff and sends it on a later sweep', async () => {
    const world = unitWorld();
    const id = await scheduledNotice(world);
    world.clock.advance(HOUR);
    world.mailer.failNext(new TransientSendError('TooManyRequestsException: slow down'));

    expect(await world.sweepAndSend()).toEqual(['deferred']);
    const deferred = await world.notices.get(id);
    // Attempt 1 with base 60 s and random 0.5: 30 s fixed + 15 s jitter.
    expect(deferred).toMatchObject({ status: 'deferred', nextAttemptAt: '2026-11-20T11:00:45.000Z' });

    expect(await world.sweepAndSend()).toEqual([]);
    world.clock.advance(45_000);
    expect(await world.sweepAndSend()).toEqual(['sent']);
    expect(world.mailer.sent).toHaveLength(1);
    expect((await world.notices.get(id))?.attempts).toBe(2);
  });

  it('waits out the send lease after an ambiguous failure, so the Send report of an accepted attempt wins', async () => {
    const world = unitWorld();
    const id = await scheduledNotice(world);
    world.clock.advance(HOUR);
    world.mailer.failNext(new TransientSendError('TimeoutError: socket hang up', { ambiguous: true }));

    expect(await world.sweepAndSend()).toEqual(['deferred']);
    // The default lease is 15 min; the backoff alone would be 45 s.
    const deferred = await world.notices.get(id);
    expect(deferred).toMatchObject({ status: 'deferred', nextAttemptAt: '2026-11-20T11:15:00.000Z' });
    world.clock.advance(14 * 60_000);
    expect(await world.sweepAndSend()).toEqual([]);

    // SES did accept it: its Send report reconciles the notice before the retry is due, and nothing is sent again.
    await world.trackDelivery(aReport(deferred ?? never(), 'send'));
    world.clock.advance(24 * HOUR);
    expect(await world.sweepAndSend()).toEqual([]);
    expect((await world.notices.get(id))?.status).toBe('sent');
    expect(world.mailer.sent).toHaveLength(0);
  });

  it('fails a notice the mail service rejects for good, with the reason for recruiters', async () => {
    const world = unitWorld();
    const id = await scheduledNotice(world);
    world.clock.advance(HOUR);
    world.mailer.failNext(new PermanentSendError('MessageRejected: Email address is not verified'));

    expect(await world.sweepAndSend()).toEqual(['failed']);

    const notice = await world.notices.get(id);
    expect(notice?.status).toBe('failed');
    expect(notice?.failureReason).toContain('MessageRejected');
    world.clock.advance(24 * HOUR);
    expect(await world.sweepAndSend()).toEqual([]);
  });

  it('gives up after the attempt cap', async () => {
    const world = unitWorld({ env: { CLOSELOOP_MAX_SEND_ATTEMPTS: '2' } });
    const id = await scheduledNotice(world);
    world.clock.advance(HOUR);
    world.mailer.failNext(new TransientSendError('ServiceUnavailable'), new TransientSendError('ServiceUnavailable'));

    expect(await world.sweepAndSend()).toEqual(['deferred']);
    world.clock.advance(HOUR);
    expect(await world.sweepAndSend()).toEqual(['failed']);

    expect((await world.notices.get(id))?.failureReason).toMatch(/Gave up after 2 attempts/);
  });

  it('retries a notice whose worker died mid-send only after its lease expires', async () => {
    const world = unitWorld();
    const id = await scheduledNotice(world);
    world.clock.advance(HOUR);
    // The worker claims the notice and then dies before sending: simulate with a mailer that never returns.
    world.mailer.failNext(new Error('worker killed'));
    await world.sweep();
    const [queued] = world.queue.take();
    await expect(world.sendNotice(queued ?? '')).rejects.toThrow('worker killed');
    expect((await world.notices.get(id))?.status).toBe('sending');

    world.clock.advance(60_000);
    expect(await world.sweepAndSend()).toEqual([]);
    world.clock.advance(15 * 60_000);
    expect(await world.sweepAndSend()).toEqual(['sent']);
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('keeps a claimed notice due where the sweep leased it, and retries a dead worker’s notice once both leases end', async () => {
    const world = unitWorld();
    const id = await scheduledNotice(world);
    world.clock.advance(HOUR);
    world.mailer.failNext(new Error('worker killed'));
    await world.sweep();
    const sweptAt = world.clock.now().getTime();
    // The send function picks the message up 30 s after the sweep, claims the notice and dies.
    world.clock.advance(30_000);
    await expect(world.sendNotice(world.queue.take()[0] ?? '')).rejects.toThrow('worker killed');

    // The claim left the due time at the sweep's lease end, not its own: the notice is due 15 minutes after the
    // sweep, while its send lease runs 30 s longer.
    world.clock.set(new Date(sweptAt + 15 * 60_000));
    expect(await world.sweepAndSend()).toEqual(['skipped']);
    world.clock.advance(60_000);
    expect(await world.sweepAndSend()).toEqual([]);
    world.clock.advance(15 * 60_000);
    expect(await world.sweepAndSend()).toEqual(['sent']);
    expect(world.mailer.sent).toHaveLength(1);
    expect((await world.notices.get(id))?.history.map((h) => h.status)).toEqual([
      'scheduled',
      'sending',
      'sending',
      'sent',
    ]);
  });

  it('retries a dead worker’s notice when the sweep that enqueued it ran as of an instant past its lease', async () => {
    const world = unitWorld();
    const id = await scheduledNotice(world);
    world.clock.advance(HOUR);
    world.mailer.failNext(new Error('worker killed'));
    await world.sweep();
    await expect(world.sendNotice(world.queue.take()[0] ?? '')).rejects.toThrow('worker killed');

    // A sweep run as of 16 minutes later finds the lease expired; the clock has not moved.
    const later = new Date(world.clock.now().getTime() + 16 * 60_000);
    const swept = await world.sweep(later);
    expect(swept.noticeIds).toEqual([id]);
    expect(await world.sendNotice(id)).toBe('skipped');
    expect(await world.sendNotice(id, { asOf: new Date(world.clock.now().getTime() - HOUR) })).toBe('skipped');
    expect(await world.sendNotice(id, { asOf: later })).toBe('sent');

    expect(world.mailer.sent).toHaveLength(1);
    expect((await world.notices.get(id))?.history.map((h) => h.status)).toEqual([
      'scheduled',
      'sending',
      'sending',
      'sent',
    ]);
  });

  it('leases a claim made as of a later instant from that instant, so a sweep run as of it leaves the claim alone', async () => {
    const world = unitWorld();
    const id = await scheduledNotice(world);
    const later = new Date(world.clock.now().getTime() + 30 * 24 * HOUR);
    await world.sweep(later);
    world.queue.take();
    world.mailer.failNext(new Error('worker killed'));
    await expect(world.sendNotice(id, { asOf: later })).rejects.toThrow('worker killed');

    expect((await world.sweep(later)).noticeIds).toEqual([]);
    expect((await world.sweep(new Date(later.getTime() + 14 * 60_000))).noticeIds).toEqual([]);
    expect((await world.sweep(new Date(later.getTime() + 16 * 60_000))).noticeIds).toEqual([id]);
  });

  it('fails before sending when a required template variable is missing', async () => {
    const world = unitWorld();
    // A valid configuration cannot produce an empty variable, so break the branding after wiring.
    (world.config.branding as { postalAddress: string }).postalAddress = '';
    const id = await scheduledNotice(world);
    world.clock.advance(HOUR);

    expect(await world.sweepAndSend()).toEqual(['failed']);

    expect(world.mailer.sent).toHaveLength(0);
    expect((await world.notices.get(id))?.failureReason).toMatch(/postalAddress/);
  });
});

describe('sweeping at the SES rate', () => {
  it('enqueues no more than its limit per run; the next run takes the rest', async () => {
    const world = unitWorld({ env: { CLOSELOOP_SWEEP_LIMIT: '3' } });
    await world.recordDecisions(Array.from({ length: 5 }, (_, i) => aDecision({ applicationId: `limit-${i}` })));
    world.clock.advance(HOUR);

    const first = await world.sweep();
    const second = await world.sweep();

    expect([first.enqueued, second.enqueued]).toEqual([3, 2]);
    expect(new Set(world.queue.messages).size).toBe(5);
  });
});

function never(): never {
  throw new Error('expected a notice');
}
