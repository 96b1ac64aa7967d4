import { describe, expect, it } from 'vitest';
import { epochSeconds } from '#adapters/dynamodb/document-client.ts';
import { encodeEvent, encodeNotice, noticeFromItem } from '#adapters/dynamodb/notice-item.ts';
import { periodKeys } from '#adapters/dynamodb/table-definition.ts';
import { decisionKeyOf } from '#core/domain/decision.ts';
import { emailDigest } from '#core/domain/email-address.ts';
import type { Notice, NoticeEvent } from '#core/domain/notice.ts';
import { aNotice } from '#test/contracts/notice-repository-contract.ts';

/** The item as the repository writes it: the encoded notice beside its keys. */
function itemOf(notice: Notice): Record<string, unknown> {
  return {
    ...encodeNotice(notice, epochSeconds(notice.retainUntil)),
    pk: `NOTICE#${notice.id}`,
    sk: 'NOTICE',
    entity: 'notice',
    candidateKey: `CAND#${notice.candidateId}`,
    timelineKey: `NOTICE#${notice.createdAt}#${notice.id}`,
    ...periodKeys(notice.decidedAt ?? notice.createdAt, 'N', notice.id),
    expiresAt: epochSeconds(notice.retainUntil),
  };
}

describe('the notice item layout', () => {
  const events: NoticeEvent[] = [
    { status: 'scheduled', at: '2026-11-20T10:00:00.000Z', event: 'planned', detail: 'Scheduled | with a bar' },
    { status: 'sending', at: '2026-11-20T11:00:00.123Z', event: 'send-attempt', detail: 'Attempt 1' },
    { status: 'sent', at: '2026-11-20T11:00:01Z', event: 'sent', detail: 'Accepted by the mail service' },
    { status: 'sent', at: '2026-11-20T11:00:02.000Z', event: 'Open' },
    { status: 'sent', at: '2026-11-20T11:00:03.000Z', event: 'note', detail: '~0 is not a code here' },
    { status: 'sent', at: '2026-11-20T11:00:04.000Z', event: 'a|b', detail: 'x' },
    { status: 'sent', at: '2026-11-20T11:00:05.000Z', detail: 'no event' },
    { status: 'delivered', at: '2026-11-20T11:00:06.000Z', event: 'Delivery', detail: '' },
  ];

  it('gives back exactly the notice it stored, whatever its history holds', () => {
    const notice = aNotice({
      history: events,
      updatedAt: '2026-11-20T11:00:06.000Z',
      decidedAt: '2026-11-20T09:59:00Z',
      retainUntil: '2027-11-20T10:00:00.500Z',
    });
    expect(noticeFromItem(itemOf(notice))).toEqual(notice);
  });

  it('leaves out what the keys hold, and keeps what they cannot say', () => {
    const withDecision = aNotice({ decidedAt: '2026-11-20T09:59:00.000Z' });
    const item = itemOf(withDecision);
    for (const derived of [
      'id',
      'candidateId',
      'createdAt',
      'decidedAt',
      'updatedAt',
      'retainUntil',
      'feedbackOffered',
    ]) {
      expect(item[derived], derived).toBeUndefined();
    }
    const { decidedAt: _, ...legacy } = withDecision;
    expect(itemOf(legacy).decidedAt).toBeNull();
    expect(noticeFromItem(itemOf(legacy))).toEqual(legacy);
    expect(noticeFromItem(itemOf(aNotice({ feedbackOffered: true }))).feedbackOffered).toBe(true);
    const touched = aNotice({ updatedAt: '2026-11-21T00:00:00.000Z' });
    expect(itemOf(touched).updatedAt).toBe('2026-11-21T00:00:00.000Z');
  });

  it('leaves out the address digest and the decision key when the address and application give them back', () => {
    const notice = aNotice({
      emailDigest: emailDigest('ada@example.com'),
      decisionKey: decisionKeyOf('manual', 'app-derived', 'rejected'),
      applicationId: 'app-derived',
    });
    const item = itemOf(notice);

    expect(item.emailDigest).toBeUndefined();
    expect(item.decisionKey).toBeUndefined();
    expect(noticeFromItem(item)).toEqual(notice);
    // Any other value (an older notice, another derivation) is stored and read back as it was.
    expect(itemOf(aNotice({ emailDigest: 'digest' })).emailDigest).toBe('digest');
  });

  it('writes common entries as short strings and the rest as maps', () => {
    // An instant `toISOString` wrote is shortened; one written otherwise stays as it came.
    expect(encodeEvent(events[1] as NoticeEvent)).toBe(
      `${Date.parse('2026-11-20T11:00:00.123Z').toString(36)}|sending|send-attempt|~0`,
    );
    expect(encodeEvent(events[2] as NoticeEvent)).toBe('2026-11-20T11:00:01Z|sent|sent|~1');
    expect(encodeEvent(events[5] as NoticeEvent)).toEqual(events[5]);
    expect(encodeEvent(events[6] as NoticeEvent)).toEqual(events[6]);
    expect(encodeEvent(events[4] as NoticeEvent)).toEqual(events[4]);
  });

  it('reads an item written before the layout as it is', () => {
    const notice = aNotice({ history: events.slice(0, 2), decidedAt: '2026-11-20T09:00:00.000Z' });
    const old = { ...itemOf(notice), ...notice };
    expect(noticeFromItem(old)).toEqual(notice);
  });
});
