import type { DeliveryOutcome } from '../domain/ats-event.ts';

export interface DeliveryRecord {
  readonly source: string;
  readonly deliveryId: string;
  readonly outcome: DeliveryOutcome;
  readonly receivedAt: string;
}

/**
 * Webhook deliveries already handled (the delivery-level dedupe): keyed by a digest of source and delivery
 * id, kept for a while (TTL) and then forgotten. Written after the work is durable, so a crash in between
 * only means the retry is processed again, and every step of that is idempotent.
 */
export interface DeliveryLog {
  find(source: string, deliveryId: string): Promise<DeliveryRecord | undefined>;
  /** Keeps the first record when two workers race (a conditional put); either way the delivery is known. */
  remember(record: DeliveryRecord, expiresAt: Date): Promise<void>;
}
