import { describe, expect, it } from 'vitest';
import { emailDigest } from '#core/domain/email-address.ts';
import type { NoticeTransition } from '#core/ports/notice-repository.ts';
import { aDecision } from '#test/support/builders.ts';
import { recruiterWorld } from '#test/support/recruiter-world.ts';

const HOUR = 3600_000;

/** Eve's notice, recorded and due: the next sweep claims and sends it. */
async function dueNotice() {
  const w = recruiterWorld();
  const [recorded] = await w.recordDecisions([
    aDecision({ applicationId: 'app-eve', candidate: { name: 'Eve', email: 'eve@example.com' } }),
  ]);
  const notice = await w.notices.get(recorded?.noticeId ?? '');
  if (notice === undefined) throw new Error('the decision recorded no notice');
  w.clock.advance(24 * HOUR);
  return { w, notice };
}

/** Runs `meanwhile` right after the sender's claim (`→ sending`) is written: the window before the SES call. */
function afterTheClaim(w: ReturnType<typeof recruiterWorld>, meanwhile: () => Promise<void>): void {
  const transition = w.notices.transition.bind(w.notices);
  let done = false;
  w.notices.transition = async (id: string, t: NoticeTransition) => {
    const moved = await transition(id, t);
    if (t.to === 'sending' && moved !== undefined && !done) {
      done = true;
      await meanwhile();
    }
    return moved;
  };
}

describe('a suppression racing the send', () => {
  it('a recruiter suppression written after the claim still stops the email', async () => {
    const { w, notice } = await dueNotice();
    afterTheClaim(w, async () => {
      await w.suppressions.add({
        emailDigest: emailDigest('eve@example.com'),
        reason: 'recruiter-request',
        at: w.clock.now().toISOString(),
        origin: 'recruiter:sub-admin',
      });
    });

    await w.sweepAndSend();

    expect(w.mailer.sent).toHaveLength(0);
    expect((await w.notices.get(notice.id))?.status).toBe('suppressed');
  });
});
