import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { ReplyLinkMessage } from '#adapters/sqs/sqs-reply-link-queue.ts';
import { ConflictError, GoneError, NotFoundError } from '#core/domain/errors.ts';
import type { ProcessInboundMail } from '#core/use-cases/process-inbound-mail.ts';
import type { LinkUnmatchedReply } from '#core/use-cases/resolve-unmatched-reply.ts';

/**
 * The S3 event notification as the inbound bucket sends it to the reply queue, reduced to the fields we
 * use. Powertools' full `S3Schema` is stricter than we can afford here (it expects `sourceIPAddress` to be an
 * IPv4 address or S3's own name, which SES-written objects need not satisfy), and a schema error would drop
 * a real reply; the fields below are the ones that matter, validated strictly.
 */
const S3Notification = z.object({
  Records: z
    .array(
      z.object({
        eventSource: z.literal('aws:s3'),
        eventName: z.string(),
        s3: z.object({
          bucket: z.object({ name: z.string().min(3).max(63) }),
          object: z.object({ key: z.string().min(1).max(1024), size: z.number().int().nonnegative().optional() }),
        }),
      }),
    )
    .min(1),
});
/** S3 sends this once when the notification is configured; there is nothing to process. */
const S3TestEvent = z.object({ Event: z.literal('s3:TestEvent') });

/** S3 event keys are URL-encoded with `+` for spaces. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/**
 * Consumes the reply queue: each record carries an S3 notification for a message SES stored. A record
 * whose processing throws (DynamoDB or the classifier unavailable) is a partial batch failure and comes back
 * after the visibility timeout, then goes to the dead-letter queue; malformed records are logged and dropped.
 * The use case is idempotent (the reply id is the Message-ID's digest), so a redelivery is harmless.
 */
export function makeReplyHandler(deps: {
  processInboundMail: ProcessInboundMail;
  /** Links a recruiter asked for through the API (`{"linkReply": …}` messages on the same queue). */
  linkUnmatchedReply: LinkUnmatchedReply;
  logger: Logger;
  metrics: Metrics;
}) {
  const processor = new BatchProcessor(EventType.SQS);
  const record = async (item: SQSRecord): Promise<void> => {
    let body: unknown;
    try {
      body = JSON.parse(item.body);
    } catch {
      deps.logger.error('reply queue message is not JSON, dropped', { messageId: item.messageId });
      return;
    }
    if (S3TestEvent.safeParse(body).success) return;
    const link = ReplyLinkMessage.safeParse(body);
    if (link.success) return linkReply(link.data.linkReply);
    const parsed = S3Notification.safeParse(body);
    if (!parsed.success) {
      deps.logger.error('reply queue message is not an S3 notification, dropped', {
        messageId: item.messageId,
        issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      });
      return;
    }
    for (const s3 of parsed.data.Records) {
      if (!s3.eventName.startsWith('ObjectCreated:')) continue;
      const outcome = await deps.processInboundMail({
        store: 's3',
        bucket: s3.s3.bucket.name,
        key: decodeS3Key(s3.s3.object.key),
      });
      deps.metrics.addMetric(`Replies_${outcome.status}`, MetricUnit.Count, 1);
      for (const flag of outcome.flags) deps.metrics.addMetric(`Flags_${flag}`, MetricUnit.Count, 1);
    }
  };
  /**
   * A refusal (the reply was dismissed or linked elsewhere meanwhile, the candidate erased) cannot succeed on a
   * retry: logged and dropped. Anything else (DynamoDB, S3, the classifier) is retried, and the link is idempotent.
   */
  const linkReply = async (request: z.infer<typeof ReplyLinkMessage>['linkReply']): Promise<void> => {
    try {
      const linked = await deps.linkUnmatchedReply(request);
      deps.metrics.addMetric(linked.duplicate ? 'RepliesLinked_duplicate' : 'RepliesLinked', MetricUnit.Count, 1);
    } catch (e: unknown) {
      if (!(e instanceof NotFoundError || e instanceof ConflictError || e instanceof GoneError)) throw e;
      deps.logger.warn('unmatched reply link refused, dropped', { ...request, reason: e.message });
    }
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const response = await processPartialResponse(event, record, processor, { context });
    deps.metrics.publishStoredMetrics();
    return response;
  };
}
