/**
 * What the mail service reports about a message after accepting it, normalized from SES's event publishing
 * (the adapter maps SES's JSON to this; the core never sees it). Addresses arrive as digests only.
 */
export const DELIVERY_EVENT_TYPES = [
  'send',
  'delivery',
  'bounce',
  'complaint',
  'reject',
  'delivery-delay',
  'rendering-failure',
  'open',
  'click',
] as const;
export type DeliveryEventType = (typeof DELIVERY_EVENT_TYPES)[number];

export interface DeliveryEvent {
  readonly type: DeliveryEventType;
  /** From the `noticeId` message tag. */
  readonly noticeId: string;
  /** From the `attempt` message tag: which send attempt of the notice this message was. */
  readonly attempt?: number;
  readonly messageId: string;
  /** When it happened, as the mail service says. */
  readonly at: string;
  /** Unique per reported event, so a second delivery of the same report changes nothing. */
  readonly key: string;
  /** Digests of the recipients a bounce or complaint is about (never the addresses). */
  readonly recipientDigests: readonly string[];
  readonly bounce?: {
    readonly kind: 'permanent' | 'transient' | 'undetermined';
    /** SES's bounce subtype: General, NoEmail, Suppressed, OnAccountSuppressionList, MailboxFull … */
    readonly subType: string;
    /** The enhanced status code (5.1.1), never the diagnostic text, which may quote the address. */
    readonly status?: string;
  };
  readonly complaint?: { readonly feedbackType?: string };
  /** Why a message was rejected, failed to render or is delayed, in the mail service's words. */
  readonly reason?: string;
}

/** A report about a relay (docs/conversations.md): the `relayId` message tag instead of `noticeId`. */
export type RelayDeliveryEvent = Omit<DeliveryEvent, 'noticeId'> & { readonly relayId: string };

/** SES answers a message to an address on a suppression list with a permanent bounce of these subtypes. */
export const SUPPRESSION_LIST_SUBTYPES: readonly string[] = ['Suppressed', 'OnAccountSuppressionList'];
