import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { RelayQueue } from '#core/ports/relay-queue.ts';
import { MAX_MESSAGES_PER_CALL } from './sqs-send-queue.ts';

/**
 * Relays on the send queue as `{"relayId": "m_…"}`, ten per call. Any refusal is thrown: the relay stays open in
 * the `RELAYDUE` partition, where the sweep's backstop finds it and enqueues it again.
 */
export class SqsRelayQueue implements RelayQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueueRelays(relayIds: readonly string[]): Promise<void> {
    const refused: string[] = [];
    for (let i = 0; i < relayIds.length; i += MAX_MESSAGES_PER_CALL) {
      const batch = relayIds.slice(i, i + MAX_MESSAGES_PER_CALL);
      const result = await this.client.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((relayId, n) => ({ Id: String(n), MessageBody: JSON.stringify({ relayId }) })),
        }),
      );
      for (const failure of result.Failed ?? []) refused.push(batch[Number(failure.Id)] ?? String(failure.Id));
    }
    if (refused.length > 0) throw new Error(`SQS refused relays ${refused.join(', ')}; the sweep enqueues them again`);
  }
}
