import { describe, expect, it } from 'vitest';
import type { Relay } from '#core/domain/relay.ts';
import type { Reply } from '#core/domain/reply.ts';
import { silentLog } from '#core/ports/log.ts';
import { noticeEmailRenderer } from '#core/use-cases/preview-notice.ts';
import { makeSendFollowUp } from '#core/use-cases/send-follow-up.ts';
import { makeStartRelay } from '#core/use-cases/start-relay.ts';
import { aDecision, anErasureInProgress } from '#test/support/builders.ts';
import { aReport } from '#test/support/delivery-reports.ts';
import { unitWorld } from '#test/support/unit-world.ts';
import { InMemoryCandidateRecords } from '../../fakes/in-memory-candidate-records.ts';
import { InMemoryErasureLog } from '../../fakes/in-memory-erasure-log.ts';
import { InMemoryFlagRepository } from '../../fakes/in-memory-flag-repository.ts';
import { InMemoryRelayRepository } from '../../fakes/in-memory-relay-repository.ts';
import { InMemoryReplyRepository } from '../../fakes/in-memory-reply-repository.ts';

const HOUR = 3_600_000;

async function aThread(
  options: { send?: boolean; recruiter?: { name: string; email: string }; hourlyCap?: number } = {},
) {
  const world = unitWorld();
  const decision = aDecision(options.recruiter ? { recruiter: options.recruiter } : {});
  const [result] = await world.recordDecisions([decision]);
  world.clock.advance(HOUR);
  if (options.send !== false) await world.sweepAndSend();
  const notice = (await world.notices.get(result?.noticeId ?? '')) ?? expect.fail('no notice');
  const flags = new InMemoryFlagRepository();
  const replies = new InMemoryReplyRepository();
  const erasures = new InMemoryErasureLog();
  const relays = new InMemoryRelayRepository();
  const enqueued: string[] = [];
  const records = new InMemoryCandidateRecords({ decisions: world.decisions, notices: world.notices, replies, flags });
  const sendFollowUp = makeSendFollowUp({
    notices: world.notices,
    records,
    erasures,
    suppressions: world.suppressions,
    flags,
    renderEmail: noticeEmailRenderer({ renderer: world.renderer, branding: world.config.branding }),
    relays,
    relay: {
      hourlyCap: options.hourlyCap ?? 10,
      relayFrom: 'relay@mail.example.com',
      defaultRecruiterInbox: 'talent@acme.example',
    },
    startRelay: makeStartRelay({
      relays,
      queue: { enqueueRelays: async (ids) => void enqueued.push(...ids) },
      log: silentLog,
    }),
    clock: world.clock,
    log: silentLog,
    senderFrom: world.config.sender.from,
    replyDomain: world.config.sender.replyDomain,
    defaultSenderName: 'Acme Talent',
    retentionDays: 365,
  });
  const input = {
    noticeId: notice.id,
    text: 'Happy to talk it through.',
    actor: 'recruiter:jane',
    idempotencyKey: 'k-0000001',
  };
  return { world, notice, flags, replies, erasures, relays, enqueued, sendFollowUp, input };
}

function aCandidateReply(noticeId: string, candidateId: string, id: string, at: string): Reply {
  return {
    id,
    status: 'classified',
    receivedAt: at,
    correlation: { method: 'token', noticeId, candidateId },
    messageId: `${id}@mail.example.com`,
    text: 'Which parts fell short?',
    flags: ['feedback-requested'],
    notes: [],
    sizeBytes: 100,
    raw: { store: 'local', key: id },
    retainUntil: '2027-11-20T00:00:00.000Z',
  };
}

describe('a recruiter answers a thread from the dashboard', () => {
  it('hands a to-candidate relay, threaded on the candidate’s latest message, to the send queue', async () => {
    const t = await aThread({ recruiter: { name: 'Grace "G" Hopper', email: 'grace@acme.example' } });
    t.replies.items.set('r_1', aCandidateReply(t.notice.id, t.notice.candidateId, 'r_1', '2026-11-20T12:00:00.000Z'));
    t.replies.items.set('r_2', aCandidateReply(t.notice.id, t.notice.candidateId, 'r_2', '2026-11-20T13:00:00.000Z'));

    const { relay, created } = await t.sendFollowUp(t.input);

    expect(created).toBe(true);
    expect(relay).toMatchObject({
      direction: 'to-candidate',
      status: 'pending',
      noticeId: t.notice.id,
      to: 'ada@example.com',
      from: '"Grace \\"G\\" Hopper" <talent@acme.example>',
      replyTo: `reply+${t.notice.replyToken}@replies.acme.example`,
      text: 'Happy to talk it through.',
      inReplyTo: 'r_2@mail.example.com',
      references: [`${t.notice.sesMessageId}@email.amazonses.com`, 'r_1@mail.example.com', 'r_2@mail.example.com'],
      cause: { kind: 'dashboard', actor: 'recruiter:jane', idempotencyKey: 'k-0000001' },
    });
    expect(relay.subject).toMatch(/^Re: \S/);
    expect(relay.subject).not.toMatch(/^Re: Re:/);
    expect(t.enqueued).toEqual([relay.id]);
  });

  it('threads on the rejection itself when the candidate has not written, from the default name', async () => {
    const t = await aThread();

    const { relay } = await t.sendFollowUp(t.input);

    expect(relay.inReplyTo).toBe(`${t.notice.sesMessageId}@email.amazonses.com`);
    expect(relay.from).toBe('"Acme Talent" <talent@acme.example>');
  });

  it('sends once for a double click: the same key is the same relay', async () => {
    const t = await aThread();

    const first = await t.sendFollowUp(t.input);
    const second = await t.sendFollowUp(t.input);

    expect(second).toMatchObject({ created: false, relay: { id: first.relay.id } });
    expect(t.relays.items.size).toBe(1);
    await expect(t.sendFollowUp({ ...t.input, text: 'Something else' })).rejects.toThrow(/different follow-up/);
  });

  it("counts in the thread's hourly cap: over it, nothing is sent (409), the owner is told once, a retry is free", async () => {
    const t = await aThread({ hourlyCap: 2 });
    const send = (key: string) => t.sendFollowUp({ ...t.input, idempotencyKey: key });

    const first = await send('k-0000001');
    await send('k-0000002');
    await expect(send('k-0000003')).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(/paused until \d{4}-\d\d-\d\d \d\d:\d\d UTC/),
    });
    await expect(send('k-0000004')).rejects.toMatchObject({ name: 'ConflictError' });
    // A double click of a counted follow-up is not refused.
    expect(await send('k-0000001')).toMatchObject({ created: false, relay: { id: first.relay.id } });

    const relays = [...t.relays.items.values()];
    expect(relays.map((r) => r.cause.kind).sort()).toEqual(['dashboard', 'dashboard', 'thread-paused']);
    expect(relays.find((r) => r.cause.kind === 'thread-paused')).toMatchObject({
      direction: 'to-recruiter',
      replyTo: expect.stringMatching(/^recruiter\+/),
    });
  });

  it('answers the candidate’s open feedback request, once', async () => {
    const t = await aThread();
    await t.flags.raise({
      candidateId: t.notice.candidateId,
      flag: 'feedback-requested',
      reason: 'asks for feedback',
      evidence: [],
      replyId: 'r_1',
      at: '2026-11-20T11:00:00.000Z',
      retainUntil: '2027-11-20T00:00:00.000Z',
    });

    const { relay, answered } = await t.sendFollowUp(t.input);
    const later = await t.sendFollowUp({ ...t.input, idempotencyKey: 'k-0000002' });

    expect(answered).toMatchObject({ answeredAt: t.world.clock.now().toISOString() });
    expect(answered?.history.at(-1)).toMatchObject({ action: 'answered', by: 'recruiter:jane', relayId: relay.id });
    expect(later.answered).toBeUndefined();
  });

  it.each([
    ['empty', '   ', 'Write something'],
    ['too long', 'x'.repeat(10_001), 'At most 10000'],
    ['a NUL', 'hi\u0000there', 'NUL'],
    ['a bidi override', 'pay \u202Eyas', 'bidirectional'],
  ])('refuses %s text', async (_, text, message) => {
    const t = await aThread();
    await expect(t.sendFollowUp({ ...t.input, text })).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [{ field: 'text', message: expect.stringContaining(message) }],
    });
    expect(t.relays.items.size).toBe(0);
  });

  it('refuses a missing or malformed idempotency key', async () => {
    const t = await aThread();
    await expect(t.sendFollowUp({ ...t.input, idempotencyKey: '' })).rejects.toMatchObject({
      issues: [{ field: 'Idempotency-Key' }],
    });
  });

  it('refuses a notice never sent (409), an unknown one (404), a suppressed address (409) and an erased candidate (410)', async () => {
    const unsent = await aThread({ send: false });
    await expect(unsent.sendFollowUp(unsent.input)).rejects.toMatchObject({ name: 'ConflictError' });
    await expect(unsent.sendFollowUp({ ...unsent.input, noticeId: 'n_nope' })).rejects.toMatchObject({
      name: 'NotFoundError',
    });

    const complained = await aThread();
    await complained.world.trackDelivery(aReport(complained.notice, 'complaint'));
    await expect(complained.sendFollowUp(complained.input)).rejects.toThrow(/suppressed \(complaint/);

    const erased = await aThread();
    await erased.erasures.save(
      anErasureInProgress({
        candidateId: erased.notice.candidateId,
        requestedAt: erased.world.clock.now().toISOString(),
        requestedBy: 'admin',
        suppressedAddresses: 1,
      }),
    );
    await expect(erased.sendFollowUp(erased.input)).rejects.toMatchObject({ name: 'GoneError' });
    expect([unsent, complained, erased].map((t) => t.relays.items.size)).toEqual([0, 0, 0]);
  });
});

describe('an erasure racing a follow-up', () => {
  it('completed while the relay was being created: the relay is deleted and the answer is 410', async () => {
    const t = await aThread();
    const create = t.relays.create.bind(t.relays);
    t.relays.create = async (relay: Relay) => {
      const outcome = await create(relay);
      await t.erasures.save({
        candidateId: t.notice.candidateId,
        status: 'complete',
        requestedAt: t.world.clock.now().toISOString(),
        requestedBy: 'admin',
        erased: {
          decisions: 1,
          notices: 1,
          replies: 0,
          flags: 0,
          relays: 0,
          relayThreads: 0,
          recruiterTokens: 0,
          rawMessages: 0,
        },
        suppressedAddresses: 1,
        runs: 1,
      });
      return outcome;
    };

    await expect(t.sendFollowUp(t.input)).rejects.toMatchObject({ name: 'GoneError' });
    expect(t.relays.items.size).toBe(0);
  });
});
