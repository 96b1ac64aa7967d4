import { errorMessage } from '#core/domain/error-message.ts';
import type { DomainEvent } from '#core/domain/events.ts';
import type { EventPublisher } from '#core/ports/event-publisher.ts';
import type { Log } from '#core/ports/log.ts';

type Handler<E> = (event: E) => Promise<void> | void;

/**
 * The local stand-in for the EventBridge bus: delivers each event to its subscribers after the publisher
 * returns (asynchronously, as EventBridge does), and logs failures instead of losing them silently.
 */
export class InProcessEventBus<E extends { type: string } = DomainEvent> implements EventPublisher {
  private readonly handlers = new Map<string, Handler<E>[]>();
  private pending = new Set<Promise<void>>();

  constructor(private readonly log: Log) {}

  subscribe<T extends E['type']>(type: T, handler: Handler<Extract<E, { type: T }>>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as Handler<E>);
    this.handlers.set(type, list);
  }

  async publish(events: readonly DomainEvent[] | readonly E[]): Promise<void> {
    for (const event of events as readonly E[]) this.dispatch(event);
  }

  /** Delivers one event and resolves once its subscribers are done: for a producer that orders its events. */
  async deliver(event: E): Promise<void> {
    await Promise.all(this.dispatch(event));
  }

  private dispatch(event: E): Promise<void>[] {
    return (this.handlers.get(event.type) ?? []).map((handler) => {
      const run = Promise.resolve()
        .then(() => handler(event))
        .catch((e: unknown) => {
          this.log.error('event handler failed', {
            eventType: event.type,
            error: errorMessage(e),
          });
        })
        .finally(() => this.pending.delete(run));
      this.pending.add(run);
      return run;
    });
  }

  /** Resolves once every delivery started so far has finished (tests and `/local/sweep` wait on it). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
