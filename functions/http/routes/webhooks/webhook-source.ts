import type { z } from 'zod';
import type { WebhookSettings, WebhookSource } from '#config/webhook-config.ts';
import type { AtsEvent } from '#core/domain/ats-event.ts';
import { type DecisionInput, DecisionInputSchema } from '#core/domain/decision.ts';
import { ValidationError } from '#core/domain/errors.ts';
import type { LeverApi } from '#core/ports/lever-api.ts';
import type { Log } from '#core/ports/log.ts';
import type { WorkableApi } from '#core/ports/workable-api.ts';
import { issuesFromZod } from '../../problem.ts';
import { sha256Hex } from './signatures.ts';

/** A webhook request as it arrived: the exact bytes (what signatures cover) and the headers. */
export interface RawDelivery {
  readonly body: Buffer;
  readonly text: string;
  header(name: string): string | undefined;
}

export interface SourceContext {
  readonly settings: WebhookSettings;
  readonly lever: LeverApi;
  /** Absent when no Workable API is configured (`WORKABLE_API_URL`): Workable decisions then name no owner. */
  readonly workable?: WorkableApi;
  readonly now: Date;
  /** Says what an adapter worked around (an owner lookup that failed). Optional: a pure reading needs none. */
  readonly log?: Log;
}

export type Interpretation =
  | { readonly kind: 'event'; readonly deliveryId: string; readonly event: AtsEvent }
  /** The vendor checking the endpoint is alive (Greenhouse, Ashby): answered 200, nothing recorded. */
  | { readonly kind: 'ping' };

/** One vendor's scheme: how its deliveries are signed, identified and read. */
export interface WebhookSourceAdapter {
  readonly name: WebhookSource;
  /** For the OpenAPI document and docs/webhooks.md. */
  readonly description: string;
  /** Throws `AuthenticationError` when the signature is missing, wrong or too old. Runs before any parsing. */
  authenticate(delivery: RawDelivery, secrets: readonly string[], context: SourceContext): void;
  /** Reads the verified JSON; throws `ValidationError` naming the vendor's fields when it cannot. */
  interpret(json: unknown, delivery: RawDelivery, context: SourceContext): Promise<Interpretation>;
}

/** Parses with a vendor schema, reporting problems at the vendor's own field paths. */
export function parseVendor<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ValidationError(
      `The ${what} payload is not one Closeloop can read; nothing was recorded.`,
      issuesFromZod(parsed.error),
    );
  }
  return parsed.data;
}

export function ignore(reason: string): AtsEvent {
  return { kind: 'ignore', reason };
}

/**
 * The normalized decision, checked against the decision contract. A candidate without a usable email address
 * is not an error of the sender's (retrying would not help): the delivery is ignored with that reason.
 */
export function decisionEvent(input: DecisionInput): AtsEvent {
  const parsed = DecisionInputSchema.safeParse(input);
  if (parsed.success) return { kind: 'decision', decision: parsed.data };
  const issues = issuesFromZod(parsed.error, ['(normalized decision)']);
  if (issues.some((i) => i.field.endsWith('candidate.email'))) {
    return ignore('The candidate has no valid email address: nothing can be sent.');
  }
  throw new ValidationError('The payload does not make a valid decision; nothing was recorded.', issues);
}

export function isoFrom(value: string | number | null | undefined, fallback: Date): string {
  if (value === null || value === undefined) return fallback.toISOString();
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? fallback.toISOString() : date.toISOString();
}

/**
 * A time the payload must carry. Taking `now` instead would let a captured body, replayed with a fresh
 * (unsigned) delivery id header, look like a newer decision; refused with the field's name.
 */
export function requiredIso(value: string | number | null | undefined, field: string): string {
  const date = value === null || value === undefined ? undefined : new Date(value);
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new ValidationError('The payload carries no usable time for the decision; nothing was recorded.', [
      { field, message: value === null || value === undefined ? 'Required' : 'expected an ISO 8601 date-time' },
    ]);
  }
  return date.toISOString();
}

/**
 * The vendor's delivery id when it is a usable identifier, else a digest of it; with no id at all, a digest of
 * the body (a retry repeats the body byte for byte).
 */
export function deliveryIdFrom(vendorId: string | undefined, body: Buffer): string {
  const given = vendorId?.trim();
  if (given === undefined || given === '') return `sha256-${sha256Hex(body)}`;
  return /^[\w.:@/#+=-]{1,200}$/.test(given) ? given : `sha256-${sha256Hex(given)}`;
}
