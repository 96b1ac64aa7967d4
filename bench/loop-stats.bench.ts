/**
 * `npx tsx bench/loop-stats.bench.ts [notices]`: how long `GET /stats` takes to read and compute a 12-week
 * period through the `byPeriod` index, over N decisions and their notices (default 5,000) on dynalite.
 * Figures go to docs/BENCHMARKS.md ("Loop-closing stats").
 */
import '#local/quiet-sdk-warning.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbDecisionRepository } from '#adapters/dynamodb/dynamodb-decision-repository.ts';
import { DynamoDbLoopRecordSource } from '#adapters/dynamodb/dynamodb-loop-record-source.ts';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { type DecisionInput, toDecision } from '#core/domain/decision.ts';
import type { Notice, NoticeStatus } from '#core/domain/notice.ts';
import { fixedClock } from '#core/ports/clock.ts';
import { makeGetLoopStats } from '#core/use-cases/get-loop-stats.ts';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynalite } from '#local/emulators.ts';

const total = Number(process.argv[2] ?? 5000);
const TEMPLATES = ['after-interviews', 'application-review', 'phone-screen', 'position-closed', 'keep-in-touch'];
const RUNS = 5;

const db = await startDynalite({ port: 0 });
const client = new DynamoDBClient({ endpoint: db.url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
const tableName = 'closeloop-bench';
await ensureTable(client, tableName);
const decisions = new DynamoDbDecisionRepository(documents, tableName);
const notices = new DynamoDbNoticeRepository(documents, tableName);

// A fixed pseudo-random sequence, so every run writes the same data.
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

const end = Date.parse('2026-11-30T00:00:00Z');
const writing = performance.now();
const queue = Array.from({ length: total }, (_, i) => i);
await Promise.all(
  Array.from({ length: 16 }, async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const decidedAt = new Date(end - Math.floor(random() * 84 * 86_400_000)).toISOString();
      const input: DecisionInput = {
        source: 'bench',
        applicationId: `app-${i}`,
        decision: 'rejected',
        decidedAt,
        job: { id: `job-${i % 40}`, title: 'Engineer' },
        candidate: { name: `Candidate ${i}`, email: `candidate-${i}@example.com` },
      };
      const decision = toDecision(input);
      const noticeId = `n_bench${String(i).padStart(19, '0')}`;
      const roll = random();
      const status: NoticeStatus = roll < 0.02 ? 'bounced' : roll < 0.03 ? 'complained' : 'delivered';
      await decisions.recordOnce({ ...decision, recordedAt: decidedAt, retainUntil: '2027-12-01T00:00:00Z', noticeId });
      const notice: Notice = {
        id: noticeId,
        decisionKey: decision.key,
        candidateId: decision.candidateId,
        emailDigest: decision.emailDigest,
        source: 'bench',
        applicationId: decision.applicationId,
        job: decision.job,
        candidate: decision.candidate,
        feedbackOffered: false,
        reason: 'skills-mismatch',
        stage: 'interview',
        templateId: TEMPLATES[i % TEMPLATES.length] ?? 'general-rejection',
        locale: 'en',
        status,
        sendAt: decidedAt,
        attempts: 1,
        replyToken: 'x'.repeat(32),
        createdAt: decidedAt,
        updatedAt: decidedAt,
        decidedAt,
        ...(status === 'bounced'
          ? {}
          : { deliveredAt: new Date(Date.parse(decidedAt) + random() * 2 * 86_400_000).toISOString() }),
        ...(random() < 0.2
          ? {
              firstReply: {
                replyId: `r_${i}`,
                at: new Date(Date.parse(decidedAt) + 3 * 86_400_000).toISOString(),
                sentiment: random() < 0.7 ? ('positive' as const) : ('negative' as const),
                score: random() * 2 - 1,
                hostile: false,
              },
            }
          : {}),
        retainUntil: '2027-12-01T00:00:00Z',
        history: [{ status, at: decidedAt }],
      };
      await notices.create(notice);
    }
  }),
);
const writeSeconds = (performance.now() - writing) / 1000;

const getLoopStats = makeGetLoopStats({
  source: new DynamoDbLoopRecordSource(documents, tableName),
  clock: fixedClock('2026-11-30T00:00:00Z'),
});
const timings: number[] = [];
let rejections = 0;
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  const stats = await getLoopStats({});
  timings.push(performance.now() - started);
  rejections = stats.rejections;
}
timings.sort((a, b) => a - b);
console.log(
  JSON.stringify(
    {
      notices: total,
      writtenInSeconds: Math.round(writeSeconds),
      period: '84 days (4 month partitions)',
      rejectionsCounted: rejections,
      statsMs: {
        median: Math.round(timings[Math.floor(RUNS / 2)] ?? 0),
        min: Math.round(timings[0] ?? 0),
        max: Math.round(timings.at(-1) ?? 0),
      },
      runs: RUNS,
    },
    null,
    2,
  ),
);
client.destroy();
await db.close();
