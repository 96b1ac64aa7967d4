import { describe, expect, it } from 'vitest';
import { aDecision } from '#test/support/builders.ts';
import { unitWorld } from '#test/support/unit-world.ts';

const HOUR = 3_600_000;

async function scheduled(world: ReturnType<typeof unitWorld>) {
  const [result] = await world.recordDecisions([aDecision()]);
  return result?.noticeId ?? '';
}

describe('cancelling a notice', () => {
  it('cancels a scheduled notice so that no sweep ever sends it', async () => {
    const world = unitWorld();
    const id = await scheduled(world);

    const { outcome, notice } = await world.cancelNotice({
      noticeId: id,
      actor: 'webhook:greenhouse',
      reason: 'unrejected',
    });
    world.clock.advance(24 * HOUR);

    expect(outcome).toBe('cancelled');
    expect(notice.history.at(-1)).toMatchObject({
      status: 'cancelled',
      detail: 'Cancelled by webhook:greenhouse: unrejected',
    });
    expect(await world.sweepAndSend()).toEqual([]);
    expect(world.mailer.sent).toHaveLength(0);
  });

  it('records a cancel that comes after the email went out, without changing the status', async () => {
    const world = unitWorld();
    const id = await scheduled(world);
    world.clock.advance(HOUR);
    await world.sweepAndSend();

    const { outcome, notice } = await world.cancelNotice({ noticeId: id, actor: 'recruiter:jane', reason: 'mistake' });

    expect(outcome).toBe('too-late');
    expect(notice.status).toBe('sent');
    expect(notice.history.at(-1)).toMatchObject({ status: 'sent', event: 'cancel-requested' });
    expect(notice.history.at(-1)?.detail).toMatch(/after the notice was sent/);
  });

  it('says a second cancel found the notice already cancelled', async () => {
    const world = unitWorld();
    const id = await scheduled(world);
    await world.cancelNotice({ noticeId: id, actor: 'recruiter:jane', reason: 'first' });

    const { outcome } = await world.cancelNotice({ noticeId: id, actor: 'recruiter:jane', reason: 'second' });

    expect(outcome).toBe('already-final');
  });

  it('refuses an unknown notice', async () => {
    const world = unitWorld();
    await expect(world.cancelNotice({ noticeId: 'n_nope', actor: 'x', reason: 'y' })).rejects.toThrow(/No notice/);
  });
});
