import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DomainEvent } from '#core/domain/events.ts';
import type { EventPublisher } from '#core/ports/event-publisher.ts';

export const EVENT_SOURCE = 'closeloop';
const BATCH = 10;

/** Publishes domain events to the decisions bus; the detail-type is the event type, the detail the event. */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += BATCH) {
      const entries = events.slice(i, i + BATCH).map((event) => ({
        EventBusName: this.busName,
        Source: EVENT_SOURCE,
        DetailType: event.type,
        Detail: JSON.stringify(event),
        Time: new Date(event.occurredAt),
      }));
      const result = await this.client.send(new PutEventsCommand({ Entries: entries }));
      if ((result.FailedEntryCount ?? 0) > 0) {
        const reasons = (result.Entries ?? []).filter((e) => e.ErrorCode).map((e) => e.ErrorCode);
        throw new Error(`EventBridge refused ${result.FailedEntryCount} events: ${[...new Set(reasons)].join(', ')}`);
      }
    }
  }
}
