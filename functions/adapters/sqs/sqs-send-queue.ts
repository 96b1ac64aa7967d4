import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SendQueue } from '#core/ports/send-queue.ts';

const BATCH = 10;

/** Enqueues notice ids on the send queue, ten per call; entries SQS refuses are retried, then reported. */
export class SqsSendQueue implements SendQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(noticeIds: readonly string[]): Promise<void> {
    for (let i = 0; i < noticeIds.length; i += BATCH) {
      let pending = noticeIds
        .slice(i, i + BATCH)
        .map((id, n) => ({ Id: String(n), MessageBody: JSON.stringify({ noticeId: id }) }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        const result = await this.client.send(
          new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }),
        );
        const failed = new Set((result.Failed ?? []).map((f) => f.Id));
        pending = pending.filter((entry) => failed.has(entry.Id));
        if (pending.length > 0 && attempt >= 3) {
          // The notices stay leased in the due index and are enqueued again when the lease expires.
          throw new Error(`SQS refused ${pending.length} messages after ${attempt} attempts`);
        }
      }
    }
  }
}
