import { describe, expect, it } from 'vitest';
import { isUnanswered } from '#core/domain/candidate-flag.ts';
import { ValidationError } from '#core/domain/errors.ts';
import type { FlagRepository, RaiseFlag } from '#core/ports/flag-repository.ts';

let counter = 0;
const candidate = () => `c_${String(++counter).padStart(24, '0')}`;
const raise = (over: Partial<RaiseFlag> & Pick<RaiseFlag, 'candidateId'>): RaiseFlag => ({
  flag: 'bridge-burned',
  reason: 'Hostile reply (insult)',
  evidence: [{ sentence: 'You are a dick.', categories: ['insult'], score: 0.9 }],
  replyId: 'r_1',
  noticeId: 'n_1',
  at: '2026-11-20T10:00:00.000Z',
  retainUntil: '2027-11-20T10:00:00.000Z',
  ...over,
});

/** What every FlagRepository must do: the in-memory fake and the DynamoDB adapter both run this. */
export function flagRepositoryContract(name: string, make: () => FlagRepository): void {
  describe(`${name}: the flag repository contract`, () => {
    it('raises a flag once per reply: a retry changes nothing, another reply raises it again', async () => {
      const repo = make();
      const candidateId = candidate();

      const first = await repo.raise(raise({ candidateId }));
      const retry = await repo.raise(raise({ candidateId }));
      const another = await repo.raise(
        raise({ candidateId, replyId: 'r_2', at: '2026-11-21T10:00:00.000Z', reason: 'Hostile reply (threat)' }),
      );

      expect([first, retry, another]).toEqual(['raised', 'unchanged', 'raised-again']);
      const flag = await repo.get(candidateId, 'bridge-burned');
      expect(flag).toMatchObject({
        candidateId,
        flag: 'bridge-burned',
        status: 'raised',
        raisedAt: '2026-11-20T10:00:00.000Z',
        updatedAt: '2026-11-21T10:00:00.000Z',
        reason: 'Hostile reply (threat)',
        replyIds: ['r_1', 'r_2'],
        noticeId: 'n_1',
      });
      expect(flag?.history.map((h) => [h.action, h.by, h.replyId])).toEqual([
        ['raised', 'closeloop', 'r_1'],
        ['raised-again', 'closeloop', 'r_2'],
      ]);
    });

    it('caps the history at the first 5 and the last 45 events, counting the rest (issue 17)', async () => {
      const repo = make();
      const candidateId = candidate();
      const at = (i: number) => new Date(Date.UTC(2026, 10, 20, 10, 0, i)).toISOString();

      for (let i = 0; i < 120; i++) await repo.raise(raise({ candidateId, replyId: `r_${i}`, at: at(i) }));
      const answered = await repo.markAnswered(candidateId, 'bridge-burned', { at: at(200), by: 'sub-r' });

      const flag = await repo.get(candidateId, 'bridge-burned');
      expect(flag?.history).toHaveLength(50);
      expect(flag?.historyOmitted).toBe(71);
      expect(answered?.historyOmitted).toBe(71);
      expect(flag?.history.slice(0, 5).map((h) => h.replyId)).toEqual(['r_0', 'r_1', 'r_2', 'r_3', 'r_4']);
      expect(flag?.history.slice(5, 7).map((h) => h.replyId)).toEqual(['r_76', 'r_77']);
      expect(flag?.history.at(-2)?.replyId).toBe('r_119');
      expect(flag?.history.at(-1)).toMatchObject({ action: 'answered', by: 'sub-r' });
      expect(flag?.replyIds).toHaveLength(50);
    });

    it('reviews only from the expected status, appending who, when and why', async () => {
      const repo = make();
      const candidateId = candidate();
      await repo.raise(raise({ candidateId }));
      const entry = { action: 'dismissed' as const, at: '2026-11-22T00:00:00.000Z', by: 'sub-1', reason: 'A joke.' };

      const stale = await repo.review(candidateId, 'bridge-burned', { from: 'confirmed', to: 'dismissed', entry });
      const dismissed = await repo.review(candidateId, 'bridge-burned', { from: 'raised', to: 'dismissed', entry });
      const missing = await repo.review(candidateId, 'warm', { from: 'raised', to: 'dismissed', entry });

      expect(stale).toBeUndefined();
      expect(missing).toBeUndefined();
      expect(dismissed?.status).toBe('dismissed');
      expect(dismissed?.history.at(-1)).toEqual(entry);
      expect(await repo.get(candidateId, 'bridge-burned')).toEqual(dismissed);
    });

    it('brings a dismissed flag back to raised when a new reply raises it', async () => {
      const repo = make();
      const candidateId = candidate();
      await repo.raise(raise({ candidateId }));
      await repo.review(candidateId, 'bridge-burned', {
        from: 'raised',
        to: 'dismissed',
        entry: { action: 'dismissed', at: '2026-11-22T00:00:00.000Z', by: 'sub-1', reason: 'A joke.' },
      });

      await repo.raise(raise({ candidateId, replyId: 'r_9', at: '2026-11-23T00:00:00.000Z' }));

      expect((await repo.get(candidateId, 'bridge-burned'))?.status).toBe('raised');
    });
    it('lists one flag newest raise first, a page at a time, filtered by job and raise time, and counts it', async () => {
      const repo = make();
      // A job of this test's own: the list is shared with every other flag in the store.
      const jobId = `job-${candidate()}`;
      const job = { id: jobId, title: 'Data Engineer' };
      const [a, b, c, other] = [candidate(), candidate(), candidate(), candidate()];
      await repo.raise(raise({ candidateId: a, job, candidateName: 'A', at: '2026-11-01T10:00:00.000Z' }));
      await repo.raise(raise({ candidateId: b, job, candidateName: 'B', at: '2026-11-02T10:00:00.000Z' }));
      await repo.raise(raise({ candidateId: c, job, candidateName: 'C', at: '2026-11-03T10:00:00.000Z' }));
      await repo.raise(
        raise({ candidateId: other, job: { id: 'elsewhere', title: 'X' }, at: '2026-11-04T10:00:00.000Z' }),
      );

      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await repo.list({ flag: 'bridge-burned', jobId, limit: 2, ...(cursor ? { cursor } : {}) });
        pages.push(page.items.map((f) => f.candidateName ?? '?'));
        cursor = page.cursor;
      } while (cursor !== undefined && pages.length < 10);

      expect(pages.flat()).toEqual(['C', 'B', 'A']);
      expect(pages[0]).toEqual(['C', 'B']);
      expect((await repo.list({ flag: 'bridge-burned', jobId, limit: 5 })).items[0]).toMatchObject({
        candidateId: c,
        job,
        candidateName: 'C',
      });
      const window = { jobId, from: '2026-11-02T00:00:00.000Z', to: '2026-11-02T23:59:59.999Z' };
      expect((await repo.list({ flag: 'bridge-burned', ...window, limit: 5 })).items.map((f) => f.candidateId)).toEqual(
        [b],
      );
      expect(await repo.count('bridge-burned', { jobId })).toBe(3);
      expect(await repo.count('bridge-burned', window)).toBe(1);
      expect(await repo.count('warm', { jobId })).toBe(0);
      // `job` takes the id or words of the title; the other job's title (`X`) is not among them.
      expect(await repo.count('bridge-burned', { job: jobId })).toBe(3);
      const byTitle = await repo.list({ flag: 'bridge-burned', job: 'Data Engineer', from: window.from, limit: 5 });
      expect(byTitle.items.map((f) => f.candidateId).filter((id) => [a, b, c, other].includes(id))).toEqual([c, b]);
      expect(await repo.count('bridge-burned', { job: 'Data Eng', jobId })).toBe(3);
    });

    it('keeps a confirmed flag listed, drops a dismissed one, and refuses a forged cursor', async () => {
      const repo = make();
      const jobId = `job-${candidate()}`;
      const [kept, dropped] = [candidate(), candidate()];
      await repo.raise(raise({ candidateId: kept, job: { id: jobId, title: 'T' } }));
      await repo.raise(raise({ candidateId: dropped, job: { id: jobId, title: 'T' } }));
      const entry = { at: '2026-11-22T00:00:00.000Z', by: 'sub-1', reason: 'Checked.' };

      await repo.review(kept, 'bridge-burned', {
        from: 'raised',
        to: 'confirmed',
        entry: { ...entry, action: 'confirmed' },
      });
      await repo.review(dropped, 'bridge-burned', {
        from: 'raised',
        to: 'dismissed',
        entry: { ...entry, action: 'dismissed' },
      });

      const listed = await repo.list({ flag: 'bridge-burned', jobId, limit: 10 });
      expect(listed.items.map((f) => [f.candidateId, f.status])).toEqual([[kept, 'confirmed']]);
      await expect(repo.list({ flag: 'bridge-burned', limit: 10, cursor: 'bm9wZQ' })).rejects.toBeInstanceOf(
        ValidationError,
      );
    });

    it('marks a feedback request answered once per follow-up, keeps its status, and opens it again on a new raise', async () => {
      const repo = make();
      const candidateId = candidate();
      await repo.raise(raise({ candidateId, flag: 'feedback-requested', reason: 'Asks for feedback', evidence: [] }));
      const answer = { at: '2026-11-21T09:00:00.000Z', by: 'sub-1', relayId: 'm_1' };

      const first = await repo.markAnswered(candidateId, 'feedback-requested', answer);
      const again = await repo.markAnswered(candidateId, 'feedback-requested', {
        ...answer,
        at: '2026-11-21T09:05:00.000Z',
      });
      const none = await repo.markAnswered(candidateId, 'warm', answer);

      expect(first).toMatchObject({ status: 'raised', answeredAt: '2026-11-21T09:00:00.000Z' });
      expect(first && isUnanswered(first)).toBe(false);
      expect(again?.history.filter((h) => h.action === 'answered')).toEqual([
        {
          action: 'answered',
          at: '2026-11-21T09:00:00.000Z',
          by: 'sub-1',
          reason: 'answered by a follow-up',
          relayId: 'm_1',
        },
      ]);
      expect(none).toBeUndefined();
      await repo.raise(
        raise({
          candidateId,
          flag: 'feedback-requested',
          replyId: 'r_2',
          at: '2026-11-22T10:00:00.000Z',
          evidence: [],
        }),
      );
      const reopened = await repo.get(candidateId, 'feedback-requested');
      expect(reopened && isUnanswered(reopened)).toBe(true);
    });
  });
}
