import { describe, expect, it } from 'vitest';
import { randomId } from '#core/domain/ids.ts';
import type { Relay } from '#core/domain/relay.ts';
import type { RecruiterToken, RelayRepository } from '#core/ports/relay-repository.ts';

export function aRelay(over: Partial<Relay> = {}): Relay {
  const createdAt = over.createdAt ?? '2026-11-20T10:00:00.000Z';
  return {
    id: randomId('m'),
    direction: 'to-recruiter',
    noticeId: randomId('n'),
    candidateId: randomId('c'),
    cause: { kind: 'candidate-reply', replyId: randomId('r') },
    status: 'pending',
    to: 'grace@recruiting.example.com',
    from: '"Ada Lovelace via Closeloop" <relay@mail.example.com>',
    replyTo: 'recruiter+abc@reply.example.com',
    subject: 'Re: Your application',
    text: 'Which parts of my experience fell short?',
    references: ['<a@mail.example.com>'],
    attempts: 0,
    createdAt,
    updatedAt: createdAt,
    history: [{ at: createdAt, status: 'pending', detail: 'recorded' }],
    retainUntil: '2027-11-20T10:00:00.000Z',
    ...over,
  };
}

function aToken(noticeId: string, candidateId: string, token = randomId('t')): RecruiterToken {
  return {
    token,
    noticeId,
    candidateId,
    createdAt: '2026-11-20T10:00:00.000Z',
    retainUntil: '2027-11-20T10:00:00.000Z',
  };
}

const T0 = '2026-11-20T10:00:00.000Z';
const LEASE = '2026-11-20T10:01:00.000Z';

/**
 * What every RelayRepository must do: the in-memory fake and the DynamoDB adapter both run this.
 * `seedNotice` stores the notice a thread belongs to, for an adapter that finds a thread through it.
 */
export function relayRepositoryContract(
  name: string,
  make: () => RelayRepository,
  seedNotice: (noticeId: string, candidateId: string) => Promise<void> = async () => {},
): void {
  describe(`${name}: the relay repository contract`, () => {
    it('creates a relay once: a second create hands back the first', async () => {
      const repo = make();
      const relay = aRelay();

      const outcomes = await Promise.all([repo.create(relay), repo.create({ ...relay, text: 'changed' })]);

      expect(outcomes.filter((o) => o.created)).toHaveLength(1);
      expect(outcomes.find((o) => !o.created)).toEqual({ created: false, existing: relay });
      expect(await repo.get(relay.id)).toEqual(relay);
      expect(await repo.get(randomId('m'))).toBeUndefined();
    });

    it('deletes a relay, and a missing one without complaint', async () => {
      const repo = make();
      const relay = aRelay();
      await repo.create(relay);

      await repo.delete(relay.id);
      await repo.delete(relay.id);

      expect(await repo.get(relay.id)).toBeUndefined();
    });

    it('lets exactly one of concurrent claims win, and appends the move to the history', async () => {
      const repo = make();
      const relay = aRelay();
      await repo.create(relay);

      const claims = await Promise.all(
        Array.from({ length: 8 }, () =>
          repo.transition(relay.id, {
            from: ['pending', 'deferred'],
            to: 'sending',
            at: T0,
            detail: 'claimed',
            set: { leaseUntil: LEASE, attempts: 1 },
          }),
        ),
      );

      const won = claims.filter((c) => c !== undefined);
      expect(won).toHaveLength(1);
      expect(won[0]).toEqual({
        ...relay,
        status: 'sending',
        leaseUntil: LEASE,
        attempts: 1,
        updatedAt: T0,
        history: [...relay.history, { at: T0, status: 'sending', detail: 'claimed' }],
      });
      expect(await repo.get(relay.id)).toEqual(won[0]);
    });

    it('reclaims a sending relay only once its lease has ended, and only once', async () => {
      const repo = make();
      const relay = aRelay({ status: 'sending', leaseUntil: LEASE, attempts: 1 });
      await repo.create(relay);
      const reclaim = (before: string) =>
        repo.transition(relay.id, {
          from: ['pending', 'deferred', 'sending'],
          to: 'sending',
          at: before,
          detail: 'reclaimed',
          set: { leaseUntil: '2026-11-20T10:03:00.000Z', attempts: 2 },
          leaseExpiredBefore: before,
          expectedAttempts: 1,
        });

      expect(await reclaim('2026-11-20T10:00:30.000Z')).toBeUndefined();
      const again = await Promise.all([reclaim('2026-11-20T10:02:00.000Z'), reclaim('2026-11-20T10:02:00.000Z')]);

      expect(again.filter((r) => r !== undefined)).toHaveLength(1);
      expect(await repo.get(relay.id)).toMatchObject({ attempts: 2, leaseUntil: '2026-11-20T10:03:00.000Z' });
    });

    it('claims a pending relay under a lease condition, which only a sending relay must meet', async () => {
      const repo = make();
      const relay = aRelay();
      await repo.create(relay);

      const claimed = await repo.transition(relay.id, {
        from: ['pending', 'sending'],
        to: 'sending',
        at: T0,
        detail: 'claimed',
        set: { leaseUntil: LEASE, attempts: 1 },
        leaseExpiredBefore: T0,
      });

      expect(claimed?.status).toBe('sending');
    });

    it('refuses a move from another status, or about another attempt', async () => {
      const repo = make();
      const relay = aRelay({ status: 'sent', attempts: 2, sesMessageId: 'ses-2' });
      await repo.create(relay);
      const deliver = (attempts: number) =>
        repo.transition(relay.id, {
          from: ['sent'],
          to: 'delivered',
          at: LEASE,
          detail: 'delivered',
          expectedAttempts: attempts,
        });

      expect(
        await repo.transition(relay.id, { from: ['pending'], to: 'sending', at: T0, detail: 'claim' }),
      ).toBeUndefined();
      expect(await deliver(1)).toBeUndefined();
      expect((await deliver(2))?.status).toBe('delivered');
      expect(await repo.transition(randomId('m'), { from: ['pending'], to: 'sending', at: T0, detail: 'x' })).toBe(
        undefined,
      );
      expect((await repo.get(relay.id))?.history.map((h) => h.status)).toEqual(['pending', 'delivered']);
    });

    it('lists open relays once due: pending now, deferred at nextAttemptAt, sending when the lease ends', async () => {
      const repo = make();
      const pending = aRelay({ createdAt: '2026-11-20T09:00:00.000Z' });
      const deferredDue = aRelay();
      const deferredLater = aRelay();
      const sendingExpired = aRelay();
      const sendingLive = aRelay();
      const sent = aRelay({ createdAt: '2026-11-20T09:00:00.000Z' });
      const all = [pending, deferredDue, deferredLater, sendingExpired, sendingLive, sent];
      for (const relay of all) await repo.create(relay);
      const move = (
        relay: Relay,
        to: Relay['status'],
        set: NonNullable<Parameters<RelayRepository['transition']>[1]['set']>,
      ) => repo.transition(relay.id, { from: ['pending'], to, at: '2026-11-20T10:00:00.000Z', detail: to, set });
      await move(deferredDue, 'deferred', { nextAttemptAt: '2026-11-20T10:05:00.000Z' });
      await move(deferredLater, 'deferred', { nextAttemptAt: '2026-11-20T11:00:00.000Z' });
      await move(sendingExpired, 'sending', { leaseUntil: '2026-11-20T10:04:00.000Z' });
      await move(sendingLive, 'sending', { leaseUntil: '2026-11-20T10:30:00.000Z' });
      await move(sent, 'sending', { leaseUntil: '2026-11-20T10:01:00.000Z' });
      await repo.transition(sent.id, {
        from: ['sending'],
        to: 'sent',
        at: T0,
        detail: 'sent',
        set: { sesMessageId: 's' },
      });

      const due = await repo.findDue(new Date('2026-11-20T10:10:00.000Z'), 1000);
      const ids = due.map((r) => r.id).filter((id) => all.some((r) => r.id === id));

      expect(new Set(ids)).toEqual(new Set([pending.id, deferredDue.id, sendingExpired.id]));
      expect(due.find((r) => r.id === deferredDue.id)).toMatchObject({
        status: 'deferred',
        noticeId: deferredDue.noticeId,
      });
      expect((await repo.findDue(new Date('2026-11-20T11:00:00.000Z'), 1000)).map((r) => r.id)).toEqual(
        expect.arrayContaining([deferredLater.id, sendingLive.id]),
      );
    });

    it("lists a thread's relays oldest first, and no other thread's", async () => {
      const repo = make();
      const first = aRelay({ createdAt: '2026-11-20T10:00:00.000Z' });
      const second = aRelay({
        noticeId: first.noticeId,
        candidateId: first.candidateId,
        direction: 'to-candidate',
        createdAt: '2026-11-20T11:00:00.000Z',
      });
      const otherThread = aRelay({ candidateId: first.candidateId, createdAt: '2026-11-20T10:30:00.000Z' });
      await seedNotice(first.noticeId, first.candidateId);
      await seedNotice(otherThread.noticeId, otherThread.candidateId);
      await repo.create(second);
      await repo.create(otherThread);
      await repo.create(first);

      expect(await repo.listByNotice(first.noticeId)).toEqual([first, second]);
      expect(await repo.listByNotice(randomId('n'))).toEqual([]);
    });

    it('appends a note without changing the status', async () => {
      const repo = make();
      const relay = aRelay();
      await repo.create(relay);

      await repo.note(relay.id, { at: LEASE, status: 'pending', detail: 'thread paused' });

      expect(await repo.get(relay.id)).toEqual({
        ...relay,
        history: [...relay.history, { at: LEASE, status: 'pending', detail: 'thread paused' }],
      });
    });

    it('mints one recruiter token per thread: concurrent callers agree on the first written', async () => {
      const repo = make();
      const noticeId = randomId('n');
      const candidateId = randomId('c');

      const tokens = await Promise.all(
        Array.from({ length: 10 }, () => repo.recruiterTokenFor(noticeId, candidateId, aToken(noticeId, candidateId))),
      );

      const winner = tokens[0];
      expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
      expect(winner).toMatchObject({ noticeId, candidateId });
      expect(await repo.byRecruiterToken(winner?.token ?? '')).toMatchObject({
        token: winner?.token,
        noticeId,
        candidateId,
      });
      const later = await repo.recruiterTokenFor(noticeId, candidateId, {
        ...aToken(noticeId, candidateId),
        retainUntil: '2028-01-01T00:00:00.000Z',
      });
      expect(later).toMatchObject({ token: winner?.token, retainUntil: '2028-01-01T00:00:00.000Z' });
      expect(await repo.byRecruiterToken(randomId('t'))).toBeUndefined();
    });

    it('counts at most the cap of distinct relays in an hour, under concurrency, and starts again an hour later', async () => {
      const repo = make();
      const noticeId = randomId('n');
      const candidateId = randomId('c');
      const at = new Date('2026-11-20T10:00:00.000Z');
      const count = (when: Date, relayId = randomId('m')) =>
        repo.countInWindow(noticeId, candidateId, when, 10, relayId);

      const counted = await Promise.all(Array.from({ length: 20 }, () => count(at)));

      expect(counted.filter((c) => c.counted)).toHaveLength(10);
      expect(new Set(counted.map((c) => c.windowStart))).toEqual(new Set([at.toISOString()]));
      expect(await count(new Date('2026-11-20T10:59:59.000Z'))).toEqual({
        counted: false,
        windowStart: at.toISOString(),
      });
      expect((await repo.countInWindow(randomId('n'), candidateId, at, 10, randomId('m'))).counted).toBe(true);
      const nextHour = await Promise.all(Array.from({ length: 12 }, () => count(new Date('2026-11-20T11:00:00.000Z'))));
      expect(nextHour.filter((c) => c.counted)).toHaveLength(10);
      expect(nextHour[0]?.windowStart).toBe('2026-11-20T11:00:00.000Z');
    });

    it('counts a relay once per window: its retry is counted again without spending the cap', async () => {
      const repo = make();
      const noticeId = randomId('n');
      const candidateId = randomId('c');
      const at = new Date(T0);
      const retried = randomId('m');
      const count = (relayId: string) => repo.countInWindow(noticeId, candidateId, at, 3, relayId);

      const twice = await Promise.all([count(retried), count(retried)]);
      expect(twice.map((c) => c.counted)).toEqual([true, true]);
      expect((await count(randomId('m'))).counted).toBe(true);
      expect((await count(randomId('m'))).counted).toBe(true);

      expect((await count(randomId('m'))).counted).toBe(false);
      expect(await count(retried)).toEqual({ counted: true, windowStart: T0 });
    });

    it('refuses every relay with a cap of zero', async () => {
      const repo = make();

      expect((await repo.countInWindow(randomId('n'), randomId('c'), new Date(T0), 0, randomId('m'))).counted).toBe(
        false,
      );
    });
  });
}
