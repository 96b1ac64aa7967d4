import type { DeliveryEvent, DeliveryEventType } from '#core/domain/delivery-event.ts';
import { emailDigest } from '#core/domain/email-address.ts';
import type { Notice } from '#core/domain/notice.ts';

let sequence = 0;

/**
 * A delivery report about a notice's current attempt (override `attempt` for an earlier one), as the SES event
 * parser would produce it. Each call is a distinct report unless `key` is given.
 */
export function aReport(
  notice: Pick<Notice, 'id' | 'attempts' | 'candidate' | 'sesMessageId'>,
  type: DeliveryEventType,
  overrides: Partial<DeliveryEvent> = {},
): DeliveryEvent {
  sequence += 1;
  const messageId = overrides.messageId ?? notice.sesMessageId ?? `ses-${notice.id}-${notice.attempts}`;
  const bouncing = type === 'bounce' || type === 'complaint';
  return {
    type,
    noticeId: notice.id,
    attempt: notice.attempts,
    messageId,
    at: new Date(Date.UTC(2026, 10, 20, 12, 0, 0, sequence)).toISOString(),
    key: `${messageId}:${type}:${sequence}`,
    recipientDigests: bouncing ? [emailDigest(notice.candidate.email)] : [],
    ...(type === 'bounce' ? { bounce: { kind: 'permanent' as const, subType: 'General', status: '5.1.1' } } : {}),
    ...overrides,
  };
}
