import { z } from 'zod';
import { categorizeReason, categorizeStage } from '#core/domain/ats-mapping.ts';
import { AuthenticationError, StaleSignatureError } from '#core/domain/errors.ts';
import { definedFields } from '#core/domain/optional.ts';
import { ownerAmong } from './owner.ts';
import { anyMacMatches, decodeMac, hmacSha256 } from './signatures.ts';
import {
  decisionEvent,
  deliveryIdFrom,
  ignore,
  isoFrom,
  parseVendor,
  type WebhookSourceAdapter,
} from './webhook-source.ts';

const Signed = z.object({
  token: z.string().min(1),
  triggeredAt: z.number().int().positive(),
  signature: z.string().min(1),
});

const Envelope = z.object({ event: z.string().min(1), token: z.string() });

const ArchiveChange = z.object({
  event: z.literal('candidateArchiveChange'),
  triggeredAt: z.number(),
  data: z.object({
    // Lever's ids are UUIDs; anything else (`..`, `/`, a lone surrogate) must not reach the API's URL path.
    opportunityId: z
      .string()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a Lever opportunity id (a UUID)'),
    toArchived: z.object({ archivedAt: z.number(), reason: z.string() }).nullish(),
    fromArchived: z.object({ archivedAt: z.number(), reason: z.string() }).nullish(),
  }),
});

function signedPart(text: string): z.infer<typeof Signed> | undefined {
  try {
    const parsed = Signed.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lever: the body carries `token`, `triggeredAt` (ms) and `signature` = hex HMAC-SHA256(signature token,
 * token + triggeredAt). The signature does not cover `data`, so a delivery older than `LEVER_MAX_AGE_SECONDS`
 * is refused, `data` only says which opportunity to look at, and what is true about it comes from Lever's API.
 */
export const lever: WebhookSourceAdapter = {
  name: 'lever',
  description:
    'Lever "Candidate archive state change" webhooks. The body\'s `signature` is hex HMAC-SHA256(signature token, token + triggeredAt); deliveries older than LEVER_MAX_AGE_SECONDS are refused and the opportunity is read from Lever\'s API.',

  authenticate(delivery, secrets, { settings, now }) {
    const signed = signedPart(delivery.text);
    if (signed === undefined) throw new AuthenticationError('Lever signature missing');
    const valid = anyMacMatches(secrets, (secret) => hmacSha256(secret, `${signed.token}${signed.triggeredAt}`), [
      decodeMac(signed.signature),
    ]);
    if (!valid) throw new AuthenticationError('Lever signature wrong');
    const age = Math.abs(now.getTime() - signed.triggeredAt);
    if (age > settings.leverMaxAgeSeconds * 1000) throw new StaleSignatureError('Lever signature stale');
  },

  async interpret(json, delivery, { settings, lever: api, now }) {
    const envelope = parseVendor(Envelope, json, 'Lever');
    const deliveryId = deliveryIdFrom(envelope.token, delivery.body);
    if (envelope.event !== 'candidateArchiveChange') {
      return { kind: 'event', deliveryId, event: ignore(`Lever event ${envelope.event} is not acted on.`) };
    }
    const change = parseVendor(ArchiveChange, json, 'Lever');
    const opportunity = await api.getOpportunity(change.data.opportunityId);
    if (opportunity === undefined) {
      return { kind: 'event', deliveryId, event: ignore('Lever does not know this opportunity.') };
    }

    if (change.data.toArchived == null) {
      // Unarchived. Lever's API, not the unsigned data, decides whether that is still true.
      if (opportunity.archived !== undefined) {
        return { kind: 'event', deliveryId, event: ignore('Lever says the opportunity is archived again.') };
      }
      return {
        kind: 'event',
        deliveryId,
        event: {
          kind: 'cancel',
          source: 'lever',
          applicationId: opportunity.id,
          at: isoFrom(change.triggeredAt, now),
          reason: 'unarchived in Lever',
        },
      };
    }

    const archived = opportunity.archived;
    if (archived === undefined) {
      return { kind: 'event', deliveryId, event: ignore('Lever says the opportunity is no longer archived.') };
    }
    if (archived.reason.type === 'hired') {
      return { kind: 'event', deliveryId, event: ignore('Archived as hired: not a rejection.') };
    }
    if (opportunity.posting === undefined) {
      return {
        kind: 'event',
        deliveryId,
        event: ignore('The opportunity is for no posting: there is no job to name in the email.'),
      };
    }
    const reasonText = archived.reason.text.trim();
    const recruiter = ownerAmong([opportunity.owner]);
    return {
      kind: 'event',
      deliveryId,
      event: decisionEvent({
        source: 'lever',
        applicationId: opportunity.id,
        decision: 'rejected',
        decidedAt: archived.at,
        job: { id: opportunity.posting.id, title: opportunity.posting.title },
        candidate: {
          name: opportunity.name.trim() || (opportunity.email ?? ''),
          email: opportunity.email ?? '',
          ...definedFields({ id: opportunity.contactId }),
        },
        ...(reasonText === '' ? {} : { reason: reasonText }),
        reasonId: archived.reason.id,
        reasonCategory: categorizeReason(settings.mapping, reasonText),
        ...(opportunity.stageName === undefined
          ? {}
          : { stage: opportunity.stageName, stageCategory: categorizeStage(settings.mapping, opportunity.stageName) }),
        ...definedFields({ recruiter }),
        deliveryId,
      }),
    };
  },
};
