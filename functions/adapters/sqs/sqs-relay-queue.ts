import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { RelayQueue } from '#core/ports/relay-queue.ts';

const MAX_MESSAGES_PER_CALL = 10;

/**
 * Relays on the send queue (`{"relayId": "m_…"}`), next to notices, so both keep to the one SES rate. A
 * failed entry throws: the relay stays `pending` in the `RELAYDUE` index, and the sweep enqueues it again.
 */
export class SqsRelayQueue implements RelayQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueueRelays(relayIds: readonly string[]): Promise<void> {
    for (let i = 0; i < relayIds.length; i += MAX_MESSAGES_PER_CALL) {
      const batch = relayIds.slice(i, i + MAX_MESSAGES_PER_CALL);
      const result = await this.client.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((relayId, n) => ({ Id: String(n), MessageBody: JSON.stringify({ relayId }) })),
        }),
      );
      const failed = result.Failed ?? [];
      if (failed.length > 0) {
        throw new Error(
          `${failed.length} relay(s) not enqueued: ${[...new Set(failed.map((f) => f.Code))].join(', ')}`,
        );
      }
    }
  }
}
