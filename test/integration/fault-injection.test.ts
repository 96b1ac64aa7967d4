import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDbDecisionRepository } from '#adapters/dynamodb/dynamodb-decision-repository.ts';
import { DynamoDbErasureLog } from '#adapters/dynamodb/dynamodb-erasure-log.ts';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { DynamoDbReputationLedger } from '#adapters/dynamodb/dynamodb-reputation-ledger.ts';
import { DynamoDbSendingControl } from '#adapters/dynamodb/dynamodb-sending-control.ts';
import { DynamoDbSuppressionRepository } from '#adapters/dynamodb/dynamodb-suppression-repository.ts';
import { InProcessEventBus } from '#adapters/local/in-process-event-bus.ts';
import { InProcessQueue } from '#adapters/local/in-process-queue.ts';
import { type LocalSesEvent, SimulatedSesEvents } from '#adapters/local/simulated-ses-events.ts';
import { SesMailer } from '#adapters/ses/ses-mailer.ts';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { buildUseCases, selectionRules } from '#composition/use-cases.ts';
import { loadConfig } from '#config/app-config.ts';
import type { NoticeStatus } from '#core/domain/notice.ts';
import { fixedClock } from '#core/ports/clock.ts';
import { silentLog } from '#core/ports/log.ts';
import type { NoticeRepository, NoticeTransition } from '#core/ports/notice-repository.ts';
import { makeTrackHandler } from '#handlers/make-track-handler.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#local/emulators.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { RecordingEvents } from '#test/fakes/recording-events.ts';
import { aDecision } from '#test/support/builders.ts';
import { testTable } from '#test/support/dynamodb-test-table.ts';
import { type ProxyStats, seededRandom, startFailingSesProxy } from '#test/support/failing-ses-proxy.ts';
import { sentEmails } from '#test/support/ses-store.ts';

const NOTICES = 60;
const HOUR = 3_600_000;

let proxy: Awaited<ReturnType<typeof startFailingSesProxy>>;
let table: Awaited<ReturnType<typeof testTable>>;
beforeAll(async () => {
  table = await testTable();
  proxy = await startFailingSesProxy({ target: inject('sesEndpoint'), failureRate: 0.3, random: seededRandom(5) });
});
afterAll(async () => {
  await proxy?.close();
});

/**
 * Kills the send function between SES accepting a message and the `sent` write, for a share of the notices:
 * the write throws as if the process died. Tracking's own writes (event `Send`) are left alone.
 */
function crashingBeforeSentWrite(inner: NoticeRepository, share: number, random: () => number) {
  const crashed = new Set<string>();
  const repo: NoticeRepository = Object.create(inner);
  repo.transition = async (id: string, t: NoticeTransition) => {
    if (t.to === 'sent' && t.event.event === 'sent' && !crashed.has(id) && random() < share) {
      crashed.add(id);
      throw new Error('send function crashed after SES accepted the message');
    }
    return inner.transition(id, t);
  };
  return { repo, crashed };
}

describe('fault injection: a throttling, failing SES and a crash between acceptance and the status write', () => {
  it('ends every notice sent exactly once: none lost, none twice', async () => {
    // Prepare: the real use cases on dynalite, SES behind a proxy failing 30% of sends, crashes after acceptance.
    const clock = fixedClock('2026-11-20T10:00:00Z');
    const config = loadConfig(
      {
        CLOSELOOP_TABLE_NAME: table.tableName,
        CLOSELOOP_SEND_DELAY_MINUTES: '0',
        CLOSELOOP_SEND_DELAYS: '[]',
        CLOSELOOP_SEND_WINDOW: '00:00-24:00',
        CLOSELOOP_SEND_DAYS: 'mon-sun',
        CLOSELOOP_HOLIDAYS: 'none',
        CLOSELOOP_MAX_SEND_ATTEMPTS: '12',
      },
      'local',
    );
    const notices = crashingBeforeSentWrite(
      new DynamoDbNoticeRepository(table.documents, table.tableName),
      0.25,
      seededRandom(7),
    );
    const ses = new SESv2Client({
      endpoint: proxy.url,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 1,
    });
    const sesEvents = new InProcessEventBus<LocalSesEvent>(silentLog);
    const simulatedSes = new SimulatedSesEvents(
      new SesMailer(ses, 'closeloop-test'),
      (e) => sesEvents.deliver(e),
      clock,
      { region: LOCAL_REGION, reportDelayMs: 0 },
    );
    let sendNotice: ((id: string) => Promise<unknown>) | undefined;
    const queue = new InProcessQueue(
      async (id) => {
        await sendNotice?.(id);
      },
      { ratePerSecond: 1000, concurrency: 8, maxReceives: 3, retryDelayMs: 5 },
      silentLog,
    );
    const renderer = new CompiledTemplateRenderer(catalog);
    const useCases = buildUseCases(
      {
        decisions: new DynamoDbDecisionRepository(table.documents, table.tableName),
        erasures: new DynamoDbErasureLog(table.documents, table.tableName),
        notices: notices.repo,
        suppressions: new DynamoDbSuppressionRepository(table.documents, table.tableName),
        control: new DynamoDbSendingControl(table.documents, table.tableName),
        ledger: new DynamoDbReputationLedger(table.documents, table.tableName),
        mailer: simulatedSes,
        events: new RecordingEvents(),
        queue,
        renderer,
        clock,
        log: silentLog,
        random: seededRandom(11),
      },
      config,
      selectionRules(renderer.available()),
    );
    sendNotice = useCases.sendNotice;
    const track = makeTrackHandler({ trackDelivery: useCases.trackDelivery, log: silentLog });
    sesEvents.subscribe('aws.ses', async ({ event }) => {
      await track(event);
    });
    const run = Date.now();
    const addresses = Array.from({ length: NOTICES }, (_, i) => `fault-${run}-${i}@example.com`);
    const results = await useCases.recordDecisions(
      addresses.map((email, i) => aDecision({ applicationId: `fault-${run}-${i}`, candidate: { email } })),
    );
    const ids = results.map((r) => r.noticeId ?? '');

    // Act: the scheduler's minute ticks, compressed: sweep, let the queue and the SES reports settle, move time on.
    const statuses = async () => Promise.all(ids.map(async (id) => (await notices.repo.get(id))?.status));
    let final: (NoticeStatus | undefined)[] = [];
    for (let tick = 0; tick < 40; tick++) {
      await useCases.sweep();
      await queue.drain();
      await simulatedSes.settled();
      await sesEvents.settled();
      final = await statuses();
      if (final.every((s) => s === 'delivered')) break;
      clock.advance(HOUR);
    }
    queue.stop();

    // Assess: the faults happened …
    const stats: ProxyStats = proxy.stats;
    expect(stats.throttled + stats.serverErrors).toBeGreaterThan(NOTICES * 0.15);
    expect(stats.throttled).toBeGreaterThan(0);
    expect(stats.serverErrors).toBeGreaterThan(0);
    expect(notices.crashed.size).toBeGreaterThan(NOTICES * 0.1);
    // … yet every notice is delivered, and the emulator holds exactly one email per candidate.
    expect(final).toEqual(ids.map(() => 'delivered'));
    const emails = (await sentEmails(inject('sesEndpoint'))).filter((e) =>
      e.destination.to.some((to) => addresses.includes(to)),
    );
    const perAddress = new Map<string, number>();
    for (const email of emails)
      for (const to of email.destination.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    expect(addresses.filter((a) => perAddress.get(a) !== 1)).toEqual([]);
    expect(emails).toHaveLength(NOTICES);
    // The deferrals and the reconciled crashes are on the timelines, for recruiters to read: each crashed notice
    // left `sending` through an SES report (its Send or its Delivery, whichever was handled first).
    const history = async (id: string) => (await notices.repo.get(id))?.history ?? [];
    const deferrals = (await Promise.all(ids.map(history))).flat().filter((h) => h.event === 'deferred');
    expect(deferrals).toHaveLength(stats.throttled + stats.serverErrors);
    for (const id of notices.crashed) {
      const entries = await history(id);
      const reconciled = entries.some(
        (entry, i) => ['Send', 'Delivery'].includes(entry.event ?? '') && entries[i - 1]?.status === 'sending',
      );
      expect(reconciled, id).toBe(true);
    }
  });
});
