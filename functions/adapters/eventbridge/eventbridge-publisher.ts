import { setTimeout as sleep } from 'node:timers/promises';
import { type EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { DomainEvent } from '#core/domain/events.ts';
import { backoffDelayMs, type RetryPolicy } from '#core/domain/retry-policy.ts';
import type { EventPublisher } from '#core/ports/event-publisher.ts';

export const EVENT_SOURCE = 'closeloop';

/** PutEvents takes at most 10 entries and 256 KB per request. */
export const MAX_ENTRIES_PER_CALL = 10;
export const MAX_BYTES_PER_CALL = 256 * 1024;

/** The entry error codes EventBridge documents as retryable; every other code will fail again. */
const RETRYABLE_CODES = new Set(['InternalFailure', 'ThrottlingException']);

export interface EventBridgePublisherOptions {
  /** Attempts per entry, the first included, for entries refused with a retryable code. */
  readonly retry?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<unknown>;
  readonly random?: () => number;
}

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 };

/**
 * An entry's size as EventBridge counts it against the 256 KB: the UTF-8 bytes of its source, detail type,
 * detail and resources, plus 14 for the time. The bus name is counted too (EventBridge does not), which only
 * errs on the safe side.
 */
export function entrySize(entry: PutEventsRequestEntry): number {
  const bytes = (s: string | undefined) => (s === undefined ? 0 : Buffer.byteLength(s, 'utf8'));
  return (
    (entry.Time === undefined ? 0 : 14) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    bytes(entry.EventBusName) +
    (entry.Resources ?? []).reduce((sum, r) => sum + bytes(r), 0)
  );
}

/** Splits entries into calls of at most 10 entries and 256 KB, in order. */
export function batchesOf<T>(items: readonly T[], sizeOf: (item: T) => number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length === MAX_ENTRIES_PER_CALL || (current.length > 0 && bytes + size > MAX_BYTES_PER_CALL)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

interface Pending {
  readonly event: DomainEvent;
  readonly entry: PutEventsRequestEntry;
}

/**
 * Publishes domain events to the decisions bus; the detail-type is the event type, the detail the event.
 *
 * Calls hold at most 10 entries and 256 KB. PutEvents accepts a call and still refuses some of its entries
 * (`FailedEntryCount`): those refused as throttled or by an internal failure are sent again, alone, with
 * backoff; the others cannot succeed and are reported. A call that fails as a whole (throttled or 5xx after the
 * SDK's own retries) is thrown as is. Either way `publish` rejects, naming what was not published: events carry
 * deterministic ids, so a caller that retries the whole list gives consumers duplicates they drop, never gaps.
 */
export class EventBridgePublisher implements EventPublisher {
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<unknown>;
  private readonly random: () => number;

  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    options: EventBridgePublisherOptions = {},
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.sleep = options.sleep ?? ((ms) => sleep(ms));
    this.random = options.random ?? Math.random;
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    const pending: Pending[] = events.map((event) => ({ event, entry: this.entryOf(event) }));
    // Refused before anything is sent: an event too large for any call would otherwise fail half-way through.
    const oversized = pending.filter((p) => entrySize(p.entry) > MAX_BYTES_PER_CALL);
    if (oversized.length > 0) {
      const named = oversized.map((p) => `${p.event.type} ${p.event.id} (${entrySize(p.entry)} bytes)`).join(', ');
      throw new Error(`Events larger than EventBridge's ${MAX_BYTES_PER_CALL} bytes cannot be published: ${named}`);
    }

    const refused: { readonly event: DomainEvent; readonly code: string }[] = [];
    for (const batch of batchesOf(pending, (p) => entrySize(p.entry))) {
      let attempt = 1;
      let remaining = batch;
      while (remaining.length > 0) {
        const result = await this.client.send(new PutEventsCommand({ Entries: remaining.map((p) => p.entry) }));
        if ((result.FailedEntryCount ?? 0) === 0) break;
        // The answer lists one result per entry, in the order sent.
        const failed = remaining
          .map((p, i) => ({ ...p, code: result.Entries?.[i]?.ErrorCode }))
          .filter((p): p is Pending & { code: string } => p.code !== undefined && p.code !== '');
        if (failed.length === 0) {
          // A failure count without per-entry codes: which entries went through is unknown, so none is assumed.
          refused.push(...remaining.map((p) => ({ ...p, code: 'UnidentifiedFailure' })));
          break;
        }
        const retryable = failed.filter((f) => RETRYABLE_CODES.has(f.code));
        for (const f of failed) if (!RETRYABLE_CODES.has(f.code)) refused.push(f);
        if (retryable.length > 0 && attempt >= this.retry.maxAttempts) {
          refused.push(...retryable);
          break;
        }
        remaining = retryable;
        if (remaining.length > 0) await this.sleep(backoffDelayMs(this.retry, attempt, this.random));
        attempt += 1;
      }
    }

    if (refused.length > 0) {
      const codes = [...new Set(refused.map((r) => r.code))].join(', ');
      const ids = refused.map((r) => `${r.event.type} ${r.event.id}`).join(', ');
      throw new Error(`EventBridge refused ${refused.length} of ${events.length} events (${codes}): ${ids}`);
    }
  }

  private entryOf(event: DomainEvent): PutEventsRequestEntry {
    return {
      EventBusName: this.busName,
      Source: EVENT_SOURCE,
      DetailType: event.type,
      Detail: JSON.stringify(event),
      Time: new Date(event.occurredAt),
    };
  }
}
