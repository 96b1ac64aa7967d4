import type { RelayQueue } from '#core/ports/relay-queue.ts';
import type { SendQueue } from '#core/ports/send-queue.ts';

export class RecordingQueue implements SendQueue, RelayQueue {
  readonly messages: string[] = [];
  readonly relayMessages: string[] = [];

  async enqueue(noticeIds: readonly string[]): Promise<void> {
    this.messages.push(...noticeIds);
  }

  async enqueueRelays(relayIds: readonly string[]): Promise<void> {
    this.relayMessages.push(...relayIds);
  }

  take(): string[] {
    return this.messages.splice(0, this.messages.length);
  }

  takeRelays(): string[] {
    return this.relayMessages.splice(0, this.relayMessages.length);
  }
}
