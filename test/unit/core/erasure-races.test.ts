import { describe, expect, it } from 'vitest';
import { emailDigest } from '#core/domain/email-address.ts';
import type { NoticeTransition } from '#core/ports/notice-repository.ts';
import { aDecision, anErasureInProgress } from '#test/support/builders.ts';
import { aMail } from '#test/support/mail.ts';
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

describe('an erasure racing the send', () => {
  it('requested between the claim and the SES call: the email is stopped, and the erasure completes on a repeat', async () => {
    const { w, notice } = await dueNotice();
    const first: Awaited<ReturnType<typeof w.eraseCandidate>>[] = [];
    afterTheClaim(w, async () => {
      first.push(await w.eraseCandidate({ candidateId: notice.candidateId, by: 'sub-admin' }));
    });

    await w.sweepAndSend();

    expect(w.mailer.sent).toHaveLength(0);
    const claimed = first[0];
    expect(claimed?.receipt.status).toBe('in-progress');
    expect(claimed?.receipt.retryAfter).toBeDefined();
    expect((await w.notices.get(notice.id))?.status).toBe('suppressed');

    const repeat = await w.eraseCandidate({ candidateId: notice.candidateId, by: 'sub-admin' });
    expect(repeat.receipt).toMatchObject({ status: 'complete', runs: 2, erased: { decisions: 1, notices: 1 } });
    expect(repeat.receipt.retryAfter).toBeUndefined();
    expect(await w.notices.get(notice.id)).toBeUndefined();
  });

  it('requested while the SES call is under way: never reported complete before the send ends', async () => {
    const { w, notice } = await dueNotice();
    const send = w.mailer.send.bind(w.mailer);
    const during: Awaited<ReturnType<typeof w.eraseCandidate>>[] = [];
    w.mailer.send = async (email) => {
      during.push(await w.eraseCandidate({ candidateId: notice.candidateId, by: 'sub-admin' }));
      return send(email);
    };

    await w.sweepAndSend();

    // The SES call had started: the email cannot be recalled, but the erasure must not claim it was in time.
    expect(w.mailer.sent).toHaveLength(1);
    const leaseUntil = during[0]?.receipt.retryAfter;
    expect(during[0]?.receipt).toMatchObject({ status: 'in-progress', erased: { decisions: 1, notices: 0 } });
    expect(leaseUntil).toBe(new Date(w.clock.now().getTime() + w.config.sendLeaseMs).toISOString());
    expect(await w.suppressions.find(emailDigest('eve@example.com'))).toMatchObject({ reason: 'erased' });

    const repeat = await w.eraseCandidate({ candidateId: notice.candidateId, by: 'sub-admin' });
    expect(repeat.receipt).toMatchObject({ status: 'complete', erased: { decisions: 1, notices: 1 } });
    expect(await w.notices.get(notice.id)).toBeUndefined();
  });

  it('deletes a notice left `sending` by a worker whose lease ran out', async () => {
    const { w, notice } = await dueNotice();
    w.mailer.send = async () => {
      throw new Error('the worker died mid-send');
    };
    await expect(w.sweepAndSend()).rejects.toThrow('the worker died mid-send');
    expect((await w.notices.get(notice.id))?.status).toBe('sending');

    const early = await w.eraseCandidate({ candidateId: notice.candidateId, by: 'sub-admin' });
    expect(early.receipt.status).toBe('in-progress');
    w.clock.advance(w.config.sendLeaseMs + 1);
    const late = await w.eraseCandidate({ candidateId: notice.candidateId, by: 'sub-admin' });

    expect(late.receipt.status).toBe('complete');
    expect(await w.notices.get(notice.id)).toBeUndefined();
  });

  it('answers 202 with a Retry-After while a send is under way, 200 once complete', async () => {
    const { w, notice } = await dueNotice();
    const send = w.mailer.send.bind(w.mailer);
    const answers: Response[] = [];
    w.mailer.send = async (email) => {
      answers.push(await w.call(`/candidates/${notice.candidateId}`, 'admin', { method: 'DELETE' }));
      return send(email);
    };
    await w.sweepAndSend();

    const during = answers[0];
    expect(during?.status).toBe(202);
    const leaseUntil = new Date(w.clock.now().getTime() + w.config.sendLeaseMs);
    expect(during?.headers.get('retry-after')).toBe(leaseUntil.toUTCString());
    expect(await during?.json()).toMatchObject({
      receipt: { status: 'in-progress', retryAfter: leaseUntil.toISOString() },
    });
    const after = await w.call(`/candidates/${notice.candidateId}`, 'admin', { method: 'DELETE' });
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ receipt: { status: 'complete' } });
  });
});

describe('an erasure racing an inbound reply', () => {
  const HOSTILE = 'This job is a scam and you are a dick.';

  async function repliedWorld() {
    const w = recruiterWorld();
    const bob = await w.sentNotice({
      applicationId: 'app-bob',
      candidate: { name: 'Bob Stone', email: 'bob@example.com' },
    });
    const mail = aMail({ from: 'Bob Stone <bob@example.com>', to: w.replyTo(bob), body: HOSTILE });
    return { w, bob, mail };
  }

  /** What the erased candidate left behind: nothing, once the reply is processed. */
  function leftovers(w: ReturnType<typeof recruiterWorld>) {
    return {
      replies: w.reply.replies.items.size,
      flags: w.reply.flags.items.size,
      raw: w.reply.raw.contents().length,
      notified: w.reply.notifier.sent.length,
      flagEvents: w.events.published.filter((e) => e.type === 'CandidateFlagRaised').length,
      relays: w.reply.relays.items.size + w.reply.relays.threads.size + w.reply.relays.tokens.size,
    };
  }
  const NOTHING = { replies: 0, flags: 0, raw: 0, notified: 0, flagEvents: 0, relays: 0 };

  it('completed while the reply was being classified: the reply is not recorded, no flag, nobody notified', async () => {
    const { w, bob, mail } = await repliedWorld();
    const classify = w.reply.classifier.classify.bind(w.reply.classifier);
    const receipts: string[] = [];
    w.reply.classifier.classify = async (...args) => {
      receipts.push((await w.eraseCandidate({ candidateId: bob.candidateId, by: 'sub-admin' })).receipt.status);
      return classify(...args);
    };

    const out = await w.inbound(mail);

    expect(receipts).toEqual(['complete']);
    expect(out).toMatchObject({ status: 'erased', flags: [] });
    expect(leftovers(w)).toEqual(NOTHING);
  });

  it('completed between the reply and its flags: both are deleted with the raw message, nobody notified', async () => {
    const { w, bob, mail } = await repliedWorld();
    const raise = w.reply.flags.raise.bind(w.reply.flags);
    let erased = false;
    w.reply.flags.raise = async (input) => {
      const outcome = await raise(input);
      if (!erased) {
        erased = true;
        await w.eraseCandidate({ candidateId: bob.candidateId, by: 'sub-admin' });
      }
      return outcome;
    };

    const out = await w.inbound(mail);

    expect(erased).toBe(true);
    expect(out.status).toBe('erased');
    expect(leftovers(w)).toEqual(NOTHING);
  });

  it('completed while the thread was paused: the paused notice, its thread and token are deleted too', async () => {
    const { w, bob, mail } = await repliedWorld();
    const count = w.reply.relays.countInWindow.bind(w.reply.relays);
    w.reply.relays.countInWindow = async (noticeId, candidateId, at, _cap, relayId) => {
      // The thread is over its cap: the turn is not relayed, the owner is told instead.
      const full = await count(noticeId, candidateId, at, 0, relayId);
      await w.eraseCandidate({ candidateId: bob.candidateId, by: 'sub-admin' });
      return full;
    };

    const out = await w.inbound(mail);

    expect(out.status).toBe('erased');
    expect(leftovers(w)).toEqual(NOTHING);
  });

  it('completed while the turn was being relayed: the relay, its thread and token are deleted, nobody notified', async () => {
    const { w, bob, mail } = await repliedWorld();
    const count = w.reply.relays.countInWindow.bind(w.reply.relays);
    w.reply.relays.countInWindow = async (...args) => {
      const allowed = await count(...args);
      await w.eraseCandidate({ candidateId: bob.candidateId, by: 'sub-admin' });
      return allowed;
    };

    const out = await w.inbound(mail);

    expect(out.status).toBe('erased');
    expect(leftovers(w)).toEqual(NOTHING);
  });

  it('requested while a relay of the turn is being sent: held until its lease ends, then erased', async () => {
    const { w, bob, mail } = await repliedWorld();
    const { relayId } = await w.inbound(mail);
    const leaseUntil = new Date(w.clock.now().getTime() + 15 * 60_000).toISOString();
    const claimed = await w.reply.relays.transition(relayId ?? '', {
      from: ['pending'],
      to: 'sending',
      at: w.clock.now().toISOString(),
      detail: 'Attempt 1',
      set: { attempts: 1, leaseUntil },
    });
    expect(claimed?.status).toBe('sending');

    const during = await w.eraseCandidate({ candidateId: bob.candidateId, by: 'sub-admin' });
    expect(during.receipt).toMatchObject({ status: 'in-progress', retryAfter: leaseUntil });
    expect(w.reply.relays.items.has(relayId ?? '')).toBe(true);

    w.clock.advance(16 * 60_000);
    const after = await w.eraseCandidate({ candidateId: bob.candidateId, by: 'sub-admin' });
    expect(after.receipt.status).toBe('complete');
    expect(w.reply.relays.items.has(relayId ?? '')).toBe(false);
  });

  it('requested before the reply arrived (still waiting on a send): the reply is dropped unread', async () => {
    const { w, bob, mail } = await repliedWorld();
    await w.recruiterPorts.erasures.save(
      anErasureInProgress({
        candidateId: bob.candidateId,
        requestedAt: w.clock.now().toISOString(),
        requestedBy: 'sub-admin',
      }),
    );
    let classified = 0;
    const classify = w.reply.classifier.classify.bind(w.reply.classifier);
    w.reply.classifier.classify = async (...args) => {
      classified += 1;
      return classify(...args);
    };

    const out = await w.inbound(mail);

    expect(out.status).toBe('erased');
    expect(classified).toBe(0);
    expect(leftovers(w)).toEqual(NOTHING);
  });

  it('a reply from a candidate nobody erased is recorded, flagged and announced as before', async () => {
    const { w, mail } = await repliedWorld();
    const out = await w.inbound(mail);
    expect(out.status).toBe('classified');
    expect(leftovers(w)).toMatchObject({ replies: 1, flags: out.flags.length, raw: 1 });
    expect(leftovers(w).notified).toBeGreaterThan(0);
  });
});

describe('erasure finds what a recruiter-side address received about the candidate', () => {
  const OWNER = 'grace@acme.example';
  const SES_PASS = 'amazonses.com; spf=pass smtp.mailfrom=acme.example; dkim=pass header.i=@acme.example';
  const HOSTILE = 'This job is a scam and you are a dick.';

  async function relayedTurn() {
    const w = recruiterWorld();
    const bob = await w.sentNotice({
      applicationId: 'app-bob',
      candidate: { name: 'Bob Stone', email: 'bob@example.com' },
      recruiter: { name: 'Grace Hopper', email: OWNER },
    });
    const turn = await w.inbound(aMail({ from: 'Bob Stone <bob@example.com>', to: w.replyTo(bob), body: HOSTILE }));
    const relay = await w.reply.relays.get(turn.relayId ?? '');
    if (relay === undefined) throw new Error('the turn was not relayed');
    const quoted = `> ${HOSTILE}`;
    const toRecruiterSide = (parts: Partial<Parameters<typeof aMail>[0]>) =>
      w.inbound(aMail({ to: relay.replyTo, body: quoted, ...parts }));
    return { w, bob, toRecruiterSide, quoted };
  }

  it('keeps refused messages on the candidate’s records, raising nothing and relaying nothing, and erases them', async () => {
    const { w, bob, toRecruiterSide, quoted } = await relayedTurn();
    const flagsBefore = w.reply.flags.items.size;
    const relaysBefore = w.reply.relays.items.size;

    const refused = [
      await toRecruiterSide({ from: 'Mallory <mallory@evil.example>', body: `${HOSTILE}\n\n${quoted}` }),
      await toRecruiterSide({
        from: `Grace Hopper <${OWNER}>`,
        subject: 'Automatic reply: out of office',
        headers: { 'Authentication-Results': SES_PASS, 'Auto-Submitted': 'auto-replied' },
      }),
    ];

    expect(refused.map((r) => r.correlation)).toEqual([
      expect.objectContaining({ method: 'none', candidateId: bob.candidateId }),
      expect.objectContaining({ method: 'none', candidateId: bob.candidateId }),
    ]);
    expect(refused.flatMap((r) => r.flags)).toEqual([]);
    expect(w.reply.flags.items.size).toBe(flagsBefore);
    expect(w.reply.relays.items.size).toBe(relaysBefore);

    const erasure = await w.eraseCandidate({ candidateId: bob.candidateId, by: 'sub-admin' });

    expect(erasure.receipt).toMatchObject({ status: 'complete', erased: { replies: 3, rawMessages: 3 } });
    expect(w.reply.replies.items.size).toBe(0);
    expect(w.reply.raw.contents()).toEqual([]);
  });

  it('deletes the raw message of an answer with nothing of the owner’s own, and of a second delivery', async () => {
    const { w, bob, toRecruiterSide } = await relayedTurn();
    const owner = { from: `Grace Hopper <${OWNER}>`, headers: { 'Authentication-Results': SES_PASS } };

    const empty = await toRecruiterSide(owner);
    const answer = { ...owner, messageId: 'answer-1@acme.example', body: 'We will call you, Bob.' };
    const first = await toRecruiterSide(answer);
    const again = await toRecruiterSide(answer);

    expect(empty.status).toBe('empty');
    expect([first.status, again.status, again.duplicate]).toEqual(['relayed', 'relayed', true]);
    // Bob's turn and the answer's first delivery, which the relay refers to.
    expect(w.reply.raw.contents()).toHaveLength(2);

    await w.eraseCandidate({ candidateId: bob.candidateId, by: 'sub-admin' });

    expect(w.reply.raw.contents()).toEqual([]);
  });
});
