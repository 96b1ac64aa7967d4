import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import type { SendNotice } from '#core/use-cases/send-notice.ts';

const SendMessage = z.object({ noticeId: z.string().check(z.regex(/^n_[a-z2-7]{26}$/)) });

/**
 * Consumes the send queue. Each record is one notice; a record whose send throws (DynamoDB unavailable)
 * is reported as a partial batch failure and comes back after the visibility timeout. Malformed records
 * are logged and dropped: retrying them cannot help.
 */
export function makeSendHandler(deps: { sendNotice: SendNotice; logger: Logger; metrics: Metrics }) {
  const processor = new BatchProcessor(EventType.SQS);
  const record = async (item: SQSRecord): Promise<void> => {
    const parsed = SendMessage.safeParse(JSON.parse(item.body));
    if (!parsed.success) {
      deps.logger.error('malformed send message dropped', { messageId: item.messageId });
      return;
    }
    const outcome = await deps.sendNotice(parsed.data.noticeId);
    deps.metrics.addMetric(`Notices_${outcome}`, MetricUnit.Count, 1);
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const response = await processPartialResponse(event, record, processor, { context });
    deps.metrics.publishStoredMetrics();
    return response;
  };
}
