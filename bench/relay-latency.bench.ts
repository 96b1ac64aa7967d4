/**
 * Bench: how long a candidate's reply takes to reach the owning recruiter, locally. 200 candidates are rejected
 * (each owned by a recruiter), then each answers once, one after the other, through `POST /local/inbound` on the
 * in-process stack (`startLocalStack`, in memory: dynalite, aws-ses-v2-local, the in-process send queue at
 * CLOSELOOP_SES_MAX_SEND_RATE). For each reply:
 *   - arrival → handed to SES: from the moment the request starts to the relay's `sent` history entry (recorded
 *     once SesMailer.send resolved with SES's message id), read back from the candidate's timeline;
 *   - the request's round trip: `/local/inbound` answers once the relay is sent and its delivery simulated.
 * Sequential on purpose: one reply at a time, so the queue's pacing (the SES rate) does not dominate.
 *
 *   npm run --silent bench:relay -- [--count 200] [--rate 14]
 *
 * Prints a Markdown table for docs/BENCHMARKS.md on stdout, with the machine's load.
 */
import '#local/quiet-sdk-warning.ts';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { consoleLog } from '#adapters/local/console-log.ts';
import { rawReply } from '#cli/demo-story.ts';
import { startLocalStack } from '#local/stack.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    rate: { type: 'string', default: process.env.CLOSELOOP_SES_MAX_SEND_RATE ?? '14' },
  },
});
const COUNT = Number(values.count);
const RATE = Number(values.rate);

const loadBefore = loadavg();
const token = randomBytes(18).toString('base64url');
const stack = await startLocalStack({
  port: 0,
  dynamodbPort: 0,
  sesPort: 0,
  apiToken: token,
  env: process.env,
  sweepIntervalMs: 0,
  sendRatePerSecond: RATE,
  log: consoleLog({ level: 'warn', write: (line) => process.stderr.write(`${line}\n`) }),
});
const api = stack.urls.api;
const auth = { authorization: `Bearer ${token}` };

interface StoredEmail {
  messageId: string;
  subject: string;
  replyTo: string[];
  destination: { to: string[] };
}
interface Turn {
  type: string;
  direction?: string;
  history?: { at: string; status: string }[];
}

async function json<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${api}${path}`, { ...init, headers: { ...auth, ...(init.headers ?? {}) } });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

try {
  const run = randomBytes(3).toString('hex');
  const candidates = Array.from({ length: COUNT }, (_, n) => ({
    name: `Candidate ${n}`,
    email: `candidate-${n}.${run}@example.com`,
    recruiter: { name: `Recruiter ${n % 10}`, email: `recruiter-${n % 10}.${run}@acme.example` },
  }));
  process.stderr.write(`rejecting ${COUNT} candidates…\n`);
  for (const [n, c] of candidates.entries()) {
    await json('/decisions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        source: 'manual',
        applicationId: `relay-bench-${run}-${n}`,
        decision: 'rejected',
        reason: 'skills-mismatch',
        stage: 'interview',
        decidedAt: new Date().toISOString(),
        job: { id: 'job-bench', title: 'Data Engineer' },
        candidate: { name: c.name, email: c.email, locale: 'en' },
        recruiter: c.recruiter,
      }),
    });
  }
  await json('/local/sweep?now=2030-01-01T00:00:00Z', { method: 'POST' });
  const store = (await (
    await fetch(`${stack.urls.ses}/store`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { emails: StoredEmail[] };
  const rejectionTo = new Map(store.emails.map((e) => [e.destination.to[0] ?? '', e]));

  process.stderr.write(`${COUNT} replies, one at a time…\n`);
  const handedToSes: number[] = [];
  const roundTrip: number[] = [];
  for (const c of candidates) {
    const rejection = rejectionTo.get(c.email);
    if (rejection === undefined) throw new Error(`no rejection reached ${c.email}`);
    const raw = rawReply({
      from: `${c.name} <${c.email}>`,
      to: rejection.replyTo[0] ?? '',
      subject: `Re: ${rejection.subject}`,
      inReplyTo: rejection.messageId,
      body: 'Could you tell me which parts of my experience fell short? Any feedback helps.',
    });
    const arrivedAt = Date.now();
    const started = performance.now();
    const answer = await json<{ reply?: { correlation: { candidateId?: string } } }>('/local/inbound', {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: raw,
    });
    roundTrip.push(performance.now() - started);
    const candidateId = answer.reply?.correlation.candidateId;
    const view = await json<{ timeline: { type: string; conversation?: Turn[] }[] }>(`/candidates/${candidateId}`);
    const relay = view.timeline
      .flatMap((e) => e.conversation ?? [])
      .find((t) => t.type === 'relay' && t.direction === 'to-recruiter');
    const sent = relay?.history?.find((h) => h.status === 'sent');
    if (sent === undefined) throw new Error(`the reply of ${c.email} was not relayed`);
    handedToSes.push(Date.parse(sent.at) - arrivedAt);
  }

  const row = (label: string, ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    const f = (v: number) => `${v.toFixed(0)} ms`;
    return `| ${label} | ${sorted.length} | ${f(percentile(sorted, 50))} | ${f(percentile(sorted, 99))} | ${f(sorted.at(-1) ?? Number.NaN)} |`;
  };
  const loadAfter = loadavg();
  console.log('| Measure (one reply at a time) | Replies | Median | p99 | Max |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(row('arrival → relay handed to SES (`sent`)', handedToSes));
  console.log(row('`POST /local/inbound` round trip (sent + delivery simulated)', roundTrip));
  console.log(
    `\n${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, SES rate ${RATE}/s; ` +
      `load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`,
  );
} finally {
  await stack.stop();
}
