import type { DomainEvent } from '../domain/events.ts';

/** EventBridge in AWS, the in-process bus locally. */
export interface EventPublisher {
  publish(events: readonly DomainEvent[]): Promise<void>;
}
