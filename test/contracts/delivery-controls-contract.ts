import { describe, expect, it } from 'vitest';
import type { ReputationLedger } from '#core/ports/reputation-ledger.ts';
import type { SendingControl } from '#core/ports/sending-control.ts';

/**
 * What the reputation ledger and the sending switch must do, run against the in-memory fakes (unit) and the
 * DynamoDB adapters on dynalite (integration). `make` returns fresh, empty instances: both are singletons in a table.
 */
export function reputationLedgerContract(name: string, make: () => Promise<ReputationLedger>): void {
  describe(`${name} (ReputationLedger contract)`, () => {
    it('totals the signals of the buckets inside the window and none outside it', async () => {
      const ledger = await make();
      await ledger.record('sends', new Date('2026-11-20T09:59:59.000Z'));
      await ledger.record('sends', new Date('2026-11-20T10:00:00.000Z'));
      await ledger.record('sends', new Date('2026-11-20T10:14:59.999Z'));
      await ledger.record('bounces', new Date('2026-11-20T10:20:00.000Z'));
      await ledger.record('complaints', new Date('2026-11-20T11:00:00.000Z'));

      expect(await ledger.totals(new Date('2026-11-20T10:00:00.000Z'), new Date('2026-11-20T10:30:00.000Z'))).toEqual({
        sends: 2,
        bounces: 1,
        complaints: 0,
      });
      expect(await ledger.totals(new Date('2026-11-20T09:45:00.000Z'), new Date('2026-11-20T11:00:00.000Z'))).toEqual({
        sends: 3,
        bounces: 1,
        complaints: 1,
      });
    });

    it('counts concurrent signals without losing any', async () => {
      const ledger = await make();
      const at = new Date('2026-12-01T12:00:00.000Z');

      await Promise.all(Array.from({ length: 25 }, () => ledger.record('sends', at)));

      expect((await ledger.totals(new Date('2026-12-01T12:00:00.000Z'), at)).sends).toBe(25);
    });
  });
}

export function sendingControlContract(name: string, make: () => Promise<SendingControl>): void {
  describe(`${name} (SendingControl contract)`, () => {
    it('is running until paused, keeps the first pause, and resumes once', async () => {
      const control = await make();
      expect(await control.state()).toEqual({ paused: false });

      const first = await control.pause({ reason: 'bounce rate', at: '2026-11-20T10:00:00.000Z', by: 'guard' });
      const second = await control.pause({ reason: 'again', at: '2026-11-20T10:01:00.000Z', by: 'admin:x' });
      expect([first, second]).toEqual([true, false]);
      expect(await control.state()).toEqual({
        paused: true,
        reason: 'bounce rate',
        changedAt: '2026-11-20T10:00:00.000Z',
        changedBy: 'guard',
      });

      const resumed = await control.resume({ reason: 'list cleaned', at: '2026-11-20T12:00:00.000Z', by: 'admin:x' });
      const again = await control.resume({ reason: 'twice', at: '2026-11-20T12:01:00.000Z', by: 'admin:x' });
      expect([resumed, again]).toEqual([true, false]);
      expect(await control.state()).toEqual({
        paused: false,
        reason: 'list cleaned',
        changedAt: '2026-11-20T12:00:00.000Z',
        changedBy: 'admin:x',
        resumedAt: '2026-11-20T12:00:00.000Z',
      });
    });

    it('lets one of two concurrent pauses win', async () => {
      const control = await make();

      const results = await Promise.all([
        control.pause({ reason: 'a', at: '2026-11-20T10:00:00.000Z', by: 'a' }),
        control.pause({ reason: 'b', at: '2026-11-20T10:00:00.000Z', by: 'b' }),
      ]);

      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
