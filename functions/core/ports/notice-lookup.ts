import type { Notice } from '../domain/notice.ts';

/** Finds the notice a reply answers, by the three correlation keys, most trustworthy first. */
export interface NoticeLookup {
  byReplyToken(token: string): Promise<Notice | undefined>;
  bySesMessageId(sesMessageId: string): Promise<Notice | undefined>;
  /** The newest notice sent to this candidate (the sender-address fallback). */
  latestSentTo(candidateId: string): Promise<Notice | undefined>;
}
