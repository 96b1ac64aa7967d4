import { z } from 'zod';
import { categorizeReason, categorizeStage } from '#core/domain/ats-mapping.ts';
import { AuthenticationError } from '#core/domain/errors.ts';
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

/** An Ashby user: `creditedToUser`, or a `hiringTeam` member (who also has a `role`). */
const user = z.object({
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  email: z.string().nullish(),
});

const Envelope = z.object({ action: z.string().min(1), webhookActionId: z.string().nullish() });

/** Ashby's application webhook payload, as its OpenAPI document describes it (the parts Closeloop reads). */
const ApplicationPayload = z.object({
  data: z.object({
    application: z.object({
      id: z.string().min(1),
      status: z.string().min(1),
      updatedAt: z.string().nullish(),
      archivedAt: z.string().nullish(),
      candidate: z.object({
        id: z.string().min(1),
        name: z.string(),
        primaryEmailAddress: z.object({ value: z.string() }).nullish(),
      }),
      currentInterviewStage: z.object({ title: z.string() }).nullish(),
      archiveReason: z.object({ id: z.string(), text: z.string(), reasonType: z.string() }).nullish(),
      job: z.object({ id: z.string().min(1), title: z.string().min(1) }),
      creditedToUser: user.nullish(),
      hiringTeam: z.array(user.extend({ role: z.string().nullish() })).nullish(),
    }),
  }),
});

const APPLICATION_ACTIONS = new Set(['applicationUpdate', 'candidateStageChange']);

/**
 * Ashby: `Ashby-Signature: sha256=<hex HMAC-SHA256 of the raw body>`. An application archived with a
 * rejection-type reason (`ASHBY_REJECTION_REASON_TYPES`) is a decision; the same application active again
 * reverses it. `webhookActionId` dedupes retries (a body digest when a payload has none).
 */
export const ashby: WebhookSourceAdapter = {
  name: 'ashby',
  description:
    'Ashby `applicationUpdate` (and `candidateStageChange`) webhooks. Header `Ashby-Signature: sha256=<hex HMAC-SHA256 of the raw body>`; `webhookActionId` dedupes retries.',

  authenticate(delivery, secrets) {
    const header = delivery.header('ashby-signature');
    const match = header === undefined ? null : /^sha256[=\s](\S+)$/i.exec(header.trim());
    if (!anyMacMatches(secrets, (secret) => hmacSha256(secret, delivery.body), [decodeMac(match?.[1])])) {
      throw new AuthenticationError('Ashby signature missing or wrong');
    }
  },

  async interpret(json, delivery, { settings, now }) {
    const envelope = parseVendor(Envelope, json, 'Ashby');
    if (envelope.action === 'ping') return { kind: 'ping' };
    const deliveryId = deliveryIdFrom(envelope.webhookActionId ?? undefined, delivery.body);
    if (!APPLICATION_ACTIONS.has(envelope.action)) {
      return { kind: 'event', deliveryId, event: ignore(`Ashby action ${envelope.action} is not acted on.`) };
    }

    const { application } = parseVendor(ApplicationPayload, json, 'Ashby').data;
    if (application.status === 'Active' || application.status === 'Lead') {
      return {
        kind: 'event',
        deliveryId,
        event: {
          kind: 'cancel',
          source: 'ashby',
          applicationId: application.id,
          at: isoFrom(application.updatedAt, now),
          reason: `the application is ${application.status.toLowerCase()} again in Ashby`,
        },
      };
    }
    if (application.status !== 'Archived') {
      return {
        kind: 'event',
        deliveryId,
        event: ignore(`Application status ${application.status} is not a rejection.`),
      };
    }
    const reason = application.archiveReason;
    if (reason == null || !settings.ashbyRejectionReasonTypes.includes(reason.reasonType)) {
      return {
        kind: 'event',
        deliveryId,
        event: ignore(`Archive reason type ${reason?.reasonType ?? '(none)'} is not a rejection.`),
      };
    }
    const stage = application.currentInterviewStage?.title;
    const email = application.candidate.primaryEmailAddress?.value ?? '';
    // The user the application is credited to owns it, then the hiring team's recruiter.
    const recruiter = ownerAmong(
      [
        application.creditedToUser,
        ...(application.hiringTeam ?? []).filter((m) => m.role?.trim().toLowerCase() === 'recruiter'),
      ].map((u) => (u == null ? u : { firstName: u.firstName, lastName: u.lastName, email: u.email })),
    );
    return {
      kind: 'event',
      deliveryId,
      event: decisionEvent({
        source: 'ashby',
        applicationId: application.id,
        decision: 'rejected',
        decidedAt: isoFrom(application.archivedAt ?? application.updatedAt, now),
        job: { id: application.job.id, title: application.job.title },
        candidate: { name: application.candidate.name.trim() || email, email, id: application.candidate.id },
        reason: reason.text,
        reasonId: reason.id,
        // "Rejected by candidate" says more than the reason's own wording: the candidate withdrew.
        reasonCategory: categorizeReason(
          settings.mapping,
          reason.reasonType === 'RejectedByCandidate' ? reason.reasonType : undefined,
          reason.text,
        ),
        ...(stage === undefined ? {} : { stage, stageCategory: categorizeStage(settings.mapping, stage) }),
        ...definedFields({ recruiter }),
        deliveryId,
      }),
    };
  },
};
