import { setTimeout as sleep } from 'node:timers/promises';
import { type BatchResultErrorEntry, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { backoffDelayMs, type RetryPolicy } from '#core/domain/retry-policy.ts';
import type { RelayQueue } from '#core/ports/relay-queue.ts';
import type { SendQueue } from '#core/ports/send-queue.ts';

/** SendMessageBatch takes at most 10 messages (a notice id message is ~45 bytes: the size limit never binds). */
export const MAX_MESSAGES_PER_CALL = 10;

export interface SqsSendQueueOptions {
  /** Attempts per message, the first included, for messages SQS refuses through no fault of ours. */
  readonly retry?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<unknown>;
  readonly random?: () => number;
}

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 };

/** Thrown when some notice (or relay) ids could not be enqueued; the rest were. */
export class EnqueueError extends Error {
  constructor(
    readonly noticeIds: readonly string[],
    readonly codes: readonly string[],
  ) {
    super(`SQS refused ${noticeIds.length} messages (${codes.join(', ')}): ${noticeIds.join(', ')}`);
    this.name = 'EnqueueError';
  }
}

interface Entry {
  readonly Id: string;
  readonly MessageBody: string;
  readonly noticeId: string;
}

/**
 * Enqueues notice ids on the send queue, ten per call.
 *
 * SQS can accept a call and refuse some of its messages (`Failed`): those refused on its side (`SenderFault`
 * false: throttling, an internal error) are sent again with backoff; those refused as our fault would be refused
 * again and are not. Every call is made before anything is reported, so one bad batch does not hold back the
 * batches after it. A call that fails as a whole (throttled or 5xx after the SDK's own retries) is thrown at
 * once. Either way nothing is lost: a notice that was not enqueued stays leased in the due index and the sweep
 * enqueues it again when the lease runs out.
 */
export class SqsSendQueue implements SendQueue, RelayQueue {
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<unknown>;
  private readonly random: () => number;

  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    options: SqsSendQueueOptions = {},
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.sleep = options.sleep ?? ((ms) => sleep(ms));
    this.random = options.random ?? Math.random;
  }

  async enqueue(noticeIds: readonly string[]): Promise<void> {
    await this.sendAll(noticeIds, (noticeId) => JSON.stringify({ noticeId }));
  }

  /** Relays share the queue (`{"relayId": "m_…"}`): the send function keeps them to the same SES rate. */
  async enqueueRelays(relayIds: readonly string[]): Promise<void> {
    await this.sendAll(relayIds, (relayId) => JSON.stringify({ relayId }));
  }

  private async sendAll(ids: readonly string[], body: (id: string) => string): Promise<void> {
    const refused: { readonly noticeId: string; readonly code: string }[] = [];
    for (let i = 0; i < ids.length; i += MAX_MESSAGES_PER_CALL) {
      let pending: Entry[] = ids
        .slice(i, i + MAX_MESSAGES_PER_CALL)
        .map((id, n) => ({ Id: String(n), MessageBody: body(id), noticeId: id }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        const result = await this.client.send(
          new SendMessageBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: pending.map(({ Id, MessageBody }) => ({ Id, MessageBody })),
          }),
        );
        const failures = new Map<string, BatchResultErrorEntry>();
        for (const f of result.Failed ?? []) if (f.Id !== undefined) failures.set(f.Id, f);
        const failed = pending.filter((entry) => failures.has(entry.Id));
        const retryable = failed.filter((entry) => failures.get(entry.Id)?.SenderFault !== true);
        for (const entry of failed) {
          const failure = failures.get(entry.Id);
          if (failure?.SenderFault === true) refused.push({ noticeId: entry.noticeId, code: codeOf(failure) });
        }
        if (retryable.length > 0 && attempt >= this.retry.maxAttempts) {
          for (const entry of retryable)
            refused.push({ noticeId: entry.noticeId, code: codeOf(failures.get(entry.Id)) });
          break;
        }
        pending = retryable;
        if (pending.length > 0) await this.sleep(backoffDelayMs(this.retry, attempt, this.random));
      }
    }
    if (refused.length > 0) {
      throw new EnqueueError(
        refused.map((r) => r.noticeId),
        [...new Set(refused.map((r) => r.code))],
      );
    }
  }
}

function codeOf(failure: BatchResultErrorEntry | undefined): string {
  return failure?.Code ?? 'Unknown';
}
