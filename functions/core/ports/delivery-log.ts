import type { DeliveryOutcome } from '../domain/ats-event.ts';

export interface DeliveryRecord {
  readonly source: string;
  readonly deliveryId: string;
  readonly outcome: DeliveryOutcome;
  readonly receivedAt: string;
}

export interface DeliveryClaim {
  readonly source: string;
  readonly deliveryId: string;
  /** When this worker starts the work; a claim is identified by it (release removes only its own). */
  readonly claimedAt: Date;
  /** A claim in progress made before this instant is taken over: its worker is presumed dead. */
  readonly staleBefore: Date;
  readonly expiresAt: Date;
}

export type ClaimResult =
  | { readonly status: 'claimed' }
  | { readonly status: 'handled'; readonly record: DeliveryRecord }
  | { readonly status: 'in-progress'; readonly claimedAt: string };

/**
 * Webhook deliveries claimed and handled (the delivery-level dedupe): keyed by a digest of source and delivery
 * id, kept for a while (TTL) and then forgotten. A delivery is claimed (one conditional write) before any work,
 * so concurrent copies of one delivery get a duplicate answer rather than all doing the work; the outcome
 * replaces the claim once the work is durable. A worker that fails releases its claim, and one that dies leaves
 * a claim that the next copy takes over once it is stale, so the vendor's retry still gets through.
 */
export interface DeliveryLog {
  /** The handled record; undefined while only claimed, or unknown. */
  find(source: string, deliveryId: string): Promise<DeliveryRecord | undefined>;
  /** One conditional write: the first caller (or the one taking over a stale claim) gets `claimed`. */
  claim(claim: DeliveryClaim): Promise<ClaimResult>;
  /** Drops this worker's claim (matched by `claimedAt`) so a retry can do the work; a no-op otherwise. */
  release(source: string, deliveryId: string, claimedAt: Date): Promise<void>;
  /** Replaces the claim with the outcome; keeps the first outcome when two workers race (a conditional put). */
  remember(record: DeliveryRecord, expiresAt: Date): Promise<void>;
}
