import { describe, expect, it } from 'vitest';
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
  });
}
