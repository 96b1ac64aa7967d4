import { describe, expect, it } from 'vitest';
import { toDecision } from '#core/domain/decision.ts';
import type { DecisionRepository, StoredDecision } from '#core/ports/decision-repository.ts';
import type { DeliveryLog } from '#core/ports/delivery-log.ts';
import { aDecision } from '#test/support/builders.ts';

let counter = 0;
function aStoredDecision(decidedAt: string): StoredDecision {
  counter += 1;
  return {
    ...toDecision(
      aDecision({ applicationId: `advance-${counter}-${Math.random().toString(36).slice(2, 8)}`, decidedAt }),
    ),
    recordedAt: decidedAt,
    retainUntil: '2027-11-20T10:00:00.000Z',
    noticeId: 'n_x',
  };
}

/** What every DecisionRepository must do with an application's ATS status (rejected, reversed, rejected again). */
export function decisionAdvanceContract(name: string, make: () => DecisionRepository): void {
  describe(`${name}: the ATS status of a decision`, () => {
    it('reverses at the same instant or later, and refuses an older reversal', async () => {
      const repo = make();
      const decision = aStoredDecision('2026-11-20T10:00:00.000Z');
      await repo.recordOnce(decision);

      const older = await repo.advance(decision.key, 'cancelled', '2026-11-20T09:59:59.000Z');
      const same = await repo.advance(decision.key, 'cancelled', '2026-11-20T10:00:00.000Z');

      expect(older).toEqual({ advanced: false, reason: 'stale' });
      expect(same).toEqual({ advanced: true, previous: 'rejected' });
      expect(await repo.get(decision.key)).toMatchObject({
        atsStatus: 'cancelled',
        atsStatusAt: '2026-11-20T10:00:00.000Z',
      });
    });

    it('rejects again only strictly later than what is known, and says what it was before', async () => {
      const repo = make();
      const decision = aStoredDecision('2026-11-20T10:00:00.000Z');
      await repo.recordOnce(decision);
      await repo.advance(decision.key, 'cancelled', '2026-11-20T10:10:00.000Z');

      const replay = await repo.advance(decision.key, 'rejected', '2026-11-20T10:10:00.000Z');
      const again = await repo.advance(decision.key, 'rejected', '2026-11-20T10:20:00.000Z');
      const stillRejected = await repo.advance(decision.key, 'rejected', '2026-11-20T10:30:00.000Z');

      expect(replay).toEqual({ advanced: false, reason: 'stale' });
      expect(again).toEqual({ advanced: true, previous: 'cancelled' });
      expect(stillRejected).toEqual({ advanced: true, previous: 'rejected' });
    });

    it('reports a decision it does not know', async () => {
      expect(await make().advance('d_unknown', 'cancelled', '2026-11-20T10:00:00.000Z')).toEqual({
        advanced: false,
        reason: 'not-found',
      });
    });
  });
}

export function deliveryLogContract(name: string, make: () => DeliveryLog): void {
  describe(`${name}: handled deliveries`, () => {
    it('finds a remembered delivery by source and id, and keeps the first record when two race', async () => {
      const log = make();
      const id = `evt-${Math.random().toString(36).slice(2)}`;
      const first = { source: 'greenhouse', deliveryId: id, receivedAt: '2026-11-20T10:00:00.000Z' };

      await Promise.all([
        log.remember({ ...first, outcome: { status: 'ignored', reason: 'first' } }, new Date('2026-11-27T10:00:00Z')),
        log.remember({ ...first, outcome: { status: 'ignored', reason: 'second' } }, new Date('2026-11-27T10:00:00Z')),
      ]);

      const found = await log.find('greenhouse', id);
      expect(found?.deliveryId).toBe(id);
      expect(['first', 'second']).toContain(found?.outcome.status === 'ignored' ? found.outcome.reason : '');
      expect(await log.find('ashby', id)).toBeUndefined();
      expect(await log.find('greenhouse', `${id}-other`)).toBeUndefined();
    });

    it('claims a delivery once: concurrent claims get in-progress, then the outcome replaces the claim', async () => {
      const log = make();
      const id = `evt-${Math.random().toString(36).slice(2)}`;
      const at = new Date('2026-11-20T10:00:00.000Z');
      const claim = {
        source: 'lever',
        deliveryId: id,
        claimedAt: at,
        staleBefore: new Date('2026-11-20T09:55:00.000Z'),
        expiresAt: new Date('2026-11-27T10:00:00Z'),
      };

      const results = await Promise.all([log.claim(claim), log.claim(claim), log.claim(claim)]);

      expect(results.filter((r) => r.status === 'claimed')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'in-progress')).toHaveLength(2);
      expect(await log.find('lever', id)).toBeUndefined();

      await log.remember(
        {
          source: 'lever',
          deliveryId: id,
          outcome: { status: 'ignored', reason: 'done' },
          receivedAt: at.toISOString(),
        },
        claim.expiresAt,
      );
      const later = {
        ...claim,
        claimedAt: new Date('2026-11-20T11:00:00.000Z'),
        staleBefore: new Date('2026-11-20T10:55:00.000Z'),
      };
      expect(await log.claim(later)).toMatchObject({ status: 'handled', record: { outcome: { reason: 'done' } } });
      expect((await log.find('lever', id))?.outcome).toEqual({ status: 'ignored', reason: 'done' });
    });

    it('lets a stale claim be taken over, and a released one be claimed again, but never a fresh one', async () => {
      const log = make();
      const id = `evt-${Math.random().toString(36).slice(2)}`;
      const base = { source: 'lever', deliveryId: id, expiresAt: new Date('2026-11-27T10:00:00Z') };
      const at = (iso: string, staleMinutes = 5) => ({
        ...base,
        claimedAt: new Date(iso),
        staleBefore: new Date(Date.parse(iso) - staleMinutes * 60_000),
      });

      expect(await log.claim(at('2026-11-20T10:00:00.000Z'))).toEqual({ status: 'claimed' });
      expect(await log.claim(at('2026-11-20T10:04:59.000Z'))).toMatchObject({ status: 'in-progress' });
      expect(await log.claim(at('2026-11-20T10:05:01.000Z'))).toEqual({ status: 'claimed' });
      // The first worker's release must not drop the claim that took over from it.
      await log.release('lever', id, new Date('2026-11-20T10:00:00.000Z'));
      expect(await log.claim(at('2026-11-20T10:05:02.000Z'))).toMatchObject({ status: 'in-progress' });
      await log.release('lever', id, new Date('2026-11-20T10:05:01.000Z'));
      expect(await log.claim(at('2026-11-20T10:05:03.000Z'))).toEqual({ status: 'claimed' });
    });
  });
}
