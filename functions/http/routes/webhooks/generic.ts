import { z } from 'zod';
import { DecisionInputSchema } from '#core/domain/decision.ts';
import { AuthenticationError, StaleSignatureError } from '#core/domain/errors.ts';
import { anyMacMatches, decodeMac, hmacSha256 } from './signatures.ts';
import { decisionEvent, ignore, parseVendor, type WebhookSourceAdapter } from './webhook-source.ts';

export const GENERIC_SIGNATURE_HEADER = 'Closeloop-Signature';

const deliveryId = DecisionInputSchema.shape.applicationId.describe('Unique per event; a retry repeats it');
const Envelope = z.object({ type: z.string().min(1), id: deliveryId });

/** The generic scheme's events: the decision contract of `POST /decisions` (source optional), or its reversal. */
export const GenericRejected = z
  .object({
    type: z.literal('decision.rejected'),
    id: deliveryId,
    decision: DecisionInputSchema.partial({ source: true }),
  })
  .strict();
export const GenericReversed = z
  .object({
    type: z.literal('decision.reversed'),
    id: deliveryId,
    source: DecisionInputSchema.shape.source.optional(),
    applicationId: DecisionInputSchema.shape.applicationId,
    reversedAt: z.iso.datetime({ offset: true }),
    note: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
const GenericEvent = z.discriminatedUnion('type', [GenericRejected, GenericReversed]);

/** `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`: several v1 values let a sender sign with old and new secret at once. */
export function parseGenericSignature(header: string | undefined): { t: number; v1: string[] } | undefined {
  if (header === undefined) return undefined;
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const [key, ...rest] = part.trim().split('=');
    const value = rest.join('=');
    if (key === 't' && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (key === 'v1' && value !== '') v1.push(value);
  }
  return t === undefined || v1.length === 0 ? undefined : { t, v1 };
}

/** What a sender computes: hex HMAC-SHA256(secret, t + "." + raw body). */
export function signGeneric(secret: string, t: number, body: string | Uint8Array): string {
  return hmacSha256(secret, `${t}.`, body).toString('hex');
}

/**
 * Closeloop's own scheme for any other ATS or an in-house tool: `Closeloop-Signature: t=…,v1=…` over
 * `t + "." + raw body`, refused when `t` is further than CLOSELOOP_WEBHOOK_TOLERANCE_SECONDS (5 minutes) from now.
 */
export const generic: WebhookSourceAdapter = {
  name: 'generic',
  description:
    'Any other ATS or an in-house tool. Header `Closeloop-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`; `t` must be within 5 minutes of now. Body: `{"type": "decision.rejected", "id", "decision": {…the POST /decisions contract…}}` or `{"type": "decision.reversed", "id", "applicationId", "reversedAt"}`.',

  authenticate(delivery, secrets, { settings, now }) {
    const signature = parseGenericSignature(delivery.header(GENERIC_SIGNATURE_HEADER));
    if (signature === undefined) throw new AuthenticationError('Closeloop-Signature missing or malformed');
    const valid = anyMacMatches(
      secrets,
      (secret) => hmacSha256(secret, `${signature.t}.`, delivery.body),
      signature.v1.map((v) => decodeMac(v)),
    );
    if (!valid) throw new AuthenticationError('Closeloop-Signature wrong');
    const age = Math.abs(now.getTime() / 1000 - signature.t);
    if (age > settings.genericToleranceSeconds) throw new StaleSignatureError('Closeloop-Signature stale');
  },

  async interpret(json) {
    const envelope = parseVendor(Envelope, json, 'generic webhook');
    if (envelope.type !== 'decision.rejected' && envelope.type !== 'decision.reversed') {
      return { kind: 'event', deliveryId: envelope.id, event: ignore(`Event type ${envelope.type} is not acted on.`) };
    }
    const event = parseVendor(GenericEvent, json, 'generic webhook');
    if (event.type === 'decision.reversed') {
      return {
        kind: 'event',
        deliveryId: event.id,
        event: {
          kind: 'cancel',
          source: event.source ?? 'generic',
          applicationId: event.applicationId,
          at: new Date(event.reversedAt).toISOString(),
          reason: event.note ?? 'reversed by the sender',
        },
      };
    }
    return {
      kind: 'event',
      deliveryId: event.id,
      event: decisionEvent({ ...event.decision, source: event.decision.source ?? 'generic', deliveryId: event.id }),
    };
  },
};
