import type { SendQueue } from '#core/ports/send-queue.ts';

export class RecordingQueue implements SendQueue {
  readonly messages: string[] = [];

  async enqueue(noticeIds: readonly string[]): Promise<void> {
    this.messages.push(...noticeIds);
  }

  take(): string[] {
    return this.messages.splice(0, this.messages.length);
  }
}
