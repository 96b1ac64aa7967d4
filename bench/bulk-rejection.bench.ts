/**
 * Bench: a closed requisition. 10,000 candidates rejected at once, sent through the local stack (`--in-memory`:
 * dynalite, aws-ses-v2-local, the in-process queue at CLOSELOOP_SES_MAX_SEND_RATE, simulated SES events and the
 * track path), compared with raw SendEmail calls against the same SES emulator in the same run.
 *
 *   npm run --silent bench:bulk-rejection -- [--count 10000] [--rate 1000] [--raw 2000]
 *
 * Prints a progress bar on stderr and a Markdown table for docs/BENCHMARKS.md on stdout.
 */
import '#local/quiet-sdk-warning.ts';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { consoleLog } from '#adapters/local/console-log.ts';
import { localCredentials } from '#local/emulator-guard.ts';
import { LOCAL_REGION } from '#local/emulators.ts';
import { startLocalStack } from '#local/stack.ts';
import { aDecision } from '#test/support/builders.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    rate: { type: 'string', default: process.env.CLOSELOOP_SES_MAX_SEND_RATE ?? '1000' },
    raw: { type: 'string', default: '2000' },
    /** `one`: everything in this process, as `npm start` runs; `separate`: dynalite and SES in their own processes. */
    processes: { type: 'string', default: 'one' },
  },
});
const COUNT = Number(values.count);
const RATE = Number(values.rate);
const RAW_CALLS = Number(values.raw);
const BATCH = 500;
/** The local queue's consumer concurrency (functions/local/stack.ts); the raw measurement uses the same. */
const CONCURRENCY = 8;

const interactive = process.stderr.isTTY === true;
let lastPrinted = -1;
function progress(label: string, done: number, total: number, startedAt: number) {
  const share = total === 0 ? 1 : done / total;
  const perSecond = done / Math.max(0.001, (performance.now() - startedAt) / 1000);
  const line = `${label.padEnd(20)} [${'#'.repeat(Math.round(share * 30)).padEnd(30, '.')}] ${done.toLocaleString('en')}/${total.toLocaleString('en')}  ${perSecond.toFixed(0)}/s`;
  if (interactive) process.stderr.write(`\r${line}`);
  else if (Math.floor(share * 10) !== lastPrinted) {
    lastPrinted = Math.floor(share * 10);
    process.stderr.write(`${line}\n`);
  }
}
const endProgress = () => {
  if (interactive) process.stderr.write('\n');
  lastPrinted = -1;
};

const loadBefore = loadavg()[0] ?? 0;
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

/** Starts an emulator in a child process and answers its URL and the child. */
async function emulator(which: 'dynalite' | 'ses'): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/emulator-process.ts', which], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`${which} exited with ${code}`)));
  });
  return { url, child };
}

const separate = values.processes === 'separate';
const emulators = separate ? await Promise.all([emulator('dynalite'), emulator('ses')]) : [];
const token = randomBytes(18).toString('base64url');
const stack = await startLocalStack({
  port: 0,
  dynamodbPort: 0,
  sesPort: 0,
  ...(separate ? { dynamodbEndpoint: emulators[0]?.url, sesEndpoint: emulators[1]?.url } : {}),
  apiToken: token,
  // Every notice due at once: this measures the send path, not the send policy's calendar.
  env: {
    ...process.env,
    CLOSELOOP_SEND_DELAY_MINUTES: '0',
    CLOSELOOP_SEND_DELAYS: '[]',
    CLOSELOOP_SEND_WINDOW: '00:00-24:00',
    CLOSELOOP_SEND_DAYS: 'mon-sun',
    CLOSELOOP_HOLIDAYS: 'none',
  },
  sweepIntervalMs: 0,
  sendRatePerSecond: RATE,
  log: consoleLog({ level: 'warn', write: (line) => process.stderr.write(`${line}\n`) }),
});

try {
  // 1. Raw SendEmail calls against the same emulator, as many in flight as the queue keeps: the ceiling.
  const ses = new SESv2Client({ endpoint: stack.urls.ses, region: LOCAL_REGION, credentials: localCredentials(token) });
  const html = `<html><body>${'<p>Thank you for your time and interest in the role.</p>'.repeat(40)}</body></html>`;
  let rawDone = 0;
  const rawStart = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (rawDone < RAW_CALLS) {
        rawDone += 1;
        await ses.send(
          new SendEmailCommand({
            FromEmailAddress: 'Acme Talent <talent@acme.example>',
            Destination: { ToAddresses: [`raw-${rawDone}@example.com`] },
            Content: {
              Simple: {
                Subject: { Data: 'Your application' },
                Body: { Html: { Data: html }, Text: { Data: 'Thank you for your time.' } },
              },
            },
          }),
        );
        progress('raw SendEmail', rawDone, RAW_CALLS, rawStart);
      }
    }),
  );
  const rawSeconds = (performance.now() - rawStart) / 1000;
  endProgress();
  ses.destroy();

  // 2. The requisition closes: every candidate rejected, posted in batches as an ATS would.
  const wallStart = performance.now();
  let recorded = 0;
  const batches = Array.from({ length: Math.ceil(COUNT / BATCH) }, (_, b) =>
    Array.from({ length: Math.min(BATCH, COUNT - b * BATCH) }, (_, i) => {
      const n = b * BATCH + i;
      return aDecision({
        applicationId: `req-42-${n}`,
        stage: 'application-review',
        reason: 'position-closed',
        job: { id: 'req-42', title: 'Analytical Engineer' },
        candidate: { name: `Candidate ${n}`, email: `candidate-${n}@example.com` },
      });
    }),
  );
  // An ATS closing a requisition posts its batches side by side; four at a time.
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let b = next++; b < batches.length; b = next++) {
        const response = await fetch(`${stack.urls.api}/decisions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ decisions: batches[b] }),
        });
        if (response.status !== 202) throw new Error(`POST /decisions answered ${response.status}`);
        recorded += batches[b]?.length ?? 0;
        progress('recording decisions', recorded, COUNT, wallStart);
      }
    }),
  );
  endProgress();
  const recordSeconds = (performance.now() - wallStart) / 1000;

  // 3. Sweep until everything due has gone out; the queue keeps the send rate, tracking records each delivery.
  const sendStart = performance.now();
  const ticker = setInterval(() => progress('sending', stack.outcomes.size, COUNT, sendStart), 200);
  for (;;) {
    const swept = await stack.useCases.sweep();
    if (swept.enqueued === 0 && stack.queue.depth === 0) break;
    while (stack.queue.depth > 2_000) await sleep(50);
  }
  await stack.settled();
  clearInterval(ticker);
  progress('sending', stack.outcomes.size, COUNT, sendStart);
  endProgress();
  const sendSeconds = (performance.now() - sendStart) / 1000;
  const wallSeconds = (performance.now() - wallStart) / 1000;
  // Peak memory of the run itself, before the check below reads the emulator's whole store into memory.
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const loadAfter = loadavg()[0] ?? 0;
  // Emulators in their own processes: their peak resident memory as Linux records it (VmHWM).
  const emulatorPeaks = await Promise.all(
    emulators.map(async ({ child }) => {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    }),
  );

  // 4. Check: one email per candidate, every notice delivered.
  const outcomes = new Map<string, number>();
  for (const outcome of stack.outcomes.values()) outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  const store = (await (
    await fetch(`${stack.urls.ses}/store`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as {
    emails: { destination: { to: string[] } }[];
  };
  const candidateEmails = store.emails.filter((e) => e.destination.to[0]?.startsWith('candidate-')).length;
  const status = await stack.useCases.manageSending.status();
  if (outcomes.get('sent') !== COUNT || candidateEmails !== COUNT) {
    throw new Error(`expected ${COUNT} sent and emailed, got ${JSON.stringify([...outcomes])} and ${candidateEmails}`);
  }

  const noticesPerSecond = COUNT / sendSeconds;
  const rawPerSecond = RAW_CALLS / rawSeconds;
  const rows = [
    ['Candidates rejected (one requisition)', COUNT.toLocaleString('en')],
    ['Wall time, decisions posted → every notice sent and tracked', `${wallSeconds.toFixed(1)} s`],
    ['Recording decisions (POST /decisions, batches of 500)', `${(COUNT / recordSeconds).toFixed(0)} decisions/s`],
    ['Sending: sweep → queue → render → SES → status → tracking', `${noticesPerSecond.toFixed(0)} notices/s`],
    [`Raw SendEmail calls, same emulator, ${CONCURRENCY} in flight`, `${rawPerSecond.toFixed(0)} calls/s`],
    [
      'Notices/s ÷ raw calls/s',
      noticesPerSecond / rawPerSecond < 1 ? (noticesPerSecond / rawPerSecond).toFixed(2) : '≥ 1',
    ],
    ['Emails in the emulator / notices delivered', `${candidateEmails} / ${status.window.sends} counted sends`],
    separate
      ? [
          'Peak memory (RSS): stack process + dynalite + SES emulator',
          `${mib(peakRss)} + ${emulatorPeaks.map(mib).join(' + ')} MiB`,
        ]
      : ['Peak memory (RSS of the whole local stack in one process, emulators included)', `${mib(peakRss)} MiB`],
    ['Configured send rate (CLOSELOOP_SES_MAX_SEND_RATE)', `${RATE}/s`],
    [
      'Emulators',
      separate ? 'dynalite and SES in their own processes' : 'in the same process, as `npm start` runs them',
    ],
    [
      'Machine load (1-min average) at start → end',
      `${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} on ${cpus().length} cores`,
    ],
  ];
  process.stdout.write(
    ['| What | Figure |', '| --- | --- |', ...rows.map(([what, figure]) => `| ${what} | ${figure} |`), ''].join('\n'),
  );
} finally {
  clearInterval(sampler);
  await stack.stop();
  for (const { child } of emulators) child.kill('SIGTERM');
}
