import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbDecisionRepository } from '#adapters/dynamodb/dynamodb-decision-repository.ts';
import { DynamoDbErasureLog } from '#adapters/dynamodb/dynamodb-erasure-log.ts';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { DynamoDbReputationLedger } from '#adapters/dynamodb/dynamodb-reputation-ledger.ts';
import { DynamoDbSendingControl } from '#adapters/dynamodb/dynamodb-sending-control.ts';
import { DynamoDbSuppressionRepository } from '#adapters/dynamodb/dynamodb-suppression-repository.ts';
import { BufferedReputationLedger } from '#adapters/ledger/buffered-reputation-ledger.ts';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { buildUseCases, selectionRules } from '#composition/use-cases.ts';
import { loadConfig } from '#config/app-config.ts';
import { fixedClock } from '#core/ports/clock.ts';
import { silentLog } from '#core/ports/log.ts';
import type { OutgoingEmail } from '#core/ports/mailer.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { RecordingEvents } from '#test/fakes/recording-events.ts';
import { RecordingMailer } from '#test/fakes/recording-mailer.ts';
import { RecordingQueue } from '#test/fakes/recording-queue.ts';
import { aDecision } from '#test/support/builders.ts';
import { aReport } from '#test/support/delivery-reports.ts';
import { testTable } from '#test/support/dynamodb-test-table.ts';
import { meteredDocuments, totalWriteUnits } from '#test/support/metered-documents.ts';

let table: Awaited<ReturnType<typeof testTable>>;
beforeAll(async () => {
  table = await testTable();
});

/** One SQS batch's worth: the send worker writes its send counts once per batch (infra/constructs/send-rate.ts). */
const NOTICES = 10;

/**
 * What one notice costs in DynamoDB from decision to delivery, on the real adapters and use cases over dynalite,
 * metered by `meteredDocuments` (the write-unit formula is written out there). The path is the common one in
 * AWS: a decision, the sweep, one send, SES's Send report (after the `sent` write, as SES publishes it seconds
 * later) and its Delivery report. The send worker's state read is cached as in AWS (5 s).
 */
describe('DynamoDB cost per notice', () => {
  it('stays within 23.1 write units and 11 calls per notice, claiming without a read first', async () => {
    const metered = meteredDocuments(table.documents, table.tableName);
    const documents = metered.client;
    const clock = fixedClock('2026-11-20T10:00:00Z');
    const queue = new RecordingQueue();
    const renderer = new CompiledTemplateRenderer(catalog);
    const config = loadConfig(
      {
        CLOSELOOP_TABLE_NAME: table.tableName,
        CLOSELOOP_SEND_DELAY_MINUTES: '60',
        CLOSELOOP_SEND_DELAYS: '[]',
        CLOSELOOP_HOLIDAYS: 'none',
      },
      'local',
    );
    const ledger = new DynamoDbReputationLedger(documents, table.tableName);
    const sendLedger = new BufferedReputationLedger(ledger);
    const notices = new DynamoDbNoticeRepository(documents, table.tableName);
    const w = buildUseCases(
      {
        decisions: new DynamoDbDecisionRepository(documents, table.tableName),
        erasures: new DynamoDbErasureLog(documents, table.tableName),
        notices,
        suppressions: new DynamoDbSuppressionRepository(documents, table.tableName),
        control: new DynamoDbSendingControl(documents, table.tableName, { cacheMs: 5_000 }),
        ledger,
        sendLedger,
        mailer: new SesLikeMailer(),
        events: new RecordingEvents(),
        queue,
        renderer,
        clock,
        log: silentLog,
        random: Math.random,
      },
      config,
      selectionRules(renderer.available()),
    );
    const unmetered = new DynamoDbNoticeRepository(table.documents, table.tableName);

    for (let i = 0; i < NOTICES; i++) {
      await w.recordDecisions([
        aDecision({ applicationId: `cost-${i}`, candidate: { email: `cost-${i}@example.com` } }),
      ]);
    }
    clock.advance(3_600_000);
    await w.sweep();
    const ids = queue.take();
    expect(ids).toHaveLength(NOTICES);
    // The send function picks the batch up seconds after the sweep, as SQS delivers it: a claim made at the
    // sweep's own instant would hide any index write that depends on the time (a lease moved to a new due time).
    clock.advance(3_000);

    const callsBeforeSending = { ...metered.meter.calls };
    for (const id of ids) expect(await w.sendNotice(id)).toBe('sent');
    await sendLedger.flush();
    const sendCalls = diff(metered.meter.calls, callsBeforeSending);
    // The claim is one conditional write with no read of the notice before it: the Gets are the suppression
    // checks, one per notice, and at most one sending-state read (cached, and often already read by the sweep).
    // Every first claim succeeded here, so the store's fallback read on a refusal never ran.
    expect(sendCalls.Get).toBeGreaterThanOrEqual(NOTICES);
    expect(sendCalls.Get).toBeLessThanOrEqual(NOTICES + 1);
    expect(sendCalls.Update).toBe(2 * NOTICES + 1);

    for (const id of ids) {
      const sent = await unmetered.get(id);
      if (sent === undefined) throw new Error(`notice ${id} is gone`);
      expect(await w.trackDelivery(aReport(sent, 'send'))).toBe('ignored');
      expect(await w.trackDelivery(aReport(sent, 'delivery'))).toBe('recorded');
      expect((await unmetered.get(id))?.status).toBe('delivered');
    }

    const writeUnits = totalWriteUnits(metered.meter) / NOTICES;
    const calls = Object.values(metered.meter.calls).reduce((a, b) => a + b, 0) / NOTICES;
    console.info(
      JSON.stringify({
        perNotice: { writeUnits, calls, tableWriteUnits: metered.meter.tableWriteUnits / NOTICES },
        indexWriteUnitsPerNotice: Object.fromEntries(
          Object.entries(metered.meter.indexWriteUnits).map(([index, units]) => [index, units / NOTICES]),
        ),
        callsPerNotice: Object.fromEntries(
          Object.entries(metered.meter.calls).map(([command, count]) => [command, count / NOTICES]),
        ),
        firstNoticeWrites: metered.meter.writes.filter((write) => write.pk === `NOTICE#${ids[0]}`),
      }),
    );
    // The notice item stays under 1 KB (1 unit) on all five writes (notice-item.ts); the `delivered` write is 998
    // bytes, with the listing keys (`statusKey`, `ownerKey`, issue 15) and the report's once-key stored as a
    // 16-character digest (it was 1,053 bytes, 2 units, with the key itself). With the listing indexes' 4
    // (`byStatus` 1 + 2 as the notice settles, `byOwner` 1): 23.1 in all (docs/operations.md). The target was 20
    // (issue 18); the listing indexes cost 4 of it, and this ceiling is the figure they leave. It catches any
    // byte, write or index copy added.
    const noticeWrites = metered.meter.writes.filter((write) => write.pk === `NOTICE#${ids[0]}`);
    expect(noticeWrites.map((write) => `${write.command} ${write.table}`)).toEqual([
      'Put 1',
      'Update 1',
      'Update 1',
      'Update 1',
      'Update 1',
    ]);
    // The listing indexes move a notice once on its common path (scheduled → delivered), not at every status.
    expect(metered.meter.indexWriteUnits.byStatus).toBe(3 * NOTICES);
    expect(metered.meter.indexWriteUnits.byOwner).toBe(NOTICES);
    expect(writeUnits).toBeLessThanOrEqual(23.1);
    // 11, not 10, since recording asks whether erasure removed the application or the address (two reads);
    // one BatchGetItem would bring it back to 10.
    expect(calls).toBeLessThanOrEqual(11);
  });
});

/** SES's message ids are 60 characters (`<16 hex>-<uuid>-000000`); the recording mailer's `msg-1` would flatter the item size. */
class SesLikeMailer extends RecordingMailer {
  override async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const { messageId } = await super.send(email);
    const digest = createHash('sha256').update(messageId).digest('hex');
    return {
      messageId: `0100019${digest.slice(0, 9)}-${digest.slice(9, 17)}-${digest.slice(17, 21)}-${digest.slice(21, 25)}-${digest.slice(25, 29)}-${digest.slice(29, 41)}-000000`,
    };
  }
}

function diff(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([name, count]) => [name, count - (before[name] ?? 0)]));
}
