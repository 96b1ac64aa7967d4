import type { DomainEvent } from '#core/domain/events.ts';
import type { EventPublisher } from '#core/ports/event-publisher.ts';

export class RecordingEvents implements EventPublisher {
  readonly published: DomainEvent[] = [];

  async publish(events: readonly DomainEvent[]): Promise<void> {
    this.published.push(...events);
  }
}
