import { describe, expect, it } from 'vitest';
import type { Notice } from '#core/domain/notice.ts';
import type { NoticeRepository } from '#core/ports/notice-repository.ts';

let counter = 0;

export function aNotice(overrides: Partial<Notice> = {}): Notice {
  counter += 1;
  return {
    id: `n_contract${String(counter).padStart(4, '0')}${Math.random().toString(36).slice(2, 8)}`,
    decisionKey: `d_${counter}`,
    candidateId: 'c_contract',
    emailDigest: 'digest',
    source: 'manual',
    applicationId: `app-${counter}`,
    job: { id: 'job-1', title: 'Analytical Engineer' },
    candidate: { name: 'Ada Lovelace', email: 'ada@example.com' },
    feedbackOffered: false,
    reason: 'position-filled',
    stage: 'interview',
    templateId: 'general-rejection',
    locale: 'en',
    status: 'scheduled',
    sendAt: '2026-11-20T11:00:00.000Z',
    attempts: 0,
    replyToken: 'token',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    retainUntil: '2027-11-20T10:00:00.000Z',
    history: [{ status: 'scheduled', at: '2026-11-20T10:00:00.000Z' }],
    ...overrides,
  };
}

/**
 * What every NoticeRepository must do, run against the in-memory fake (unit) and DynamoDB on dynalite
 * (integration), so the fake cannot drift from the real thing.
 */
export function noticeRepositoryContract(name: string, make: () => NoticeRepository | Promise<NoticeRepository>): void {
  describe(`${name} (NoticeRepository contract)`, () => {
    it('creates a notice once and returns the existing one on a second create', async () => {
      const repo = await make();
      const notice = aNotice();

      expect(await repo.create(notice)).toEqual({ created: true });
      const again = await repo.create({ ...notice, templateId: 'other' });

      expect(again.created).toBe(false);
      expect(again.created === false && again.existing.templateId).toBe('general-rejection');
      expect(await repo.get(notice.id)).toEqual(notice);
    });

    it('returns undefined for an unknown id', async () => {
      const repo = await make();
      expect(await repo.get('n_unknown')).toBeUndefined();
    });

    it('finds due notices oldest first, and none that are not yet due', async () => {
      const repo = await make();
      const later = aNotice({ sendAt: '2031-01-01T00:00:03.000Z' });
      const first = aNotice({ sendAt: '2031-01-01T00:00:01.000Z' });
      const second = aNotice({ sendAt: '2031-01-01T00:00:02.000Z' });
      for (const n of [later, second, first]) await repo.create(n);

      const due = await repo.findDue(new Date('2031-01-01T00:00:02.500Z'), 1000);
      const ours = due.filter((d) => [first.id, second.id, later.id].includes(d.id));

      expect(ours.map((d) => d.id)).toEqual([first.id, second.id]);
      expect(ours[0]?.dueAt).toBe(first.sendAt);
    });

    it('leases a due notice to one caller only', async () => {
      const repo = await make();
      const notice = aNotice({ sendAt: '2032-01-01T00:00:00.000Z' });
      await repo.create(notice);
      const until = new Date('2032-01-01T00:15:00.000Z');

      const results = await Promise.all([
        repo.leaseDue(notice.id, notice.sendAt, until),
        repo.leaseDue(notice.id, notice.sendAt, until),
      ]);

      expect(results.filter(Boolean)).toHaveLength(1);
      const due = await repo.findDue(new Date('2032-01-01T00:10:00.000Z'), 1000);
      expect(due.some((d) => d.id === notice.id)).toBe(false);
    });

    it('transitions only from an expected status, appending history and patching fields', async () => {
      const repo = await make();
      const notice = aNotice();
      await repo.create(notice);

      const moved = await repo.transition(notice.id, {
        from: ['scheduled'],
        to: 'sending',
        event: { at: '2026-11-20T11:00:00.000Z', event: 'send-attempt' },
        incrementAttempts: true,
        dueAt: '2026-11-20T11:15:00.000Z',
        patch: { leaseUntil: '2026-11-20T11:15:00.000Z' },
      });
      const refused = await repo.transition(notice.id, {
        from: ['scheduled'],
        to: 'sending',
        event: { at: '2026-11-20T11:00:01.000Z' },
      });

      expect(moved).toMatchObject({ status: 'sending', attempts: 1, leaseUntil: '2026-11-20T11:15:00.000Z' });
      expect(moved?.history.map((h) => h.status)).toEqual(['scheduled', 'sending']);
      expect(refused).toBeUndefined();
    });

    it('removes patched fields set to null and leaves the due index when dueAt is null', async () => {
      const repo = await make();
      const notice = aNotice({ sendAt: '2033-01-01T00:00:00.000Z', leaseUntil: '2033-01-01T00:00:00.000Z' });
      await repo.create(notice);

      const sent = await repo.transition(notice.id, {
        from: ['scheduled'],
        to: 'sent',
        event: { at: '2033-01-01T00:00:01.000Z' },
        dueAt: null,
        patch: { sesMessageId: 'm-1', leaseUntil: null },
      });

      expect(sent?.sesMessageId).toBe('m-1');
      expect(sent).not.toHaveProperty('leaseUntil');
      const due = await repo.findDue(new Date('2034-01-01T00:00:00.000Z'), 1000);
      expect(due.some((d) => d.id === notice.id)).toBe(false);
    });

    it('reclaims a sending notice only once its lease has expired', async () => {
      const repo = await make();
      const notice = aNotice({ status: 'sending', leaseUntil: '2026-11-20T11:15:00.000Z' });
      await repo.create(notice);
      const reclaim = (at: string) =>
        repo.transition(notice.id, { from: ['sending'], to: 'sending', event: { at }, leaseExpiredBefore: at });

      expect(await reclaim('2026-11-20T11:10:00.000Z')).toBeUndefined();
      expect(await reclaim('2026-11-20T11:16:00.000Z')).toMatchObject({ status: 'sending' });
    });

    it('changes the recipient address when a resend corrects it', async () => {
      const repo = await make();
      const notice = aNotice({ status: 'bounced' });
      await repo.create(notice);

      const moved = await repo.transition(notice.id, {
        from: ['bounced'],
        to: 'scheduled',
        event: { at: '2026-11-21T00:00:00.000Z', event: 'resend' },
        patch: { candidateEmail: 'ada@example.org', emailDigest: 'new-digest' },
      });

      expect(moved?.candidate).toEqual({ name: 'Ada Lovelace', email: 'ada@example.org' });
      expect(moved?.emailDigest).toBe('new-digest');
    });

    it('applies a transition carrying a once-key only the first time, and keeps the key out of the notice', async () => {
      const repo = await make();
      const notice = aNotice({ status: 'sent' });
      await repo.create(notice);
      const deliver = (at: string) =>
        repo.transition(notice.id, {
          from: ['sent', 'delivered'],
          to: 'delivered',
          event: { at, event: 'Delivery' },
          onceKey: 'm-1:delivery:2026-11-20T11:00:05.000Z',
        });

      const first = await deliver('2026-11-20T11:00:06.000Z');
      const again = await deliver('2026-11-20T11:00:07.000Z');

      expect(first?.status).toBe('delivered');
      expect(again).toBeUndefined();
      const read = await repo.get(notice.id);
      expect(read?.history.map((h) => h.event)).toEqual([undefined, 'Delivery']);
      expect(read).not.toHaveProperty('trackedEvents');
    });

    it('refuses a transition conditional on an attempt count the notice has moved past', async () => {
      const repo = await make();
      const notice = aNotice({ status: 'deferred', attempts: 2 });
      await repo.create(notice);
      const toSent = (attempts: number) =>
        repo.transition(notice.id, {
          from: ['deferred'],
          to: 'sent',
          event: { at: '2026-11-20T11:00:00.000Z' },
          attemptsEquals: attempts,
        });

      expect(await toSent(1)).toBeUndefined();
      expect(await toSent(2)).toMatchObject({ status: 'sent', attempts: 2 });
    });

    it('records a cancel request and honours a transition conditional on it being there or not', async () => {
      const repo = await make();
      const notice = aNotice({ status: 'sending', attempts: 1, leaseUntil: '2026-11-20T11:05:00.000Z' });
      await repo.create(notice);
      const move = (to: 'deferred' | 'cancelled', cancelRequested: boolean) =>
        repo.transition(notice.id, {
          from: ['sending'],
          to,
          event: { at: '2026-11-20T11:01:00.000Z' },
          cancelRequested,
        });

      const requested = await repo.transition(notice.id, {
        from: ['sending'],
        to: 'sending',
        event: { at: '2026-11-20T11:00:30.000Z', event: 'cancel-requested' },
        cancelRequested: false,
        patch: { cancelRequestedAt: '2026-11-20T11:00:30.000Z' },
      });
      expect(requested).toMatchObject({ status: 'sending', cancelRequestedAt: '2026-11-20T11:00:30.000Z' });

      expect(await move('deferred', false)).toBeUndefined();
      expect(await move('cancelled', true)).toMatchObject({ status: 'cancelled' });

      const cleared = await repo.transition(notice.id, {
        from: ['cancelled'],
        to: 'scheduled',
        event: { at: '2026-11-20T12:00:00.000Z', event: 'resend' },
        patch: { cancelRequestedAt: null },
      });
      expect(cleared).not.toHaveProperty('cancelRequestedAt');
      expect(
        await repo.transition(notice.id, {
          from: ['scheduled'],
          to: 'cancelled',
          event: { at: '2026-11-20T12:00:01.000Z' },
          cancelRequested: true,
        }),
      ).toBeUndefined();
    });

    it('removes a field patched to null and records the attempt base, back in the due index', async () => {
      const repo = await make();
      const notice = aNotice({ status: 'delivered', attempts: 3, sesMessageId: 'm-3' });
      await repo.create(notice);

      const moved = await repo.transition(notice.id, {
        from: ['delivered'],
        to: 'scheduled',
        event: { at: '2026-11-21T00:00:00.000Z', event: 'resend' },
        dueAt: '2026-11-21T09:00:00.000Z',
        patch: { sesMessageId: null, attemptBase: 3, sendAt: '2026-11-21T09:00:00.000Z' },
      });

      expect(moved).not.toHaveProperty('sesMessageId');
      expect(moved).toMatchObject({ attemptBase: 3, sendAt: '2026-11-21T09:00:00.000Z', attempts: 3 });
      const due = await repo.findDue(new Date('2026-11-21T09:00:00.000Z'), 1000);
      expect(due).toContainEqual({ id: notice.id, dueAt: '2026-11-21T09:00:00.000Z' });
    });

    it('appends an event without changing the status', async () => {
      const repo = await make();
      const notice = aNotice({ status: 'delivered' });
      await repo.create(notice);

      await repo.appendEvent(notice.id, { status: 'delivered', at: '2026-11-21T00:00:00.000Z', event: 'Open' });

      const read = await repo.get(notice.id);
      expect(read?.status).toBe('delivered');
      expect(read?.history.at(-1)).toEqual({ status: 'delivered', at: '2026-11-21T00:00:00.000Z', event: 'Open' });
    });
    it('records when it was first delivered, and keeps the first human reply only', async () => {
      const repo = await make();
      const notice = aNotice({ status: 'sent' });
      await repo.create(notice);
      const first = {
        replyId: 'r_1',
        at: '2026-11-22T00:00:00.000Z',
        sentiment: 'positive' as const,
        score: 0.7,
        hostile: false,
      };

      await repo.transition(notice.id, { from: ['sent'], to: 'delivered', event: { at: '2026-11-21T00:00:00.000Z' } });
      await repo.transition(notice.id, {
        from: ['delivered'],
        to: 'delivered',
        event: { at: '2026-11-23T00:00:00.000Z' },
      });
      await repo.noteFirstReply(notice.id, first);
      await repo.noteFirstReply(notice.id, { ...first, replyId: 'r_2', sentiment: 'negative', score: -0.9 });
      await repo.noteFirstReply('n_gone', first);

      const read = await repo.get(notice.id);
      expect(read?.deliveredAt).toBe('2026-11-21T00:00:00.000Z');
      expect(read?.firstReply).toEqual(first);
    });

    it('changes the owner with its timeline entry, only while the notice is as the caller read it', async () => {
      const repo = await make();
      const notice = aNotice({ status: 'sent', recruiter: { name: 'Rachel Green' } });
      await repo.create(notice);
      const event = (at: string) => ({ status: 'sent' as const, at, event: 'owner-changed', detail: 'changed' });
      const monica = { name: 'Monica Geller', email: 'monica@acme.example' };
      const ross = { name: 'Ross Geller', title: 'Recruiter', email: 'ross@acme.example' };

      const first = await repo.changeOwner(notice.id, {
        owner: monica,
        expectedStatus: 'sent',
        expectedChangedAt: undefined,
        event: event('2026-11-21T00:00:00.000Z'),
      });
      const stale = await repo.changeOwner(notice.id, {
        owner: ross,
        expectedStatus: 'sent',
        expectedChangedAt: undefined,
        event: event('2026-11-21T00:00:01.000Z'),
      });
      const wrongStatus = await repo.changeOwner(notice.id, {
        owner: ross,
        expectedStatus: 'delivered',
        expectedChangedAt: '2026-11-21T00:00:00.000Z',
        event: event('2026-11-21T00:00:02.000Z'),
      });
      const second = await repo.changeOwner(notice.id, {
        owner: ross,
        expectedStatus: 'sent',
        expectedChangedAt: '2026-11-21T00:00:00.000Z',
        event: event('2026-11-21T00:00:03.000Z'),
      });
      const gone = await repo.changeOwner('n_gone', {
        owner: ross,
        expectedStatus: 'sent',
        expectedChangedAt: undefined,
        event: event('2026-11-21T00:00:04.000Z'),
      });

      expect(first?.recruiter).toEqual(monica);
      expect(stale).toBeUndefined();
      expect(wrongStatus).toBeUndefined();
      expect(gone).toBeUndefined();
      const read = await repo.get(notice.id);
      expect(second).toEqual(read);
      expect(read?.recruiter).toEqual(ross);
      expect(read?.ownerChangedAt).toBe('2026-11-21T00:00:03.000Z');
      expect(read?.updatedAt).toBe('2026-11-21T00:00:03.000Z');
      expect(read?.status).toBe('sent');
      expect(read?.history.slice(1).map((e) => e.at)).toEqual(['2026-11-21T00:00:00.000Z', '2026-11-21T00:00:03.000Z']);
    });
  });
}
