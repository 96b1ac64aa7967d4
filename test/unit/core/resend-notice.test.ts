import { describe, expect, it } from 'vitest';
import { emailDigest } from '#core/domain/email-address.ts';
import { aDecision } from '#test/support/builders.ts';
import { aReport } from '#test/support/delivery-reports.ts';
import { unitWorld } from '#test/support/unit-world.ts';

const HOUR = 3_600_000;
type World = ReturnType<typeof unitWorld>;

async function sentNotice(world: World) {
  const [result] = await world.recordDecisions([aDecision()]);
  world.clock.advance(HOUR);
  await world.sweepAndSend();
  return (await world.notices.get(result?.noticeId ?? '')) ?? never();
}

describe('a recruiter resends a notice', () => {
  it('to a corrected address after a bounce: a fresh budget of attempts, one new email, all on the timeline', async () => {
    const world = unitWorld({ env: { CLOSELOOP_MAX_SEND_ATTEMPTS: '1' } });
    const notice = await sentNotice(world);
    await world.trackDelivery(aReport(notice, 'bounce'));

    const resent = await world.resendNotice({
      noticeId: notice.id,
      actor: 'recruiter:jane',
      reason: 'typo in the address',
      email: ' Ada.Lovelace@Example.com ',
    });

    expect(resent).toMatchObject({
      status: 'scheduled',
      attemptBase: 1,
      emailDigest: emailDigest('ada.lovelace@example.com'),
      candidate: { email: 'ada.lovelace@example.com' },
      sendAt: world.clock.now().toISOString(),
    });
    expect(resent.history.at(-1)?.detail).toBe(
      `Resend requested by recruiter:jane (typo in the address) to a corrected address; scheduled for ${resent.sendAt}`,
    );
    expect(await world.sweepAndSend()).toEqual(['sent']);
    expect(world.mailer.sent.map((e) => e.to)).toEqual(['ada@example.com', 'ada.lovelace@example.com']);
    // The bounced address stays suppressed; the notice's reports of the first message no longer move it.
    expect(await world.trackDelivery(aReport(notice, 'delivery', { attempt: 1 }))).toBe('recorded');
    expect((await world.notices.get(notice.id))?.status).toBe('sent');
  });

  it('refuses to resend to a suppressed address, saying what to do instead', async () => {
    const world = unitWorld();
    const notice = await sentNotice(world);
    await world.trackDelivery(aReport(notice, 'complaint'));

    await expect(world.resendNotice({ noticeId: notice.id, actor: 'recruiter:jane' })).rejects.toThrow(
      "The candidate's address is suppressed (complaint); nothing would be sent. Resend to a corrected address.",
    );
  });

  it('schedules a plain resend at the next moment inside business hours', async () => {
    const world = unitWorld({ env: { CLOSELOOP_SEND_WINDOW: '09:00-17:00', CLOSELOOP_SEND_DAYS: 'mon-fri' } });
    const notice = await sentNotice(world);
    world.clock.set('2026-11-20T20:00:00Z');

    const resent = await world.resendNotice({ noticeId: notice.id, actor: 'recruiter:jane' });

    // Friday 20:00 in London → Monday 09:00.
    expect(resent.sendAt).toBe('2026-11-23T09:00:00.000Z');
  });

  it('takes an explicit time, but never one in the past', async () => {
    const world = unitWorld();
    const notice = await sentNotice(world);

    const later = await world.resendNotice({
      noticeId: notice.id,
      actor: 'recruiter:jane',
      sendAt: new Date('2026-12-01T10:00:00Z'),
    });
    const past = await world.resendNotice({ noticeId: notice.id, actor: 'recruiter:jane', sendAt: new Date(0) });

    expect(later.sendAt).toBe('2026-12-01T10:00:00.000Z');
    expect(past.sendAt).toBe(world.clock.now().toISOString());
  });

  it('corrects the address of a notice that has not gone out yet, without sending twice', async () => {
    const world = unitWorld();
    const [result] = await world.recordDecisions([aDecision()]);

    await world.resendNotice({ noticeId: result?.noticeId ?? '', actor: 'recruiter:jane', email: 'ada@example.org' });
    world.clock.advance(HOUR);

    expect(await world.sweepAndSend()).toEqual(['sent']);
    expect(world.mailer.sent.map((e) => e.to)).toEqual(['ada@example.org']);
  });

  it.each(['send', 'delivery', 'delivery-delay', 'open', 'click', 'reject'] as const)(
    'files a late %s report about the message before the resend as history: the resend still goes out',
    async (type) => {
      const world = unitWorld({ env: { CLOSELOOP_TRACK_OPENS_AND_CLICKS: 'true' } });
      const before = await sentNotice(world);
      const resent = await world.resendNotice({
        noticeId: before.id,
        actor: 'recruiter:jane',
        email: 'ada@example.org',
      });

      expect(await world.trackDelivery(aReport(before, type))).toBe('recorded');

      const after = (await world.notices.get(before.id)) ?? never();
      expect(after).toMatchObject({ status: 'scheduled', sendAt: resent.sendAt, attempts: before.attempts });
      expect(after.history.at(-1)?.detail).toMatch(/about attempt 1, since superseded/);
      world.clock.advance(48 * HOUR);
      expect(await world.sweepAndSend()).toEqual(['sent']);
      expect(world.mailer.sent.map((e) => e.to)).toEqual(['ada@example.com', 'ada@example.org']);
    },
  );

  it('lets reports about the resent message move the notice as usual', async () => {
    const world = unitWorld();
    const before = await sentNotice(world);
    await world.resendNotice({ noticeId: before.id, actor: 'recruiter:jane' });
    world.clock.advance(48 * HOUR);
    await world.sweepAndSend();
    const resent = (await world.notices.get(before.id)) ?? never();

    await world.trackDelivery(aReport(resent, 'delivery'));

    expect((await world.notices.get(before.id))?.status).toBe('delivered');
  });

  it('refuses a notice being sent right now, and an unknown notice', async () => {
    const world = unitWorld();
    const [result] = await world.recordDecisions([aDecision()]);
    const id = result?.noticeId ?? '';
    world.clock.advance(HOUR);
    world.mailer.failNext(new Error('worker killed'));
    await world.sweep();
    await expect(world.sendNotice(id)).rejects.toThrow('worker killed');

    await expect(world.resendNotice({ noticeId: id, actor: 'recruiter:jane' })).rejects.toThrow(/being sent/);
    await expect(world.resendNotice({ noticeId: 'n_unknown', actor: 'recruiter:jane' })).rejects.toThrow(/No notice/);
  });
});

function never(): never {
  throw new Error('expected a notice');
}
