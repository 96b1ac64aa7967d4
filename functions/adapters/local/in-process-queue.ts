import { errorMessage } from '#core/domain/error-message.ts';
import type { Log } from '#core/ports/log.ts';
import type { RelayQueue } from '#core/ports/relay-queue.ts';
import type { SendQueue } from '#core/ports/send-queue.ts';

export interface InProcessQueueOptions {
  /** Messages started per second at most: the SES maximum send rate. */
  readonly ratePerSecond: number;
  readonly concurrency: number;
  /** Deliveries before a message goes to the dead-letter list (SQS maxReceiveCount). */
  readonly maxReceives: number;
  /** Delay before a failed message is delivered again (SQS visibility timeout). */
  readonly retryDelayMs: number;
  /** Consumes relay messages (`enqueueRelays`), in the same line and at the same rate as notices. */
  readonly consumeRelay?: (relayId: string) => Promise<void>;
}

interface Message {
  readonly body: string;
  /** Relays share the queue as `{"relayId"}` messages share SQS: each message knows its consumer. */
  readonly consume: (id: string) => Promise<void>;
  receives: number;
}

/**
 * The local stand-in for SQS plus its Lambda consumer: at-least-once delivery, a send rate that never
 * exceeds the configured SES rate, redelivery after a failure, and a dead-letter list after `maxReceives`.
 * Messages live in memory; the due index in DynamoDB is the durable record, so a crash loses no notice
 * (the sweep enqueues it again after its lease).
 */
export class InProcessQueue implements SendQueue, RelayQueue {
  private readonly ready: Message[] = [];
  private readonly delayed = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private nextStartAt = 0;
  private pump: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;
  readonly deadLetters: string[] = [];

  constructor(
    private readonly consume: (body: string) => Promise<void>,
    private readonly options: InProcessQueueOptions,
    private readonly log: Log,
  ) {}

  async enqueue(bodies: readonly string[]): Promise<void> {
    if (this.stopped) throw new Error('queue is stopped');
    for (const body of bodies) this.ready.push({ body, consume: this.consume, receives: 0 });
    this.schedule();
  }

  async enqueueRelays(relayIds: readonly string[]): Promise<void> {
    if (this.stopped) throw new Error('queue is stopped');
    const consume = this.options.consumeRelay;
    if (consume === undefined) throw new Error('this queue consumes no relays');
    for (const body of relayIds) this.ready.push({ body, consume, receives: 0 });
    this.schedule();
  }

  /** Messages waiting, delayed for retry or being processed. */
  get depth(): number {
    return this.ready.length + this.delayed.size + this.inFlight;
  }

  /** Resolves when nothing is waiting, delayed or in flight. */
  drain(): Promise<void> {
    if (this.depth === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    if (this.pump) clearTimeout(this.pump);
    for (const timer of this.delayed) clearTimeout(timer);
    this.delayed.clear();
    this.ready.length = 0;
    this.notifyIfIdle();
  }

  private schedule(): void {
    if (this.pump !== undefined || this.stopped) return;
    const wait = Math.max(0, this.nextStartAt - Date.now());
    this.pump = setTimeout(() => {
      this.pump = undefined;
      this.startNext();
    }, wait);
  }

  private startNext(): void {
    while (this.ready.length > 0 && this.inFlight < this.options.concurrency && !this.stopped) {
      const now = Date.now();
      if (now < this.nextStartAt) break;
      const message = this.ready.shift();
      if (message === undefined) break;
      this.nextStartAt = Math.max(now, this.nextStartAt) + 1000 / this.options.ratePerSecond;
      this.process(message);
    }
    if (this.ready.length > 0 && this.inFlight < this.options.concurrency) this.schedule();
    this.notifyIfIdle();
  }

  private process(message: Message): void {
    this.inFlight++;
    message.receives++;
    message
      .consume(message.body)
      .catch((e: unknown) => {
        const error = errorMessage(e);
        if (message.receives >= this.options.maxReceives) {
          this.deadLetters.push(message.body);
          this.log.error('message moved to the dead-letter list', { receives: message.receives, error });
          return;
        }
        this.log.warn('message failed, will be delivered again', { receives: message.receives, error });
        const timer = setTimeout(() => {
          this.delayed.delete(timer);
          this.ready.push(message);
          this.schedule();
        }, this.options.retryDelayMs);
        this.delayed.add(timer);
      })
      .finally(() => {
        this.inFlight--;
        this.schedule();
        this.notifyIfIdle();
      });
  }

  private notifyIfIdle(): void {
    if (this.depth !== 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
