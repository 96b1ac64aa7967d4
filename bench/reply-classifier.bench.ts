/**
 * Classification throughput on one core: replies per second through the local classifier in process, and
 * through `npm run --silent classify` end to end (process start, model load, JSON in and out).
 *
 *   npm run --silent bench:classifier [-- --replies 5000]
 *
 * The replies are written here, shaped like real ones (a few sentences, thanks, disappointment, a few hostile),
 * so the benchmark needs no data set. Prints a Markdown table for docs/BENCHMARKS.md.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadLocalReplyClassifier } from '#adapters/classifier/local-reply-classifier.ts';

const SAMPLE_REPLIES = [
  'Thank you for letting me know. Please keep me in mind for future roles.',
  'Thanks for the update, I appreciate you taking the time to write. Could you recommend me to other teams that might be hiring?',
  'I am disappointed, I really thought the second interview went well. Would you be able to share any feedback on where I fell short?',
  'Ok.',
  'This job must be a scam and you the trickster … you’re a dick.',
  'Hi Grace,\nThank you for the kind email. I have accepted another offer in the meantime, so this works out for both of us.\nAll the best,\nAda',
  'I believe this decision is unfair. I meet every requirement in the posting and I would ask you to reconsider.',
  'Vielen Dank für Ihre Rückmeldung. Bitte behalten Sie mich für zukünftige Stellen im Hinterkopf.',
  'That is a shame. Good luck with the search.',
  'You people are a joke. Three rounds of interviews and then this? Never contacting you again.',
  'Merci beaucoup pour votre retour, je reste disponible pour de futures opportunités.',
  'I would really appreciate some feedback. What could I have done differently in the technical round? Thank you again for your time and consideration, it was a pleasure meeting the team.',
];

const root = fileURLToPath(new URL('..', import.meta.url));

function replies(count: number): string[] {
  return Array.from({ length: count }, (_, i) => SAMPLE_REPLIES[i % SAMPLE_REPLIES.length] ?? '');
}

async function inProcess(count: number): Promise<{ perSecond: number; microseconds: number }> {
  const classifier = await loadLocalReplyClassifier();
  for (const text of replies(500)) classifier.classifyNow(text);
  const texts = replies(count);
  const started = process.hrtime.bigint();
  for (const text of texts) classifier.classifyNow(text);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: count / seconds, microseconds: (seconds / count) * 1e6 };
}

function runCli(count: number): Promise<number> {
  const input = replies(count)
    .map((text, id) => JSON.stringify({ id, text }))
    .join('\n');
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('npm', ['run', '--silent', 'classify'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    let lines = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) lines++;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0 || lines !== count) reject(new Error(`classify exited ${code} after ${lines}/${count} lines`));
      else resolve(Number(process.hrtime.bigint() - started) / 1e9);
    });
    child.stdin.end(input);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { replies: { type: 'string', default: '5000' } } });
  const count = Number(values.replies);
  if (!Number.isInteger(count) || count < 1) throw new Error('--replies must be a positive integer');

  const local = await inProcess(count);
  const startup = await runCli(1);
  const cli = await runCli(count);
  const meanChars = Math.round(replies(count).reduce((n, t) => n + t.length, 0) / count);

  const rows = [
    '| What | Figure |',
    '| --- | --- |',
    `| Local classifier in process, one core (${count} replies, mean ${meanChars} characters) | ${Math.round(local.perSecond)} replies/s (${Math.round(local.microseconds)} µs each) |`,
    `| \`npm run --silent classify\`, ${count} JSON lines end to end | ${Math.round(count / cli)} replies/s (${cli.toFixed(1)} s) |`,
    `| \`npm run --silent classify\`, one line (process start and model load) | ${startup.toFixed(2)} s |`,
  ];
  process.stdout.write(`${rows.join('\n')}\n`);
}

await main();
