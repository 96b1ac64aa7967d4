import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCandidateRecords } from '#adapters/dynamodb/dynamodb-candidate-records.ts';
import { DynamoDbDecisionRepository } from '#adapters/dynamodb/dynamodb-decision-repository.ts';
import { DynamoDbErasureLog } from '#adapters/dynamodb/dynamodb-erasure-log.ts';
import { DynamoDbFlagRepository } from '#adapters/dynamodb/dynamodb-flag-repository.ts';
import { DynamoDbLoopRecordSource, monthsBetween } from '#adapters/dynamodb/dynamodb-loop-record-source.ts';
import { DynamoDbNoticeLookup } from '#adapters/dynamodb/dynamodb-notice-lookup.ts';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { DynamoDbRelayRepository } from '#adapters/dynamodb/dynamodb-relay-repository.ts';
import { DynamoDbReplyRepository } from '#adapters/dynamodb/dynamodb-reply-repository.ts';
import { DynamoDbReputationLedger } from '#adapters/dynamodb/dynamodb-reputation-ledger.ts';
import { DynamoDbSendingControl } from '#adapters/dynamodb/dynamodb-sending-control.ts';
import { DynamoDbSuppressionRepository } from '#adapters/dynamodb/dynamodb-suppression-repository.ts';
import { InProcessRawMailStore } from '#adapters/local/in-process-raw-mail-store.ts';
import { MailparserInboundParser } from '#adapters/mime/mailparser-inbound-parser.ts';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import {
  buildUseCases,
  loopStatsFrom,
  processInboundMailFrom,
  recruiterUseCasesFrom,
  selectionRules,
} from '#composition/use-cases.ts';
import { loadConfig } from '#config/app-config.ts';
import { applicationKeyOf } from '#core/domain/decision.ts';
import { relayIdFor } from '#core/domain/relay.ts';
import { fixedClock } from '#core/ports/clock.ts';
import { silentLog } from '#core/ports/log.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { aRelay } from '#test/contracts/relay-repository-contract.ts';
import { FakeReplyClassifier } from '#test/fakes/fake-reply-classifier.ts';
import { RecordingEvents } from '#test/fakes/recording-events.ts';
import { RecordingMailer } from '#test/fakes/recording-mailer.ts';
import { RecordingNotifier } from '#test/fakes/recording-notifier.ts';
import { RecordingQueue } from '#test/fakes/recording-queue.ts';
import { aDecision } from '#test/support/builders.ts';
import { testTable } from '#test/support/dynamodb-test-table.ts';
import { aMail } from '#test/support/mail.ts';

let table: Awaited<ReturnType<typeof testTable>>;
beforeAll(async () => {
  table = await testTable();
});

const HOSTILE = 'This job is a scam and you are a dick.';
const WARM = 'Thank you so much, please keep me in mind.';

/**
 * The whole loop on dynalite through the real DynamoDB adapters (only the mailer, queue, classifier and the
 * inbound bucket are stand-ins): decisions, sends, delivery reports, replies, flags, then the recruiter views.
 */
async function loop(run = 'integration') {
  const clock = fixedClock('2026-11-20T10:00:00Z');
  const { documents, tableName } = table;
  const renderer = new CompiledTemplateRenderer(catalog);
  const config = loadConfig(
    {
      CLOSELOOP_TABLE_NAME: tableName,
      CLOSELOOP_SEND_DELAY_MINUTES: '60',
      CLOSELOOP_SEND_DELAYS: '[]',
      CLOSELOOP_SEND_WINDOW: '00:00-24:00',
      CLOSELOOP_SEND_DAYS: 'mon-sun',
      CLOSELOOP_HOLIDAYS: 'none',
    },
    'local',
  );
  const notices = new DynamoDbNoticeRepository(documents, tableName);
  const suppressions = new DynamoDbSuppressionRepository(documents, tableName);
  const mailer = new RecordingMailer();
  const queue = new RecordingQueue();
  const events = new RecordingEvents();
  const useCases = buildUseCases(
    {
      decisions: new DynamoDbDecisionRepository(documents, tableName),
      erasures: new DynamoDbErasureLog(documents, tableName),
      notices,
      suppressions,
      control: new DynamoDbSendingControl(documents, tableName),
      ledger: new DynamoDbReputationLedger(documents, tableName),
      mailer,
      events,
      queue,
      renderer,
      clock,
      log: silentLog,
      random: () => 0.5,
    },
    config,
    selectionRules(renderer.available(), config.templateSelection),
  );
  const raw = new InProcessRawMailStore();
  const classifier = new FakeReplyClassifier();
  const notifier = new RecordingNotifier();
  const flags = new DynamoDbFlagRepository(documents, tableName);
  const relays = new DynamoDbRelayRepository(documents, tableName);
  const replies = new DynamoDbReplyRepository(documents, tableName);
  const inbound = processInboundMailFrom(
    {
      raw,
      parser: new MailparserInboundParser(),
      lookup: new DynamoDbNoticeLookup(documents, tableName, notices),
      notices,
      replies,
      relays,
      relayQueue: { enqueueRelays: async () => {} },
      flags,
      erasures: new DynamoDbErasureLog(documents, tableName),
      records: new DynamoDbCandidateRecords(documents, tableName),
      classifier,
      notifier,
      events,
      renderer,
      clock,
      log: silentLog,
    },
    config,
  );
  const ports = {
    relays,
    replies,
    records: new DynamoDbCandidateRecords(documents, tableName),
    erasures: new DynamoDbErasureLog(documents, tableName),
    loopRecord: new DynamoDbLoopRecordSource(documents, tableName),
    flags,
    notices,
    suppressions,
    raw,
    renderer,
    clock,
    log: silentLog,
  };

  const people = [
    { name: 'Bob Stone', email: `bob.${run}@example.com`, body: HOSTILE, job: `job-${run}` },
    { name: 'Ada Lovelace', email: `ada.${run}@example.com`, body: WARM, job: `job-${run}` },
  ];
  const results = await useCases.recordDecisions(
    people.map((p, i) =>
      aDecision({
        applicationId: `${run}-${i}`,
        decidedAt: '2026-11-20T09:00:00Z',
        job: { id: p.job, title: 'Integration Engineer' },
        candidate: { name: p.name, email: p.email },
      }),
    ),
  );
  clock.advance(2 * 3600_000);
  await useCases.sweep();
  for (const id of queue.take()) await useCases.sendNotice(id);
  const ids = results.map((r) => ({ candidateId: r.candidateId, noticeId: r.noticeId ?? '' }));
  for (const [i, p] of people.entries()) {
    const notice = await notices.get(ids[i]?.noticeId ?? '');
    await notices.transition(notice?.id ?? '', {
      from: ['sent'],
      to: 'delivered',
      event: { at: '2026-11-20T13:00:00.000Z', event: 'Delivery' },
    });
    clock.advance(3600_000);
    await inbound(
      await raw.put(
        new TextEncoder().encode(
          aMail({
            from: `${p.name} <${p.email}>`,
            to: `reply+${notice?.replyToken}@replies.acme.example`,
            body: p.body,
          }),
        ),
      ),
    );
  }
  return {
    ...recruiterUseCasesFrom(ports, config),
    getLoopStats: loopStatsFrom(ports),
    ports,
    raw,
    mailer,
    inbound,
    classifier,
    notifier,
    useCases,
    queue,
    clock,
    bob: ids[0] ?? { candidateId: '', noticeId: '' },
    ada: ids[1] ?? { candidateId: '', noticeId: '' },
  };
}

async function scanTable(): Promise<string> {
  const items: unknown[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.documents.send(
      new ScanCommand({ TableName: table.tableName, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return JSON.stringify(items);
}

describe('the recruiter views on dynalite', () => {
  it('lists, shows the timeline, counts the loop-closing record, and erases a candidate without a trace', async () => {
    const w = await loop();

    // Flagged candidates, by the byFlag index, with the name and job the flag carries.
    const burned = await w.listFlaggedCandidates({ flag: 'bridge-burned', jobId: 'job-integration', limit: 10 });
    expect(burned.items).toEqual([expect.objectContaining({ candidateId: w.bob.candidateId, name: 'Bob Stone' })]);
    expect(burned.counts).toMatchObject({ 'bridge-burned': 1, warm: 1 });

    // The timeline through the byCandidate index, with the email rendered as it was sent.
    const timeline = await w.getCandidateTimeline(w.bob.candidateId);
    expect(timeline.timeline.map((e) => e.type)).toEqual(['decision', 'notice', 'reply']);
    const notice = timeline.timeline.find((e) => e.type === 'notice');
    expect(notice?.type === 'notice' && notice.notice.email?.html).toBe(
      w.mailer.sent.find((m) => m.to === 'bob.integration@example.com')?.html,
    );
    expect(notice?.type === 'notice' && notice.notice.notice.deliveredAt).toBe('2026-11-20T13:00:00.000Z');

    // The byPeriod index: both rejections notified and delivered four hours after the decision, both replied.
    const stats = await w.getLoopStats({ from: '2026-11-01T00:00:00Z', to: '2026-11-30T23:59:59Z' });
    expect(stats).toMatchObject({
      rejections: 2,
      notified: 2,
      notifiedShare: 1,
      medianHoursToDelivered: 4,
      replied: 2,
      replyRate: 1,
    });
    expect(stats.sentiment.byTemplate[0]).toMatchObject({ replies: 2, positive: 1, negative: 1, hostile: 1 });
    expect((await w.getLoopStats({ from: '2026-12-01T00:00:00Z', to: '2026-12-31T00:00:00Z' })).rejections).toBe(0);

    // Bob's thread: his turn, relayed to the recruiter by the inbound path above (with its token and window), and
    // her answer (raw message kept).
    expect(
      (await new DynamoDbRelayRepository(table.documents, table.tableName).listByNotice(w.bob.noticeId)).map(
        (r) => r.direction,
      ),
    ).toEqual(['to-recruiter']);
    const relays = new DynamoDbRelayRepository(table.documents, table.tableName);
    const thread = { noticeId: w.bob.noticeId, candidateId: w.bob.candidateId };
    const answer = 'Your system design round fell short of the bar.';
    const raw = await w.raw.put(new TextEncoder().encode(`From: grace@acme.example\r\n\r\n${answer}`));
    const cause = { kind: 'recruiter-mail', messageDigest: 'integration-answer', raw } as const;
    await relays.create(aRelay({ ...thread, id: relayIdFor(cause), cause, direction: 'to-candidate', text: answer }));
    const mint = { token: 'tok-bob-integration', ...thread, createdAt: '2026-11-20T14:00:00.000Z' };
    await relays.recruiterTokenFor(thread.noticeId, thread.candidateId, {
      ...mint,
      retainUntil: '2027-11-20T00:00:00Z',
    });
    await relays.countInWindow(thread.noticeId, thread.candidateId, w.clock.now(), 10, relayIdFor(cause));

    // Erasure: afterwards no item holds Bob's address, name or words, the raw message is gone, Ada is untouched.
    expect(await scanTable()).toContain('bob.integration@example.com');
    expect(await scanTable()).toContain(answer);
    const erased = await w.eraseCandidate({ candidateId: w.bob.candidateId, by: 'sub-admin' });
    expect(erased.erased).toEqual({
      decisions: 1,
      notices: 1,
      replies: 1,
      flags: 1,
      relays: 2,
      relayThreads: 1,
      recruiterTokens: 1,
      rawMessages: 2,
    });
    expect(await relays.byRecruiterToken('tok-bob-integration')).toBeUndefined();
    const after = await scanTable();
    expect(after).not.toContain('bob.integration@example.com');
    expect(after).not.toContain('Bob Stone');
    expect(after).not.toContain(HOSTILE);
    expect(after).not.toContain(answer);
    expect(after).not.toContain(w.bob.noticeId);
    expect(after).toContain('ada.integration@example.com');
    expect(after).toContain(WARM);
    const rawLeft = w.raw.contents().map((bytes) => new TextDecoder().decode(bytes));
    expect(rawLeft.join('\n')).not.toContain('bob.integration@example.com');
    expect(rawLeft).toHaveLength(1);
    await expect(w.getCandidateTimeline(w.bob.candidateId)).rejects.toThrow(/was erased on/);
    expect((await w.ports.erasures.get(w.bob.candidateId))?.status).toBe('complete');

    // The tombstone: a new decision for the address records nothing (erasure stays erased), and nothing is sent.
    const [again] = await w.useCases.recordDecisions([
      aDecision({ applicationId: 'int-again', candidate: { name: 'Bob Stone', email: 'bob.integration@example.com' } }),
    ]);
    expect(again?.erased).toBe(true);
    w.clock.advance(24 * 3600_000);
    await w.useCases.sweep();
    for (const id of w.queue.take()) await w.useCases.sendNotice(id);
    expect(await w.ports.notices.get(again?.noticeId ?? '')).toBeUndefined();
    expect(w.mailer.sent.filter((m) => m.to === 'bob.integration@example.com')).toHaveLength(1);
  });

  it('an erasure arriving between the claim and the SES call stops the email and completes on a repeat', async () => {
    const w = await loop('race-send');
    const carol = 'carol.race-send@example.com';
    const [recorded] = await w.useCases.recordDecisions([
      aDecision({ applicationId: 'race-send-carol', candidate: { name: 'Carol Race', email: carol } }),
    ]);
    const candidateId = recorded?.candidateId ?? '';
    w.clock.advance(24 * 3600_000);
    await w.useCases.sweep();
    const notices = w.ports.notices;
    // The sender claims with `tryTransition` (no read first): the erasure runs right after that write lands.
    const tryTransition = notices.tryTransition.bind(notices);
    const during: Awaited<ReturnType<typeof w.eraseCandidate>>[] = [];
    notices.tryTransition = async (id, t) => {
      const attempt = await tryTransition(id, t);
      if (t.to === 'sending' && attempt.moved) during.push(await w.eraseCandidate({ candidateId, by: 'sub-admin' }));
      return attempt;
    };
    for (const id of w.queue.take()) await w.useCases.sendNotice(id);

    expect(w.mailer.sent.filter((m) => m.to === carol)).toHaveLength(0);
    expect(during[0]?.receipt).toMatchObject({ status: 'in-progress', retryAfter: expect.any(String) });
    expect((await notices.get(recorded?.noticeId ?? ''))?.status).toBe('suppressed');
    const repeat = await w.eraseCandidate({ candidateId, by: 'sub-admin' });
    expect(repeat.receipt.status).toBe('complete');
    expect(await scanTable()).not.toContain(carol);
  });

  it('a reply whose candidate is erased while it is classified leaves nothing behind and notifies nobody', async () => {
    const w = await loop('race-reply');
    const ada = w.ada.candidateId;
    const classify = w.classifier.classify.bind(w.classifier);
    w.classifier.classify = async (...args) => {
      await w.eraseCandidate({ candidateId: ada, by: 'sub-admin' });
      return classify(...args);
    };
    const notified = w.notifier.sent.length;
    const token = (await w.ports.notices.get(w.ada.noticeId))?.replyToken;
    const SECOND = 'On second thought this is a scam and you are a dick.';

    const out = await w.inbound(
      await w.raw.put(
        new TextEncoder().encode(
          aMail({
            from: 'Ada Lovelace <ada.race-reply@example.com>',
            to: `reply+${token}@replies.acme.example`,
            body: SECOND,
          }),
        ),
      ),
    );

    expect(out.status).toBe('erased');
    const left = await scanTable();
    expect(left).not.toContain('ada.race-reply@example.com');
    expect(left).not.toContain(SECOND);
    expect(left).not.toContain(`CAND#${ada}`);
    expect(
      w.raw
        .contents()
        .map((bytes) => new TextDecoder().decode(bytes))
        .join('\n'),
    ).not.toContain(SECOND);
    expect(w.notifier.sent).toHaveLength(notified);
    expect((await w.ports.erasures.get(ada))?.status).toBe('complete');
  });

  it('remembers the applications an erasure removed, as digests, and answers by that digest', async () => {
    const log = new DynamoDbErasureLog(table.documents, table.tableName);
    const key = applicationKeyOf('greenhouse', 'app-erased-1');

    expect(await log.erasedApplication(key)).toBeUndefined();
    await log.markApplicationErased(key, 'c_erased');
    await log.markApplicationErased(key, 'c_erased');

    expect(await log.erasedApplication(key)).toBe('c_erased');
    expect(await log.erasedApplication(applicationKeyOf('greenhouse', 'app-erased-2'))).toBeUndefined();
    expect(key).not.toContain('app-erased-1');
  });

  it('reads every month a period touches', () => {
    expect(monthsBetween('2026-11-15T00:00:00.000Z', '2027-02-01T00:00:00.000Z')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(monthsBetween('2026-11-15T00:00:00.000Z', '2026-11-16T00:00:00.000Z')).toEqual(['2026-11']);
  });
});
