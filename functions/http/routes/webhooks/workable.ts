import { z } from 'zod';
import { categorizeReason, categorizeStage } from '#core/domain/ats-mapping.ts';
import type { DecisionInput } from '#core/domain/decision.ts';
import { AuthenticationError, UpstreamUnavailableError } from '#core/domain/errors.ts';
import { definedFields } from '#core/domain/optional.ts';
import type { Log } from '#core/ports/log.ts';
import type { WorkableApi } from '#core/ports/workable-api.ts';
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

/** Workable's candidate event (https://workable.readme.io/reference/candidate-events): the keys Closeloop reads. */
const CandidatePayload = z.object({
  event_type: z.string().nullish(),
  id: z.string().nullish(),
  data: z.object({
    id: z.string().min(1),
    name: z.string().nullish(),
    firstname: z.string().nullish(),
    lastname: z.string().nullish(),
    email: z.string().nullish(),
    disqualified: z.boolean().nullish(),
    withdrew: z.boolean().nullish(),
    disqualification_reason: z.string().nullish(),
    disqualified_at: z.string().nullish(),
    updated_at: z.string().nullish(),
    stage: z.string().nullish(),
    job: z.object({ shortcode: z.string().min(1), title: z.string().min(1) }),
  }),
});

/**
 * The job's recruiter, from Workable's API. Unlike Lever's, this read is not what makes the decision true (the
 * signed payload is complete): when Workable fails, the decision is recorded anyway and the default inbox owns
 * the candidate. A 503 would hold back the rejection email on a lookup that only says whose inbox replies reach,
 * and Workable does not promise to redeliver; a recruiter can still set the owner (`PUT /notices/{id}/owner`).
 */
async function jobRecruiter(
  api: WorkableApi | undefined,
  shortcode: string,
  log: Log | undefined,
): Promise<DecisionInput['recruiter']> {
  if (api === undefined) return undefined;
  try {
    const members = await api.jobMembers(shortcode);
    return ownerAmong(members.filter((m) => m.roles.includes('recruiter')));
  } catch (e: unknown) {
    if (!(e instanceof UpstreamUnavailableError)) throw e;
    log?.warn('Workable job members unavailable: the default inbox owns the candidate', {
      shortcode,
      why: e.message,
    });
    return undefined;
  }
}

/**
 * Workable: `X-Workable-Signature` = HMAC-SHA256 of the raw body with the account token (or OAuth app secret).
 * `candidate_moved` with `disqualified: true` is a decision; the same candidate requalified reverses it.
 */
export const workable: WebhookSourceAdapter = {
  name: 'workable',
  description:
    'Workable `candidate_moved` webhooks. Header `X-Workable-Signature: <hex HMAC-SHA256 of the raw body>`; a disqualified candidate is a decision, a requalified one reverses it.',

  authenticate(delivery, secrets) {
    const given = decodeMac(delivery.header('x-workable-signature'));
    if (!anyMacMatches(secrets, (secret) => hmacSha256(secret, delivery.body), [given])) {
      throw new AuthenticationError('Workable signature missing or wrong');
    }
  },

  async interpret(json, delivery, { settings, now, workable: api, log }) {
    const payload = parseVendor(CandidatePayload, json, 'Workable');
    // Workable documents no delivery id: a top-level id when present, else the body's digest.
    const deliveryId = deliveryIdFrom(payload.id ?? undefined, delivery.body);
    const type = payload.event_type;
    if (type != null && type !== 'candidate_moved') {
      return { kind: 'event', deliveryId, event: ignore(`Workable event ${type} is not acted on.`) };
    }
    const candidate = payload.data;
    if (candidate.disqualified !== true) {
      return {
        kind: 'event',
        deliveryId,
        event: {
          kind: 'cancel',
          source: 'workable',
          applicationId: candidate.id,
          at: isoFrom(candidate.updated_at, now),
          reason: 'requalified in Workable',
        },
      };
    }
    const email = candidate.email ?? '';
    const name =
      candidate.name?.trim() ||
      [candidate.firstname, candidate.lastname].filter((p) => p != null && p.trim() !== '').join(' ') ||
      email;
    const reason = candidate.disqualification_reason?.trim();
    const stage = candidate.stage ?? undefined;
    const recruiter = await jobRecruiter(api, candidate.job.shortcode, log);
    return {
      kind: 'event',
      deliveryId,
      event: decisionEvent({
        source: 'workable',
        applicationId: candidate.id,
        decision: 'rejected',
        decidedAt: isoFrom(candidate.disqualified_at ?? candidate.updated_at, now),
        job: { id: candidate.job.shortcode, title: candidate.job.title },
        candidate: {
          name,
          ...(candidate.firstname ? { firstName: candidate.firstname } : {}),
          email,
          id: candidate.id,
        },
        ...(reason ? { reason } : {}),
        reasonCategory:
          candidate.withdrew === true ? 'withdrawn' : categorizeReason(settings.mapping, reason ?? undefined),
        ...(stage === undefined ? {} : { stage, stageCategory: categorizeStage(settings.mapping, stage) }),
        ...definedFields({ recruiter }),
        deliveryId,
      }),
    };
  },
};
