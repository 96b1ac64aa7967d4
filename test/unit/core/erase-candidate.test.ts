import { describe, expect, it } from 'vitest';
import { emailDigest } from '#core/domain/email-address.ts';
import { relayIdFor } from '#core/domain/relay.ts';
import { aRelay } from '#test/contracts/relay-repository-contract.ts';
import { aDecision } from '#test/support/builders.ts';
import { aMail } from '#test/support/mail.ts';
import { recruiterWorld } from '#test/support/recruiter-world.ts';

const REPLY = 'This job is a scam and you are a dick.';

/**
 * Bob wrote before he was rejected (no notice to match: the unmatched inbox), was rejected and replied; Ada
 * was rejected and replied too.
 */
async function world() {
  const w = recruiterWorld();
  const stray = await w.inbound(
    aMail({ from: 'Bob Stone <bob@example.com>', to: 'hr@acme.example', body: 'Also: I want my data.' }),
  );
  expect(stray.correlation?.method).toBe('none');
  const bob = await w.sentNotice({
    applicationId: 'app-bob',
    candidate: { name: 'Bob Stone', email: 'bob@example.com' },
  });
  const ada = await w.sentNotice({
    applicationId: 'app-ada',
    candidate: { name: 'Ada Lovelace', email: 'ada@example.com' },
  });
  await w.inbound(aMail({ from: 'Bob Stone <bob@example.com>', to: w.replyTo(bob), body: REPLY }));
  await w.inbound(aMail({ from: 'Ada Lovelace <ada@example.com>', to: w.replyTo(ada), body: 'Thank you!' }));
  return { w, bob, ada };
}

/** Everything the fakes hold, as one string: what a scan of the table and the bucket would see. */
function everything(w: ReturnType<typeof recruiterWorld>): string {
  const raw = w.reply.raw.contents().map((bytes) => new TextDecoder().decode(bytes));
  return JSON.stringify([
    [...w.decisions.items.values()],
    [...w.notices.items.values()].map((s) => s.notice),
    [...w.reply.replies.items.values()],
    [...w.reply.flags.items.values()],
    [...w.reply.relays.items.values()],
    [...w.recruiterPorts.erasures.items.values()],
    raw,
  ]);
}

describe('erasing a candidate', () => {
  it('deletes every item and raw message about them, the unmatched reply from their address too, and nobody else’s', async () => {
    const { w, bob, ada } = await world();
    expect(everything(w)).toContain('bob@example.com');

    const result = await w.eraseCandidate({ candidateId: bob.candidateId, by: 'sub-admin' });

    expect(result.erased).toEqual({
      decisions: 1,
      notices: 1,
      replies: 2,
      flags: 1,
      // His reply was relayed to the owner: the relay, the thread's window and its recruiter token.
      relays: 1,
      relayThreads: 1,
      recruiterTokens: 1,
      rawMessages: 2,
    });
    const left = everything(w);
    expect(left).not.toContain('bob@example.com');
    expect(left).not.toContain('Bob Stone');
    expect(left).not.toContain(REPLY);
    expect(left).not.toContain('I want my data');
    expect(left).toContain('ada@example.com');
    expect((await w.recruiterPorts.records.read(ada.candidateId)).replies).toHaveLength(1);
  });

  it('keeps a tombstone: a later decision for the address is recorded but never emailed', async () => {
    const { w, bob } = await world();
    await w.eraseCandidate({ candidateId: bob.candidateId, by: 'sub-admin' });
    const sentBefore = w.mailer.sent.length;

    const [again] = await w.recordDecisions([
      aDecision({ applicationId: 'app-bob-2', candidate: { name: 'Bob Stone', email: 'Bob@Example.com' } }),
    ]);
    w.clock.advance(24 * 3600_000);
    await w.sweepAndSend();

    expect(again?.noticeId).toBeDefined();
    expect(await w.suppressions.find(emailDigest('bob@example.com'))).toMatchObject({ reason: 'erased' });
    expect((await w.notices.get(again?.noticeId ?? ''))?.status).toBe('suppressed');
    expect(w.mailer.sent.length).toBe(sentBefore);
  });

  it('is idempotent: a repeat erases what arrived since and adds to the receipt', async () => {
    const { w, bob } = await world();
    await w.eraseCandidate({ candidateId: bob.candidateId, by: 'sub-admin' });
    await w.recordDecisions([aDecision({ applicationId: 'app-bob-3', candidate: { email: 'bob@example.com' } })]);

    const second = await w.eraseCandidate({ candidateId: bob.candidateId, by: 'sub-admin-2' });
    const third = await w.eraseCandidate({ candidateId: bob.candidateId, by: 'sub-admin-2' });

    expect(second.erased).toMatchObject({ decisions: 1, notices: 1 });
    expect(third.erased).toEqual({
      decisions: 0,
      notices: 0,
      replies: 0,
      flags: 0,
      relays: 0,
      relayThreads: 0,
      recruiterTokens: 0,
      rawMessages: 0,
    });
    expect(third.receipt).toMatchObject({
      status: 'complete',
      runs: 3,
      requestedBy: 'sub-admin-2',
      erased: {
        decisions: 2,
        notices: 2,
        replies: 2,
        flags: 1,
        relays: 1,
        relayThreads: 1,
        recruiterTokens: 1,
        rawMessages: 2,
      },
    });
  });

  it('erases the whole thread: relays both ways, the recruiter answer as received, the token and thread state', async () => {
    const { w, bob, ada } = await world();
    const relays = w.reply.relays;
    const answer = 'Your SQL was strong; the system design round fell short.';
    const raw = await w.reply.raw.put(new TextEncoder().encode(`From: grace@acme.example\r\n\r\n${answer}`));
    const cause = { kind: 'recruiter-mail', messageDigest: 'digest-1', raw } as const;
    const thread = { noticeId: bob.id, candidateId: bob.candidateId };
    // Bob's turn was relayed to the owner by the inbound path (with the thread's token and window).
    expect((await relays.listByNotice(bob.id)).map((r) => r.direction)).toEqual(['to-recruiter']);
    await relays.create(aRelay({ ...thread, id: relayIdFor(cause), cause, direction: 'to-candidate', text: answer }));
    const token = { token: 'tok-bob', ...thread, createdAt: bob.createdAt, retainUntil: bob.retainUntil };
    const minted = await relays.recruiterTokenFor(bob.id, bob.candidateId, token);
    await relays.countInWindow(bob.id, bob.candidateId, w.clock.now(), 10, relayIdFor(cause));
    const adas = aRelay({ noticeId: ada.id, candidateId: ada.candidateId });
    await relays.create(adas);

    const result = await w.eraseCandidate({ candidateId: bob.candidateId, by: 'sub-admin' });

    expect(result.erased).toMatchObject({ relays: 2, relayThreads: 1, recruiterTokens: 1, rawMessages: 3 });
    expect(await relays.listByNotice(bob.id)).toEqual([]);
    expect(await relays.byRecruiterToken(minted.token)).toBeUndefined();
    expect(relays.threads.has(bob.id)).toBe(false);
    const left = JSON.stringify(w.reply.raw.contents().map((bytes) => new TextDecoder().decode(bytes)));
    expect(left).not.toContain(answer);
    expect(await relays.get(adas.id)).toEqual(adas);
  });

  it('refuses a candidate it never held (404), rather than inventing a receipt', async () => {
    const { w } = await world();

    await expect(w.eraseCandidate({ candidateId: 'c_000000000000000000000000', by: 'x' })).rejects.toThrow(
      'No candidate with id c_000000000000000000000000',
    );
    expect(w.recruiterPorts.erasures.items.size).toBe(0);
  });
});
