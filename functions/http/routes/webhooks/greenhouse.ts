import { z } from 'zod';
import { categorizeReason, categorizeStage } from '#core/domain/ats-mapping.ts';
import { AuthenticationError, ValidationError } from '#core/domain/errors.ts';
import { definedFields } from '#core/domain/optional.ts';
import { ownerAmong } from './owner.ts';
import { anyMacMatches, decodeMac, hmacSha256 } from './signatures.ts';
import {
  decisionEvent,
  deliveryIdFrom,
  ignore,
  parseVendor,
  requiredIso,
  type WebhookSourceAdapter,
} from './webhook-source.ts';

const id = z.union([z.number().int(), z.string().min(1)]).transform(String);
const named = z.object({ id, name: z.string().min(1) });

/** A Greenhouse user (recruiter, coordinator, credited_to): `{id, name, email}`, older payloads first/last name. */
const user = z
  .object({
    name: z.string().nullish(),
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    email: z.string().nullish(),
  })
  .nullish();

const Envelope = z.object({ action: z.string().min(1) });

/** The parts of Greenhouse's application payload Closeloop reads (https://developers.greenhouse.io/webhooks.html). */
const ApplicationPayload = z.object({
  action: z.string(),
  payload: z.object({
    application: z.object({
      id,
      prospect: z.boolean().nullish(),
      rejected_at: z.string().nullish(),
      last_activity_at: z.string().nullish(),
      rejection_reason: named.extend({ type: named.nullish() }).nullish(),
      current_stage: named.nullish(),
      candidate: z.object({
        id,
        first_name: z.string().nullish(),
        last_name: z.string().nullish(),
        can_email: z.boolean().nullish(),
        email_addresses: z.array(z.object({ value: z.string(), type: z.string().nullish() })).nullish(),
        recruiter: user,
        coordinator: user,
      }),
      credited_to: user,
      jobs: z.array(named).nullish(),
    }),
  }),
});

/**
 * Greenhouse: `Signature: sha256 <hex HMAC-SHA256 of the raw body>`, a `Greenhouse-Event-ID` per delivery.
 * `reject_candidate` is a decision and `unreject_candidate` reverses it; prospects are skipped.
 */
export const greenhouse: WebhookSourceAdapter = {
  name: 'greenhouse',
  description:
    'Greenhouse "Candidate or Prospect Rejected" / "Unrejected" web hooks. Header `Signature: sha256 <hex HMAC-SHA256 of the raw body>`; `Greenhouse-Event-ID` dedupes retries.',

  authenticate(delivery, secrets) {
    const header = delivery.header('signature');
    const match = header === undefined ? null : /^sha256[ =](\S+)$/i.exec(header.trim());
    const given = decodeMac(match?.[1]);
    if (!anyMacMatches(secrets, (secret) => hmacSha256(secret, delivery.body), [given])) {
      throw new AuthenticationError('Greenhouse signature missing or wrong');
    }
  },

  async interpret(json, delivery, { settings }) {
    const { action } = parseVendor(Envelope, json, 'Greenhouse');
    if (action === 'ping') return { kind: 'ping' };
    const deliveryId = deliveryIdFrom(delivery.header('greenhouse-event-id'), delivery.body);
    if (action !== 'reject_candidate' && action !== 'unreject_candidate') {
      return { kind: 'event', deliveryId, event: ignore(`Greenhouse action ${action} is not acted on.`) };
    }

    const { application } = parseVendor(ApplicationPayload, json, 'Greenhouse').payload;
    if (application.prospect === true) {
      return { kind: 'event', deliveryId, event: ignore('Prospects have not applied: they get no rejection email.') };
    }
    if (action === 'unreject_candidate') {
      return {
        kind: 'event',
        deliveryId,
        event: {
          kind: 'cancel',
          source: 'greenhouse',
          applicationId: application.id,
          at: requiredIso(application.last_activity_at, 'payload.application.last_activity_at'),
          reason: 'unrejected in Greenhouse',
        },
      };
    }

    const job = application.jobs?.[0];
    if (job === undefined) {
      throw new ValidationError('A rejected Greenhouse candidate needs a job; nothing was recorded.', [
        { field: 'payload.application.jobs', message: 'expected one job' },
      ]);
    }
    const candidate = application.candidate;
    const addresses = candidate.email_addresses ?? [];
    const email = (addresses.find((a) => a.type === 'personal') ?? addresses[0])?.value ?? '';
    const name = [candidate.first_name, candidate.last_name].filter((p) => p != null && p.trim() !== '').join(' ');
    // The candidate's recruiter owns them, then their coordinator, then whoever the application is credited to.
    const recruiter = ownerAmong(
      [candidate.recruiter, candidate.coordinator, application.credited_to].map((u) =>
        u == null ? u : { name: u.name, firstName: u.first_name, lastName: u.last_name, email: u.email },
      ),
    );
    const reason = application.rejection_reason;
    const stage = application.current_stage?.name;

    return {
      kind: 'event',
      deliveryId,
      event: decisionEvent({
        source: 'greenhouse',
        applicationId: application.id,
        decision: 'rejected',
        decidedAt:
          application.rejected_at == null
            ? requiredIso(application.last_activity_at, 'payload.application.rejected_at')
            : requiredIso(application.rejected_at, 'payload.application.rejected_at'),
        job: { id: job.id, title: job.name },
        candidate: {
          name: name || email,
          ...(candidate.first_name ? { firstName: candidate.first_name } : {}),
          email,
          id: candidate.id,
        },
        ...(reason == null
          ? { reasonCategory: 'other' as const }
          : {
              reason: reason.name,
              reasonId: reason.id,
              reasonCategory: categorizeReason(settings.mapping, reason.name, reason.type?.name),
            }),
        ...(stage === undefined ? {} : { stage, stageCategory: categorizeStage(settings.mapping, stage) }),
        ...definedFields({ recruiter }),
        canEmail: candidate.can_email !== false,
        deliveryId,
      }),
    };
  },
};
