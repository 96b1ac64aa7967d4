import { describe, expect, it } from 'vitest';
import { TransientSendError } from '#core/domain/errors.ts';
import type { Notice } from '#core/domain/notice.ts';
import { aDecision } from '#test/support/builders.ts';
import { aReport } from '#test/support/delivery-reports.ts';
import { unitWorld } from '#test/support/unit-world.ts';

const HOUR = 3_600_000;
type World = ReturnType<typeof unitWorld>;

async function dueNotice(world: World): Promise<string> {
  const [result] = await world.recordDecisions([aDecision()]);
  if (result?.noticeId === undefined) throw new Error('no notice planned');
  world.clock.advance(HOUR);
  return result.noticeId;
}

async function read(world: World, id: string): Promise<Notice> {
  const notice = await world.notices.get(id);
  if (notice === undefined) throw new Error(`notice ${id} is gone`);
  return notice;
}

const unreject = (world: World, noticeId: string) =>
  world.cancelNotice({ noticeId, actor: 'webhook:greenhouse', reason: 'unrejected' });

describe('a cancel that arrives while the notice is leaving', () => {
  it('is answered too-late while sending, and a transient failure then cancels the notice instead of retrying it', async () => {
    const world = unitWorld();
    const id = await dueNotice(world);
    let answer: Awaited<ReturnType<typeof unreject>> | undefined;
    world.mailer.duringNextSend(async () => {
      answer = await unreject(world, id);
    });
    world.mailer.failNext(new TransientSendError('TooManyRequestsException: slow down'));

    expect(await world.sweepAndSend()).toEqual(['cancelled']);

    expect(answer?.outcome).toBe('too-late');
    expect(answer?.notice.history.at(-1)?.detail).toMatch(/stopped if the mail service has not accepted it yet/);
    const notice = await read(world, id);
    expect(notice.status).toBe('cancelled');
    expect(notice.history.at(-1)).toMatchObject({ status: 'cancelled', event: 'cancelled' });
    expect(notice.history.at(-1)?.detail).toMatch(/Not retried \(temporary failure.*a cancel was requested/);
    world.clock.advance(48 * HOUR);
    expect(await world.sweepAndSend()).toEqual([]);
    expect(world.mailer.sent).toHaveLength(0);
  });

  it('cancels, rather than retries, a notice whose worker died after the cancel was requested', async () => {
    const world = unitWorld();
    const id = await dueNotice(world);
    world.mailer.duringNextSend(async () => {
      await unreject(world, id);
    });
    world.mailer.failNext(new Error('worker killed'));
    await world.sweep();
    const [queued] = world.queue.take();
    await expect(world.sendNotice(queued ?? '')).rejects.toThrow('worker killed');
    expect(await read(world, id)).toMatchObject({ status: 'sending' });

    world.clock.advance(16 * 60_000);
    expect(await world.sweepAndSend()).toEqual(['cancelled']);

    expect(world.mailer.sent).toHaveLength(0);
    expect((await read(world, id)).history.at(-1)?.detail).toMatch(/previous worker did not finish/);
    world.clock.advance(48 * HOUR);
    expect(await world.sweepAndSend()).toEqual([]);
  });

  it('lets the Send report of an attempt that did get through record the cancelled notice as sent', async () => {
    const world = unitWorld();
    const id = await dueNotice(world);
    world.mailer.duringNextSend(async () => {
      await unreject(world, id);
    });
    world.mailer.failNext(new TransientSendError('TimeoutError: socket hang up'));
    await world.sweepAndSend();
    const cancelled = await read(world, id);

    await world.trackDelivery(aReport(cancelled, 'send'));

    expect((await read(world, id)).status).toBe('sent');
  });

  it('ends a soft-bounced notice cancelled when the decision was reversed after it was sent', async () => {
    const world = unitWorld();
    const id = await dueNotice(world);
    await world.sweepAndSend();
    const answer = await unreject(world, id);
    expect(answer.outcome).toBe('too-late');
    expect(answer.notice).toMatchObject({ status: 'sent', cancelRequestedAt: world.clock.now().toISOString() });

    const sent = await read(world, id);
    await world.trackDelivery(
      aReport(sent, 'bounce', { bounce: { kind: 'transient', subType: 'MailboxFull' }, recipientDigests: [] }),
    );

    const notice = await read(world, id);
    expect(notice.status).toBe('cancelled');
    expect(notice.history.at(-1)?.detail).toMatch(/not retried: a cancel was requested after it was sent/);
    world.clock.advance(48 * HOUR);
    expect(await world.sweepAndSend()).toEqual([]);
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('keeps sending after a recruiter resends the notice: the resend clears the cancel request', async () => {
    const world = unitWorld();
    const id = await dueNotice(world);
    await world.sweepAndSend();
    await unreject(world, id);

    const resent = await world.resendNotice({ noticeId: id, actor: 'recruiter:jane', reason: 'rejected after all' });
    expect(resent).not.toHaveProperty('cancelRequestedAt');
    world.clock.advance(48 * HOUR);
    world.mailer.failNext(new TransientSendError('TooManyRequestsException: slow down'));
    expect(await world.sweepAndSend()).toEqual(['deferred']);
    world.clock.advance(HOUR);

    expect(await world.sweepAndSend()).toEqual(['sent']);
    expect(world.mailer.sent).toHaveLength(2);
  });
});
