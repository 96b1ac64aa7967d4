import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { z } from 'zod';
import type { DeliveryEvent, RelayDeliveryEvent } from '#core/domain/delivery-event.ts';
import { emailDigest } from '#core/domain/email-address.ts';
import { definedFields } from '#core/domain/optional.ts';
import { deliveryEventKey } from '#core/use-cases/track-delivery.ts';

/**
 * SES event publishing through EventBridge: the event a configuration set's EventBridge destination puts on the
 * default bus (source `aws.ses`), validated with Powertools' EventBridge schema and zod. The same shape is what
 * the local stack's simulated SES emits, so both paths run through this parser.
 */

const timestamp = z.iso.datetime({ offset: true });
const recipient = z.object({ emailAddress: z.string().min(3), status: z.string().optional() });

const Mail = z.object({
  timestamp,
  messageId: z.string().min(1),
  destination: z.array(z.string()),
  /** Message tags: `noticeId` (or `relayId`) and `attempt` are Closeloop's; SES adds `ses:*` ones. */
  tags: z.record(z.string(), z.array(z.string())).default({}),
});

const SesEventDetail = z.discriminatedUnion('eventType', [
  z.object({ eventType: z.literal('Send'), mail: Mail }),
  z.object({
    eventType: z.literal('Delivery'),
    mail: Mail,
    delivery: z.object({ timestamp, recipients: z.array(z.string()).default([]) }),
  }),
  z.object({
    eventType: z.literal('Bounce'),
    mail: Mail,
    bounce: z.object({
      bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
      bounceSubType: z.string(),
      bouncedRecipients: z.array(recipient),
      timestamp,
    }),
  }),
  z.object({
    eventType: z.literal('Complaint'),
    mail: Mail,
    complaint: z.object({
      complainedRecipients: z.array(recipient),
      timestamp,
      complaintFeedbackType: z.string().optional(),
    }),
  }),
  z.object({ eventType: z.literal('Reject'), mail: Mail, reject: z.object({ reason: z.string() }) }),
  z.object({
    eventType: z.literal('DeliveryDelay'),
    mail: Mail,
    deliveryDelay: z.object({ timestamp, delayType: z.string() }),
  }),
  z.object({
    eventType: z.literal('Rendering Failure'),
    mail: Mail,
    failure: z.object({ errorMessage: z.string() }),
  }),
  z.object({ eventType: z.literal('Open'), mail: Mail, open: z.object({ timestamp }) }),
  z.object({ eventType: z.literal('Click'), mail: Mail, click: z.object({ timestamp, link: z.string() }) }),
  z.object({ eventType: z.literal('Subscription'), mail: Mail }),
]);
export type SesEventDetail = z.infer<typeof SesEventDetail>;

export const SesEventBridgeEvent = EventBridgeSchema.extend({
  source: z.literal('aws.ses'),
  detail: SesEventDetail,
});
export type SesEventBridgeEvent = z.infer<typeof SesEventBridgeEvent>;

/** EventBridge detail-types, by SES event type: the rule in CDK and the local simulator use the same names. */
export const SES_DETAIL_TYPES = {
  Send: 'Email Sent',
  Delivery: 'Email Delivered',
  Bounce: 'Email Bounced',
  Complaint: 'Email Complaint Received',
  Reject: 'Email Rejected',
  DeliveryDelay: 'Email Delivery Delayed',
  'Rendering Failure': 'Email Rendering Failed',
  Open: 'Email Opened',
  Click: 'Email Clicked',
  Subscription: 'Email Subscribed',
} as const satisfies Record<SesEventDetail['eventType'], string>;

const NOTICE_ID = /^n_[a-z2-7]{26}$/;
const RELAY_ID = /^m_[a-z2-7]{26}$/;

export type ParsedSesEvent =
  | { readonly event: DeliveryEvent }
  | { readonly relayEvent: RelayDeliveryEvent }
  | { readonly ignored: string };

type Report = Omit<DeliveryEvent, 'noticeId'>;

/**
 * Validates an SES event and maps it to the core's DeliveryEvent (a notice's, tag `noticeId`) or
 * RelayDeliveryEvent (a relay's, tag `relayId`). Throws on a malformed event (zod says where); answers `ignored`
 * for events that are valid but not Closeloop's to track (neither tag, subscriptions).
 */
export function parseSesEvent(raw: unknown): ParsedSesEvent {
  const { detail } = SesEventBridgeEvent.parse(raw);
  const noticeId = detail.mail.tags.noticeId?.[0];
  if (noticeId !== undefined && NOTICE_ID.test(noticeId)) {
    const report = reportOf(detail);
    return 'ignored' in report ? report : { event: { ...report.report, noticeId } };
  }
  const relayId = detail.mail.tags.relayId?.[0];
  if (relayId !== undefined && RELAY_ID.test(relayId)) {
    const report = reportOf(detail);
    return 'ignored' in report ? report : { relayEvent: { ...report.report, relayId } };
  }
  return { ignored: 'no noticeId message tag' };
}

function reportOf(detail: SesEventDetail): { readonly report: Report } | { readonly ignored: string } {
  const attemptTag = Number(detail.mail.tags.attempt?.[0]);
  const base = {
    messageId: detail.mail.messageId,
    ...(Number.isInteger(attemptTag) && attemptTag > 0 ? { attempt: attemptTag } : {}),
    recipientDigests: [] as string[],
  };
  const keyed = (type: Report['type'], at: string, extra = '') => ({
    ...base,
    type,
    at,
    key: deliveryEventKey(detail.mail.messageId, type, at, extra),
  });
  const digests = (recipients: readonly { emailAddress: string }[]) =>
    recipients.map((r) => emailDigest(r.emailAddress));

  switch (detail.eventType) {
    case 'Send':
      return { report: keyed('send', detail.mail.timestamp) };
    case 'Delivery':
      return { report: keyed('delivery', detail.delivery.timestamp) };
    case 'Bounce': {
      const kind = detail.bounce.bounceType.toLowerCase() as 'permanent' | 'transient' | 'undetermined';
      const status = detail.bounce.bouncedRecipients.find((r) => r.status !== undefined)?.status;
      return {
        report: {
          ...keyed('bounce', detail.bounce.timestamp),
          recipientDigests: digests(detail.bounce.bouncedRecipients),
          bounce: { kind, subType: detail.bounce.bounceSubType, ...definedFields({ status }) },
        },
      };
    }
    case 'Complaint': {
      const feedbackType = detail.complaint.complaintFeedbackType;
      return {
        report: {
          ...keyed('complaint', detail.complaint.timestamp),
          recipientDigests: digests(detail.complaint.complainedRecipients),
          complaint: feedbackType === undefined ? {} : { feedbackType },
        },
      };
    }
    case 'Reject':
      return { report: { ...keyed('reject', detail.mail.timestamp), reason: detail.reject.reason } };
    case 'DeliveryDelay':
      return {
        report: { ...keyed('delivery-delay', detail.deliveryDelay.timestamp), reason: detail.deliveryDelay.delayType },
      };
    case 'Rendering Failure':
      return { report: { ...keyed('rendering-failure', detail.mail.timestamp), reason: detail.failure.errorMessage } };
    // Only the first open, and the first click on each link, reach the timeline: image proxies and prefetchers
    // report many, and a recruiter needs to know whether, not how often.
    case 'Open':
      return {
        report: { ...keyed('open', detail.open.timestamp), key: deliveryEventKey(detail.mail.messageId, 'open', '') },
      };
    case 'Click':
      return {
        report: {
          ...keyed('click', detail.click.timestamp),
          key: deliveryEventKey(detail.mail.messageId, 'click', '', detail.click.link),
        },
      };
    case 'Subscription':
      return { ignored: 'subscription events are not tracked' };
  }
}
