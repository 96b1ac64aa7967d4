/**
 * `npm run bench:notices [-- <small> <large>]`: `GET /notices` through the app over dynalite with 2,000 and then
 * 20,000 notices (defaults), by status, by recruiter, both, and by text, against a fair baseline without the
 * indexes: a Scan with the same filter, sorted newest first (what a newest-first page needs when no index is sorted
 * by time within the status). Median and p95 of 20 runs each. Figures go to docs/BENCHMARKS.md ("Finding notices").
 */
import '#local/quiet-sdk-warning.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { DynamoDbNoticeListing } from '#adapters/dynamodb/dynamodb-notice-listing.ts';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { toDecision } from '#core/domain/decision.ts';
import type { Notice, NoticeStatus } from '#core/domain/notice.ts';
import { fixedClock } from '#core/ports/clock.ts';
import { silentLog } from '#core/ports/log.ts';
import { makeFindNotices } from '#core/use-cases/find-notices.ts';
import { createApp } from '#http/app.ts';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynalite } from '#local/emulators.ts';

const sizes = [Number(process.argv[2] ?? 2_000), Number(process.argv[3] ?? 20_000)];
const RUNS = 20;
const RECRUITERS = 20;
const DEFAULT_INBOX = 'recruiting@acme.example';

const db = await startDynalite({ port: 0 });
const client = new DynamoDBClient({ endpoint: db.url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
const tableName = 'closeloop-bench';
await ensureTable(client, tableName);
const notices = new DynamoDbNoticeRepository(documents, tableName);
const clock = fixedClock('2026-12-05T00:00:00Z');
const app = createApp({
  authenticate: () => ({ subject: 'bench', roles: ['viewer'] }),
  log: silentLog,
  recordDecisions: Object.assign(async () => [], { erased: async () => [] }),
  getNotice: async () => {
    throw new Error('not used');
  },
  defaultRecruiterInbox: DEFAULT_INBOX,
  noticeList: {
    findNotices: makeFindNotices({
      listing: new DynamoDbNoticeListing(documents, tableName),
      clock,
      defaultInbox: DEFAULT_INBOX,
      retentionDays: 365,
    }),
    clock,
  },
});

// A fixed pseudo-random sequence, so every run writes the same data.
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

/** Most notices are delivered; 2% bounced, as a recruiter's "bounced" chip would show. */
function statusOf(roll: number): NoticeStatus {
  if (roll < 0.02) return 'bounced';
  if (roll < 0.03) return 'failed';
  if (roll < 0.05) return 'cancelled';
  if (roll < 0.08) return 'scheduled';
  if (roll < 0.09) return 'sent';
  return 'delivered';
}

const end = Date.parse('2026-12-04T00:00:00Z');
function noticeOf(i: number): Notice {
  const decidedAt = new Date(end - Math.floor(random() * 180 * 86_400_000)).toISOString();
  const recruiter = i % (RECRUITERS + 1);
  const decision = toDecision({
    source: 'bench',
    applicationId: `app-${i}`,
    decision: 'rejected',
    decidedAt,
    job: { id: `job-${i % 50}`, title: `Engineer ${i % 50}` },
    candidate: { name: `Candidate Number${i}`, email: `candidate-${i}@example.com` },
    ...(recruiter === RECRUITERS
      ? {}
      : { recruiter: { name: `Recruiter ${recruiter}`, email: `r${recruiter}@acme.example` } }),
  });
  const status = statusOf(random());
  return {
    id: `n_bench${String(i).padStart(19, '0')}`,
    decisionKey: decision.key,
    candidateId: decision.candidateId,
    emailDigest: decision.emailDigest,
    source: 'bench',
    applicationId: decision.applicationId,
    job: decision.job,
    candidate: decision.candidate,
    ...(decision.recruiter === undefined ? {} : { recruiter: decision.recruiter }),
    feedbackOffered: false,
    reason: 'skills-mismatch',
    stage: 'interview',
    templateId: 'after-interviews',
    locale: 'en',
    status,
    sendAt: decidedAt,
    attempts: 1,
    replyToken: 'x'.repeat(32),
    createdAt: decidedAt,
    updatedAt: decidedAt,
    decidedAt,
    retainUntil: '2027-12-01T00:00:00Z',
    history: [{ status, at: decidedAt }],
  };
}

let written = 0;
async function writeUpTo(count: number): Promise<void> {
  const queue = Array.from({ length: count - written }, (_, i) => written + i);
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) await notices.create(noticeOf(i));
    }),
  );
  written = count;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function timed(run: () => Promise<number>): Promise<{ median: number; p95: number; items: number }> {
  const timings: number[] = [];
  let items = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    items = await run();
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return { median: round(percentile(timings, 50)), p95: round(percentile(timings, 95)), items };
}
const round = (ms: number) => Math.round(ms * 10) / 10;

async function listing(query: string): Promise<number> {
  const response = await app.request(`/notices?${query}`, { headers: { authorization: 'Bearer bench' } });
  if (response.status !== 200) throw new Error(`${query}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { items: unknown[] }).items.length;
}

/** Without the indexes: every item read, the filter applied, sorted newest first, the first 50 kept. */
async function scanBaseline(expression: string, values: Record<string, unknown>): Promise<number> {
  const found: Record<string, unknown>[] = [];
  for await (const page of paginateScan(
    { client: documents },
    {
      TableName: tableName,
      FilterExpression: `entity = :notice AND ${expression}`,
      ...(expression.includes('#status') ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ExpressionAttributeValues: { ':notice': 'notice', ...values },
    },
  )) {
    found.push(...(page.Items ?? []));
  }
  found.sort((a, b) => (String(a.periodAt) < String(b.periodAt) ? 1 : -1));
  return found.slice(0, 50).length;
}

const results: Record<string, unknown>[] = [];
for (const size of sizes) {
  const writing = performance.now();
  await writeUpTo(size);
  const writeSeconds = Math.round((performance.now() - writing) / 1000);
  const rare = `candidate-${Math.floor(size / 3)}@`;
  const row = {
    notices: size,
    writtenInSeconds: writeSeconds,
    'status=bounced': await timed(() => listing('status=bounced&limit=50')),
    'scan baseline, status=bounced': await timed(() => scanBaseline('#status = :s', { ':s': 'bounced' })),
    'recruiter=r3@acme.example': await timed(() => listing('recruiter=r3%40acme.example&limit=50')),
    'scan baseline, recruiter': await timed(() => scanBaseline('recruiter.email = :r', { ':r': 'r3@acme.example' })),
    'status=bounced&recruiter=r3@acme.example': await timed(() =>
      listing('status=bounced&recruiter=r3%40acme.example&limit=50'),
    ),
    'q=engineer 7 (1 in 50)': await timed(() => listing('q=engineer%207&limit=50')),
    [`q=${rare} (1 match, first page)`]: await timed(() => listing(`q=${encodeURIComponent(rare)}&limit=50`)),
    'no filter': await timed(() => listing('limit=50')),
  };
  results.push(row);
  console.error(JSON.stringify(row));
}
console.log(JSON.stringify({ runs: RUNS, limit: 50, results }, null, 2));
client.destroy();
await db.close();
