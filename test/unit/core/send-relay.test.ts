import { describe, expect, it } from 'vitest';
import type { RelayDeliveryEvent } from '#core/domain/delivery-event.ts';
import { emailDigest } from '#core/domain/email-address.ts';
import { PermanentSendError, TransientSendError } from '#core/domain/errors.ts';
import { RELAY_LOOP_HEADER, type Relay } from '#core/domain/relay.ts';
import { fixedClock } from '#core/ports/clock.ts';
import { silentLog } from '#core/ports/log.ts';
import { makeSendRelay, RELAY_LOOP_HEADER_NAME } from '#core/use-cases/send-relay.ts';
import { makeTrackRelay } from '#core/use-cases/track-relay.ts';
import { InMemoryErasureLog } from '#test/fakes/in-memory-erasure-log.ts';
import { InMemoryRelayRepository } from '#test/fakes/in-memory-relay-repository.ts';
import { InMemoryReputationLedger } from '#test/fakes/in-memory-reputation-ledger.ts';
import { InMemorySendingControl } from '#test/fakes/in-memory-sending-control.ts';
import { InMemorySuppressionRepository } from '#test/fakes/in-memory-suppression-repository.ts';
import { RecordingMailer } from '#test/fakes/recording-mailer.ts';
import { aRelayToCandidate, aRelayToRecruiter } from '#test/support/relays.ts';

const LEASE_MS = 15 * 60_000;

function world() {
  const clock = fixedClock('2026-11-20T10:00:00Z');
  const relays = new InMemoryRelayRepository();
  const suppressions = new InMemorySuppressionRepository();
  const erasures = new InMemoryErasureLog();
  const control = new InMemorySendingControl();
  const ledger = new InMemoryReputationLedger();
  const mailer = new RecordingMailer();
  const guarded: string[] = [];
  const sendRelay = makeSendRelay({
    relays,
    suppressions,
    erasures,
    control,
    ledger,
    mailer,
    clock,
    log: silentLog,
    ownDomains: ['acme.example'],
    retry: { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 3_600_000 },
    sendLeaseMs: LEASE_MS,
    random: () => 0.5,
  });
  const trackRelay = makeTrackRelay({
    relays,
    suppressions,
    ledger,
    guardReputation: async () => {
      guarded.push(clock.now().toISOString());
      return { paused: false } as never;
    },
    clock,
    log: silentLog,
  });
  const store = async (relay: Relay) => {
    await relays.create(relay);
    return relay.id;
  };
  return { clock, relays, suppressions, erasures, control, ledger, mailer, sendRelay, trackRelay, store, guarded };
}

function report(relay: Relay, type: RelayDeliveryEvent['type'], overrides: Partial<RelayDeliveryEvent> = {}) {
  return {
    type,
    relayId: relay.id,
    attempt: relay.attempts,
    messageId: relay.sesMessageId ?? 'ses-1',
    at: '2026-11-20T10:00:01.000Z',
    key: `${type}-${Math.random()}`,
    recipientDigests: type === 'bounce' || type === 'complaint' ? [emailDigest(relay.to)] : [],
    ...(type === 'bounce' ? { bounce: { kind: 'permanent' as const, subType: 'General' } } : {}),
    ...overrides,
  } satisfies RelayDeliveryEvent;
}

describe('sending a relay', () => {
  it('threads only on Message-IDs of printable ASCII: a control or non-ASCII byte would make SES refuse it', async () => {
    const w = world();
    const id = await w.store(
      aRelayToCandidate({
        inReplyTo: '<cand-2\u0001@mail.example.com>',
        references: ['<0100abc@email.amazonses.com>', '<caf\u00e9@mail.example.com>', '<cand-1@mail.example.com>'],
      }),
    );

    expect(await w.sendRelay(id)).toBe('sent');

    const headers = w.mailer.sent[0]?.headers ?? {};
    expect(headers['In-Reply-To']).toBeUndefined();
    expect(headers.References).toBe('<0100abc@email.amazonses.com> <cand-1@mail.example.com>');
  });

  it('claims, renders and sends it once, with our tags, loop header and threading headers', async () => {
    const w = world();
    const id = await w.store(aRelayToRecruiter());

    expect(await w.sendRelay(id)).toBe('sent');
    expect(await w.sendRelay(id)).toBe('done');

    expect(w.mailer.sent).toHaveLength(1);
    const [email] = w.mailer.sent;
    expect(email).toMatchObject({
      from: '"Ada Lovelace via Closeloop" <relay@acme.example>',
      to: 'grace@acme.example',
      replyTo: 'recruiter+tok123@replies.acme.example',
      subject: '[Feedback requested] Re: An update on the Analytical Engineer role at Acme',
      tags: { relayId: id, attempt: '1' },
      headers: {
        'X-Closeloop-Relay': id,
        'In-Reply-To': '<cand-1@mail.example.com>',
        References: '<0100abc@email.amazonses.com> <cand-1@mail.example.com>',
      },
    });
    expect(RELAY_LOOP_HEADER_NAME.toLowerCase()).toBe(RELAY_LOOP_HEADER);
    const relay = await w.relays.get(id);
    expect(relay).toMatchObject({ status: 'sent', attempts: 1, sesMessageId: 'msg-1' });
    expect(relay?.history.map((h) => h.status)).toEqual(['pending', 'sending', 'sent']);
    expect((await w.ledger.totals(new Date(0), w.clock.now())).sends).toBe(1);
  });

  it('sends once when two workers process the same relay at the same time', async () => {
    const w = world();
    const id = await w.store(aRelayToCandidate());

    const outcomes = await Promise.all([w.sendRelay(id), w.sendRelay(id)]);

    expect(outcomes.sort()).toEqual(['busy', 'sent']);
    expect(w.mailer.sent).toHaveLength(1);
  });

  it('leaves a relay another worker holds alone, and takes it over once the lease ran out', async () => {
    const w = world();
    const id = await w.store(aRelayToCandidate());
    w.mailer.duringNextSend(async () => {
      expect(await w.sendRelay(id)).toBe('busy');
    });
    // The first worker dies after SES refused to answer: the relay stays `sending`.
    w.mailer.failNext(new Error('killed'));
    await expect(w.sendRelay(id)).rejects.toThrow('killed');
    expect(await w.sendRelay(id)).toBe('busy');

    w.clock.advance(LEASE_MS);
    expect(await w.sendRelay(id)).toBe('sent');
    expect(await w.relays.get(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends nothing to a suppressed address, and nothing for an erased candidate, whose relay is deleted', async () => {
    const w = world();
    const suppressed = await w.store(aRelayToCandidate());
    await w.suppressions.add({ emailDigest: emailDigest('ADA@example.com'), reason: 'complaint', at: 'x' });
    const erased = await w.store(aRelayToRecruiter({ candidateId: 'c_gone' }));
    await w.erasures.save({
      candidateId: 'c_gone',
      status: 'complete',
      requestedAt: 'x',
      requestedBy: 'admin',
      erased: {} as never,
      suppressedAddresses: 1,
      runs: 1,
    });

    expect(await w.sendRelay(suppressed)).toBe('suppressed');
    expect(await w.sendRelay(erased)).toBe('skipped');
    expect(w.mailer.sent).toEqual([]);
    expect((await w.relays.get(suppressed))?.status).toBe('suppressed');
    expect(await w.relays.get(erased)).toBeUndefined();
  });

  it('never sends from an address that is not ours', async () => {
    const w = world();
    const id = await w.store(aRelayToRecruiter({ from: '"Ada" <ada@example.com>' }));
    expect(await w.sendRelay(id)).toBe('failed');
    expect(w.mailer.sent).toEqual([]);
  });

  it('leaves it untouched while sending is paused', async () => {
    const w = world();
    const id = await w.store(aRelayToCandidate());
    await w.control.pause({ reason: 'bounces', at: 'x', by: 'reputation-guard' });
    expect(await w.sendRelay(id)).toBe('paused');
    expect(await w.relays.get(id)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('defers a transient failure with backoff, an ambiguous one by at least the lease, and fails a permanent one', async () => {
    const w = world();
    const throttled = await w.store(aRelayToCandidate());
    const timedOut = await w.store(aRelayToCandidate());
    const refused = await w.store(aRelayToCandidate());
    w.mailer.failNext(
      new TransientSendError('Throttling'),
      new TransientSendError('timeout', { ambiguous: true }),
      new PermanentSendError('MessageRejected'),
    );

    expect(await w.sendRelay(throttled)).toBe('deferred');
    expect(await w.sendRelay(timedOut)).toBe('deferred');
    expect(await w.sendRelay(refused)).toBe('failed');

    expect((await w.relays.get(throttled))?.nextAttemptAt).toBe('2026-11-20T10:00:45.000Z');
    expect((await w.relays.get(timedOut))?.nextAttemptAt).toBe('2026-11-20T10:15:00.000Z');
    expect((await w.relays.get(refused))?.failureReason).toContain('MessageRejected');
    // A redelivered message does not cut the deferral short; once due, the retry goes out.
    expect(await w.sendRelay(timedOut)).toBe('not-due');
    w.clock.advance(LEASE_MS);
    expect(await w.sendRelay(timedOut)).toBe('sent');
    expect(await w.relays.get(timedOut)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gives up after the attempt cap', async () => {
    const w = world();
    const id = await w.store(aRelayToCandidate());
    for (let i = 0; i < 3; i++) {
      w.mailer.failNext(new TransientSendError('Throttling'));
      await w.sendRelay(id);
      w.clock.advance(3_600_000);
    }
    expect(await w.relays.get(id)).toMatchObject({ status: 'failed', attempts: 3 });
    expect((await w.relays.get(id))?.failureReason).toMatch(/Gave up after 3 attempts/);
  });
});

describe('tracking a relay', () => {
  it('reconciles a worker that died after SES accepted: the Send report records it, nothing is sent again', async () => {
    const w = world();
    const id = await w.store(aRelayToCandidate());
    // The worker claimed it and died between SES accepting the message and the `sent` write.
    const accepted = w.mailer.sent.length;
    await w.relays.transition(id, {
      from: ['pending'],
      to: 'sending',
      at: w.clock.now().toISOString(),
      detail: 'Attempt 1',
      set: { attempts: 1, leaseUntil: '2026-11-20T10:15:00.000Z' },
    });
    const sending = await w.relays.get(id);
    if (sending === undefined) throw new Error('no relay');

    expect(await w.trackRelay(report(sending, 'send', { messageId: 'ses-accepted' }))).toBe('recorded');
    expect(await w.relays.get(id)).toMatchObject({ status: 'sent', sesMessageId: 'ses-accepted' });
    w.clock.advance(LEASE_MS);
    expect(await w.sendRelay(id)).toBe('done');
    expect(w.mailer.sent).toHaveLength(accepted);
    expect((await w.ledger.totals(new Date(0), w.clock.now())).sends).toBe(1);
  });

  it('moves sent → delivered, ignores a repeat, and keeps a report about an older attempt as history only', async () => {
    const w = world();
    const id = await w.store(aRelayToRecruiter());
    await w.sendRelay(id);
    const sent = await w.relays.get(id);
    if (sent === undefined) throw new Error('no relay');

    expect(await w.trackRelay(report(sent, 'delivery'))).toBe('recorded');
    expect(await w.trackRelay(report(sent, 'delivery'))).toBe('ignored');
    expect(await w.trackRelay(report(sent, 'bounce', { attempt: 0 }))).toBe('recorded');

    const relay = await w.relays.get(id);
    expect(relay?.status).toBe('delivered');
    expect(relay?.history.at(-1)?.detail).toMatch(/about attempt 0, since superseded/);
  });

  it("suppresses the candidate's address when a relay to them bounces for good or is marked as spam", async () => {
    const w = world();
    const bounced = await w.store(aRelayToCandidate());
    const complained = await w.store(aRelayToCandidate({ to: 'other@example.com' }));
    for (const id of [bounced, complained]) await w.sendRelay(id);
    const [b, c] = await Promise.all([w.relays.get(bounced), w.relays.get(complained)]);
    if (b === undefined || c === undefined) throw new Error('no relay');

    await w.trackRelay(report(b, 'bounce'));
    await w.trackRelay(report(c, 'complaint'));

    expect((await w.relays.get(bounced))?.status).toBe('bounced');
    expect((await w.relays.get(complained))?.status).toBe('complained');
    expect(await w.suppressions.find(emailDigest('ada@example.com'))).toMatchObject({
      reason: 'hard-bounce',
      origin: `relay:${bounced}`,
    });
    expect(await w.suppressions.find(emailDigest('other@example.com'))).toMatchObject({ reason: 'complaint' });
    expect(w.guarded).toHaveLength(2);
  });

  it("records a bounce of the recruiter's inbox without suppressing the recruiter", async () => {
    const w = world();
    const id = await w.store(aRelayToRecruiter());
    await w.sendRelay(id);
    const sent = await w.relays.get(id);
    if (sent === undefined) throw new Error('no relay');

    expect(await w.trackRelay(report(sent, 'bounce'))).toBe('recorded');
    expect((await w.relays.get(id))?.status).toBe('bounced');
    expect(await w.suppressions.find(emailDigest('grace@acme.example'))).toBeUndefined();
  });
});
