import { type Notice, SENT_STATUSES } from '#core/domain/notice.ts';
import type { NoticeLookup } from '#core/ports/notice-lookup.ts';
import type { InMemoryNoticeRepository } from './in-memory-notice-repository.ts';

/** Correlation lookups over the in-memory notices (the DynamoDB adapter uses two sparse indexes). */
export class InMemoryNoticeLookup implements NoticeLookup {
  constructor(private readonly notices: InMemoryNoticeRepository) {}

  private find(predicate: (n: Notice) => boolean): Notice | undefined {
    const found = [...this.notices.items.values()].map((s) => s.notice).find(predicate);
    return found ? structuredClone(found) : undefined;
  }

  async byReplyToken(token: string): Promise<Notice | undefined> {
    return this.find((n) => n.replyToken === token);
  }

  async bySesMessageId(sesMessageId: string): Promise<Notice | undefined> {
    return this.find((n) => n.sesMessageId === sesMessageId);
  }

  async latestSentTo(candidateId: string): Promise<Notice | undefined> {
    const sent = [...this.notices.items.values()]
      .map((s) => s.notice)
      .filter((n) => n.candidateId === candidateId && SENT_STATUSES.includes(n.status))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    return sent[0] ? structuredClone(sent[0]) : undefined;
  }
}
