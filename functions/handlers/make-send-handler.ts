import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { errorMessage } from '#core/domain/error-message.ts';
import type { SendNotice } from '#core/use-cases/send-notice.ts';
import type { SendRelay } from '#core/use-cases/send-relay.ts';

const SendMessage = z.union([
  z.object({ noticeId: z.string().check(z.regex(/^n_[a-z2-7]{26}$/)) }),
  z.object({ relayId: z.string().check(z.regex(/^m_[a-z2-7]{26}$/)) }),
]);

type ReadMessage =
  | { readonly ok: true; readonly noticeId: string }
  | { readonly ok: true; readonly relayId: string }
  | { readonly ok: false; readonly problem: string };

/** The message the sweep enqueues (`{"noticeId": "n_…"}`, or `{"relayId": "m_…"}`), or why this body is not one. */
function readMessage(body: string): ReadMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'the body is not JSON' };
  }
  const parsed = SendMessage.safeParse(json);
  if (!parsed.success) return { ok: false, problem: 'the body is not {"noticeId": "n_…"} or {"relayId": "m_…"}' };
  return 'noticeId' in parsed.data
    ? { ok: true, noticeId: parsed.data.noticeId }
    : { ok: true, relayId: parsed.data.relayId };
}

/**
 * Keeps one invocation's sends at or under `perSecond`: with the event source's maximum concurrency as the number
 * of workers, the account's SES rate is never exceeded however fast SES answers. Time is injected.
 */
export interface Pace {
  readonly perSecond: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * Consumes the send queue: notices and relays alike, one after another, paced to this worker's share of the SES
 * rate. A record whose send throws (DynamoDB unavailable) is reported as a partial batch failure and comes back
 * after the visibility timeout. Malformed records are logged and dropped: retrying them cannot help. So is a
 * relay another worker holds (`busy`): its holder finishes it, or the sweep enqueues it again once the lease ends.
 */
export function makeSendHandler(deps: {
  sendNotice: SendNotice;
  /** Unwired, a relay message fails its record (and ends in the dead-letter queue), never silently. */
  sendRelay?: SendRelay;
  /** Runs once after every batch (writing the batch's send counts); a failure is logged, never fails the batch. */
  afterBatch?: () => Promise<void>;
  logger: Logger;
  metrics: Metrics;
  pace: Pace;
}) {
  const processor = new BatchProcessor(EventType.SQS);
  const interval = 1000 / deps.pace.perSecond;
  let nextStart = 0;
  const record = async (item: SQSRecord): Promise<void> => {
    const message = readMessage(item.body);
    if (!message.ok) {
      // Logged, not thrown: a thrown record comes back until the DLQ, and the same bytes can never parse.
      // The body itself stays out of the log (it is not ours to trust, and could hold anything).
      deps.logger.error('malformed send message dropped', {
        messageId: item.messageId,
        problem: message.problem,
        bodyBytes: Buffer.byteLength(item.body, 'utf8'),
      });
      deps.metrics.addMetric('SendMessages_malformed', MetricUnit.Count, 1);
      return;
    }
    const wait = nextStart - deps.pace.now();
    if (wait > 0) await deps.pace.sleep(wait);
    nextStart = Math.max(deps.pace.now(), nextStart) + interval;
    if ('relayId' in message) {
      if (deps.sendRelay === undefined) throw new Error('a relay message, and this worker sends no relays');
      deps.metrics.addMetric(`Relays_${await deps.sendRelay(message.relayId)}`, MetricUnit.Count, 1);
      return;
    }
    const outcome = await deps.sendNotice(message.noticeId);
    deps.metrics.addMetric(`Notices_${outcome}`, MetricUnit.Count, 1);
  };
  const afterBatch = async (): Promise<void> => {
    try {
      await deps.afterBatch?.();
    } catch (e: unknown) {
      // The emails went out and are recorded; failing the batch would only redeliver messages that are all done.
      deps.logger.error('after-batch step failed', { error: errorMessage(e) });
      deps.metrics.addMetric('SendBatches_afterBatchFailed', MetricUnit.Count, 1);
    }
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    try {
      return await processPartialResponse(event, record, processor, { context, processInParallel: false });
    } finally {
      await afterBatch();
      deps.metrics.publishStoredMetrics();
    }
  };
}
