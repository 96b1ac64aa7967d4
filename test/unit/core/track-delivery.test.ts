import { describe, expect, it } from 'vitest';
import { emailDigest } from '#core/domain/email-address.ts';
import { TransientSendError } from '#core/domain/errors.ts';
import type { NoticeTransition } from '#core/ports/notice-repository.ts';
import { aDecision } from '#test/support/builders.ts';
import { aReport } from '#test/support/delivery-reports.ts';
import { unitWorld } from '#test/support/unit-world.ts';

const HOUR = 3_600_000;
type World = ReturnType<typeof unitWorld>;

async function sentNotice(world: World, overrides = {}) {
  const [result] = await world.recordDecisions([aDecision(overrides)]);
  const id = result?.noticeId ?? '';
  world.clock.advance(HOUR);
  await world.sweepAndSend();
  const notice = await world.notices.get(id);
  if (notice === undefined) throw new Error('no notice');
  return notice;
}

const statuses = async (world: World, id: string) => (await world.notices.get(id))?.history.map((h) => h.status);

describe('tracking: the happy path and its repeats', () => {
  it('moves a sent notice to delivered and records each report once, however often it arrives', async () => {
    const world = unitWorld();
    const notice = await sentNotice(world);
    const delivery = aReport(notice, 'delivery');

    expect(await world.trackDelivery(aReport(notice, 'send'))).toBe('ignored');
    expect(await world.trackDelivery(delivery)).toBe('recorded');
    // The status already says delivered: the repeat has nothing to add.
    expect(await world.trackDelivery(delivery)).toBe('ignored');

    const tracked = await world.notices.get(notice.id);
    expect(tracked?.status).toBe('delivered');
    expect(tracked?.history.map((h) => h.status)).toEqual(['scheduled', 'sending', 'sent', 'delivered']);
    expect(tracked?.history.at(-1)).toMatchObject({
      event: 'Delivery',
      detail: "Delivered to the candidate's mail server",
    });
  });

  it('accepts a Delivery that overtakes its Send, and never moves back when the Send arrives', async () => {
    const world = unitWorld();
    const notice = await sentNotice(world);

    await world.trackDelivery(aReport(notice, 'delivery'));
    expect(await world.trackDelivery(aReport(notice, 'send'))).toBe('ignored');

    expect((await world.notices.get(notice.id))?.status).toBe('delivered');
  });

  it('records a Send and a Delivery that arrive at the same moment, each exactly once', async () => {
    const world = unitWorld();
    const [result] = await world.recordDecisions([aDecision()]);
    world.clock.advance(HOUR);
    await world.sweep();
    const id = world.queue.take()[0] ?? '';
    // The worker dies after SES accepted: the notice stays `sending`.
    world.notices.transition = failOn(world, 'sent');
    await expect(world.sendNotice(id)).rejects.toThrow('crashed');
    const sending = await world.notices.get(id);
    expect(sending?.status).toBe('sending');

    await Promise.all([
      world.trackDelivery(aReport(sending ?? never(), 'send')),
      world.trackDelivery(aReport(sending ?? never(), 'delivery')),
    ]);

    const tracked = await world.notices.get(result?.noticeId ?? '');
    expect(tracked?.status).toBe('delivered');
    expect(tracked?.history.filter((h) => h.event === 'Delivery')).toHaveLength(1);
    expect(tracked?.history.filter((h) => h.event === 'Send').length).toBeLessThanOrEqual(1);
  });
});

/** Makes the next transition to `to` throw, as a process killed between SES accepting and the status write would. */
function failOn(world: World, to: string) {
  const original = world.notices.transition.bind(world.notices);
  let armed = true;
  return async (id: string, t: NoticeTransition) => {
    if (armed && t.to === to) {
      armed = false;
      throw new Error('crashed');
    }
    return original(id, t);
  };
}

describe('tracking reconciles what a crash or a timeout left behind, never sending twice', () => {
  it('marks a notice whose worker died after SES accepted it as sent, and no later sweep sends it again', async () => {
    const world = unitWorld();
    const [result] = await world.recordDecisions([aDecision()]);
    const id = result?.noticeId ?? '';
    world.clock.advance(HOUR);
    world.notices.transition = failOn(world, 'sent');
    await world.sweep();
    await expect(world.sendNotice(world.queue.take()[0] ?? '')).rejects.toThrow('crashed');
    const sending = await world.notices.get(id);

    expect(await world.trackDelivery(aReport(sending ?? never(), 'send', { messageId: 'msg-1' }))).toBe('recorded');
    world.clock.advance(HOUR);

    expect(await world.sweepAndSend()).toEqual([]);
    expect(world.mailer.sent).toHaveLength(1);
    expect(await world.notices.get(id)).toMatchObject({ status: 'sent', sesMessageId: 'msg-1' });
    expect((await world.notices.get(id))?.history.at(-1)?.detail).toMatch(/recorded from the mail service's report/);
  });

  it('marks a notice deferred after a timeout as sent when SES reports it did accept the message', async () => {
    const world = unitWorld();
    const [result] = await world.recordDecisions([aDecision()]);
    const id = result?.noticeId ?? '';
    world.clock.advance(HOUR);
    world.mailer.failNext(new TransientSendError('TimeoutError: socket hang up'));
    expect(await world.sweepAndSend()).toEqual(['deferred']);
    const deferred = await world.notices.get(id);

    await world.trackDelivery(aReport(deferred ?? never(), 'send'));
    world.clock.advance(6 * HOUR);

    expect(await world.sweepAndSend()).toEqual([]);
    expect((await world.notices.get(id))?.status).toBe('sent');
  });
});

describe('tracking: bounces, complaints and the suppression list', () => {
  it('suppresses an address that bounced for good, and never mails it again', async () => {
    const world = unitWorld();
    const notice = await sentNotice(world);

    await world.trackDelivery(aReport(notice, 'bounce'));

    expect((await world.notices.get(notice.id))?.status).toBe('bounced');
    expect(await world.suppressions.find(emailDigest('ada@example.com'))).toMatchObject({
      reason: 'hard-bounce',
      origin: `notice:${notice.id}`,
    });
    const later = await sentNotice(world, { applicationId: 'app-2' });
    expect(later.status).toBe('suppressed');
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('records a complaint after delivery, suppresses the address, and keeps `complained` when a late Delivery arrives', async () => {
    const world = unitWorld();
    const notice = await sentNotice(world);

    await world.trackDelivery(aReport(notice, 'complaint', { complaint: { feedbackType: 'abuse' } }));
    await world.trackDelivery(aReport(notice, 'delivery'));

    const tracked = await world.notices.get(notice.id);
    expect(tracked?.status).toBe('complained');
    expect(tracked?.history.at(-1)).toMatchObject({ status: 'complained', event: 'Delivery' });
    expect((await world.suppressions.find(emailDigest('ada@example.com')))?.reason).toBe('complaint');
  });

  it('ends a notice to an address on the SES suppression list as suppressed', async () => {
    const world = unitWorld();
    const notice = await sentNotice(world);

    await world.trackDelivery(
      aReport(notice, 'bounce', { bounce: { kind: 'permanent', subType: 'OnAccountSuppressionList' } }),
    );

    const tracked = await world.notices.get(notice.id);
    expect(tracked?.status).toBe('suppressed');
    expect(tracked?.history.at(-1)?.detail).toMatch(/suppression list/);
  });

  it('suppresses the bounced address even when the notice is gone (erased or expired)', async () => {
    const world = unitWorld();
    const gone = { id: 'n_gone', attempts: 1, candidate: { name: 'X', email: 'gone@example.com' } };

    expect(await world.trackDelivery(aReport(gone, 'bounce'))).toBe('unknown-notice');

    expect(await world.suppressions.find(emailDigest('gone@example.com'))).toBeDefined();
  });
});

describe('tracking: soft bounces are resent on a schedule', () => {
  it('defers a soft-bounced notice into business hours, resends it once, and files late reports of the first message as history', async () => {
    const world = unitWorld({ env: { CLOSELOOP_SEND_WINDOW: '09:00-17:00', CLOSELOOP_SEND_DAYS: 'mon-fri' } });
    // Friday 20 November 2026, 11:00 London: sent; the soft bounce comes back at 16:59:30 London.
    const notice = await sentNotice(world);
    world.clock.set('2026-11-20T16:59:30Z');

    await world.trackDelivery(
      aReport(notice, 'bounce', { bounce: { kind: 'transient', subType: 'MailboxFull', status: '4.2.2' } }),
    );

    const deferred = await world.notices.get(notice.id);
    // Backoff (45 s) would land at 17:00:15 on a Friday: the retry waits for Monday 09:00 London.
    expect(deferred).toMatchObject({ status: 'deferred', nextAttemptAt: '2026-11-23T09:00:00.000Z' });
    expect(world.suppressions.items.size).toBe(0);
    world.clock.set('2026-11-23T09:00:00Z');
    expect(await world.sweepAndSend()).toEqual(['sent']);
    expect(world.mailer.sent.map((e) => e.tags.attempt)).toEqual(['1', '2']);

    // A duplicate Send of the first message, arriving late: history only, the notice stays as the resend left it.
    expect(await world.trackDelivery(aReport(notice, 'send', { attempt: 1, messageId: 'msg-1' }))).toBe('recorded');
    const resent = await world.notices.get(notice.id);
    expect(resent?.status).toBe('sent');
    expect(resent?.history.at(-1)?.detail).toMatch(/about attempt 1, since superseded/);
  });

  it('gives up with the reason once the attempt cap is reached', async () => {
    const world = unitWorld({ env: { CLOSELOOP_MAX_SEND_ATTEMPTS: '1' } });
    const notice = await sentNotice(world);

    await world.trackDelivery(aReport(notice, 'bounce', { bounce: { kind: 'transient', subType: 'General' } }));

    const failed = await world.notices.get(notice.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.failureReason).toMatch(/Gave up after 1 attempts; the last: Bounced temporarily/);
  });
});

describe('tracking: the other reports', () => {
  it('fails a notice SES rejected (a virus) and says why', async () => {
    const world = unitWorld();
    const notice = await sentNotice(world);

    await world.trackDelivery(aReport(notice, 'reject', { reason: 'Bad content' }));

    expect(await world.notices.get(notice.id)).toMatchObject({
      status: 'failed',
      failureReason: 'The mail service rejected the message: Bad content',
    });
  });

  it('notes a delivery delay without changing the status, once however often it is reported', async () => {
    const world = unitWorld();
    const notice = await sentNotice(world);
    const delay = aReport(notice, 'delivery-delay', { reason: 'MailboxFull' });

    expect(await world.trackDelivery(delay)).toBe('recorded');
    expect(await world.trackDelivery(delay)).toBe('duplicate');

    expect(await statuses(world, notice.id)).toEqual(['scheduled', 'sending', 'sent', 'sent']);
  });

  it('ignores opens and clicks unless they are switched on', async () => {
    const off = unitWorld();
    const quiet = await sentNotice(off);
    expect(await off.trackDelivery(aReport(quiet, 'open'))).toBe('ignored');
    expect(await statuses(off, quiet.id)).toEqual(['scheduled', 'sending', 'sent']);

    const on = unitWorld({ env: { CLOSELOOP_TRACK_OPENS_AND_CLICKS: 'true' } });
    const tracked = await sentNotice(on);
    expect(await on.trackDelivery(aReport(tracked, 'open'))).toBe('recorded');
    expect(await on.trackDelivery(aReport(tracked, 'click'))).toBe('recorded');
    expect((await on.notices.get(tracked.id))?.history.map((h) => h.event).slice(-2)).toEqual(['Open', 'Click']);
  });
});

function never(): never {
  throw new Error('expected a notice');
}
