import { Duration } from 'aws-cdk-lib';

/**
 * How the send function keeps to the account's SES maximum send rate, derived from that one number:
 *
 * - SES throttles above the rate (and a throttled send costs a retry), so the *aggregate* rate must stay below it
 *   whatever SES's latency. Concurrency alone cannot promise that (fast answers mean more sends per worker), so
 *   each worker paces itself to an equal share: `perWorkerRate = target / maxConcurrency`.
 * - `maxConcurrency` is the SQS event source's maximum concurrency (not reserved concurrency, which would take
 *   capacity from the account and throttle rather than hold messages back). It is the smallest number of workers
 *   that keeps each one's share at or under what one sequential worker does comfortably (`WORKER_RATE`), and
 *   never below 2, the least SQS allows.
 * - `batchSize` is what a worker sends within `BATCH_BUDGET_S` at its share, capped at 10 (a batch that fails
 *   midway is retried per record, but a smaller batch comes back sooner).
 * - The target keeps `HEADROOM` below the quota for anything else sending from the account.
 */
export const WORKER_RATE = 5;
const HEADROOM = 0.9;
const BATCH_BUDGET_S = 30;
export const SEND_TIMEOUT = Duration.seconds(60);

export interface SendThroughput {
  /** Emails per second all workers together aim for. */
  readonly targetRate: number;
  readonly maxConcurrency: number;
  /** Emails per second one worker sends at most (`CLOSELOOP_SEND_RATE_PER_WORKER`). */
  readonly perWorkerRate: number;
  readonly batchSize: number;
  readonly timeout: Duration;
  /** Six times the timeout, as AWS recommends for Lambda consumers of SQS. */
  readonly visibilityTimeout: Duration;
  /** Notices one sweep (every minute) enqueues at most: a minute and a half of sending. */
  readonly sweepLimit: number;
}

export function sendThroughput(sesMaxSendRate: number): SendThroughput {
  if (!(sesMaxSendRate > 0)) throw new Error('sesMaxSendRate must be positive');
  const targetRate = sesMaxSendRate * HEADROOM;
  const maxConcurrency = Math.min(1000, Math.max(2, Math.ceil(targetRate / WORKER_RATE)));
  const perWorkerRate = targetRate / maxConcurrency;
  return {
    targetRate,
    maxConcurrency,
    perWorkerRate,
    batchSize: Math.min(10, Math.max(1, Math.floor(perWorkerRate * BATCH_BUDGET_S))),
    timeout: SEND_TIMEOUT,
    visibilityTimeout: Duration.seconds(SEND_TIMEOUT.toSeconds() * 6),
    sweepLimit: Math.max(10, Math.ceil(targetRate * 90)),
  };
}
