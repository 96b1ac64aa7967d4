/**
 * Fires 1,000 distinct signed Greenhouse `reject_candidate` webhooks at a local stack it starts itself
 * (`npm start -- --in-memory`, free ports) and reports acknowledgements per second and p50/p99 latency.
 *
 *   npx tsx bench/greenhouse-webhooks.bench.ts [--count 1000] [--concurrency 16]
 *
 * Every acknowledgement is a 202 after the decision and its notice are durable in dynalite, as in AWS.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startStackProcess } from '#test/support/local-stack-process.ts';
import { fixtureText, greenhouseRequest } from '#test/support/webhook-fixtures.ts';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '16' } },
});
const count = Number(values.count);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(concurrency) || concurrency < 1) {
  process.stderr.write('usage: bench/greenhouse-webhooks.bench.ts [--count N] [--concurrency C]\n');
  process.exit(2);
}

/** The official sample, made distinct per delivery (application, candidate, address, event id). */
function delivery(i: number) {
  const body = JSON.parse(fixtureText('greenhouse/reject_candidate.json')) as {
    payload: { application: { id: number; candidate: { id: number; email_addresses: { value: string }[] } } };
  };
  const application = body.payload.application;
  application.id = 900_000 + i;
  application.candidate.id = 800_000 + i;
  application.candidate.email_addresses = [{ value: `bench-${i}@example.com` }];
  return greenhouseRequest(JSON.stringify(body), { eventId: `bench-event-${i}` });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

process.stderr.write(`Starting the local stack (in memory, free ports)…\n`);
const stack = await startStackProcess({ env: { LOG_LEVEL: 'warn' } });
const requests = Array.from({ length: count }, (_, i) => delivery(i));
const latencies: number[] = [];
const statuses = new Map<number, number>();
let next = 0;
let done = 0;

try {
  // Warm-up (not measured): the first request pays for lazy initialization.
  await fetch(`${stack.api}/health`);
  process.stderr.write(`Firing ${count} signed Greenhouse webhooks at ${stack.api} with ${concurrency} in flight…\n`);
  const started = performance.now();
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      if (request === undefined) break;
      const t0 = performance.now();
      const response = await fetch(`${stack.api}/webhooks/greenhouse`, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      done += 1;
      if (done % 100 === 0 || done === count) {
        const rate = done / ((performance.now() - started) / 1000);
        process.stderr.write(
          `  ${String(done).padStart(String(count).length)}/${count} acknowledged (${rate.toFixed(0)}/s)\n`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;

  const sorted = [...latencies].sort((a, b) => a - b);
  const accepted = statuses.get(202) ?? 0;
  const result = {
    webhooks: count,
    concurrency,
    accepted,
    statuses: Object.fromEntries(statuses),
    seconds: Number(seconds.toFixed(2)),
    acknowledgementsPerSecond: Number((accepted / seconds).toFixed(0)),
    p50Ms: Number(percentile(sorted, 50).toFixed(1)),
    p99Ms: Number(percentile(sorted, 99).toFixed(1)),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.stdout.write(
    `| ${count} signed Greenhouse webhooks, ${concurrency} in flight | ${result.acknowledgementsPerSecond} acks/s | p50 ${result.p50Ms} ms | p99 ${result.p99Ms} ms |\n`,
  );
  if (accepted !== count) {
    process.stderr.write(`Only ${accepted} of ${count} were accepted: ${JSON.stringify(result.statuses)}\n`);
    process.exitCode = 1;
  }
} finally {
  await stack.stop();
}
