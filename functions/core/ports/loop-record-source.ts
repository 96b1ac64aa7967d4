import type { NoticeReplySummary, NoticeStatus } from '../domain/notice.ts';
import type { ReasonCategory, Stage } from '../domain/reason-and-stage.ts';
import type { AtsStatus } from './decision-repository.ts';

/** A decision as the loop-closing record counts it. */
export interface DecisionFact {
  readonly key: string;
  readonly decidedAt: string;
  readonly noticeId?: string;
  readonly atsStatus?: AtsStatus;
}

/** A notice as the loop-closing record counts it: no name, address or text. */
export interface NoticeFact {
  readonly id: string;
  readonly decidedAt: string;
  readonly status: NoticeStatus;
  readonly templateId: string;
  readonly reason: ReasonCategory;
  readonly stage: Stage;
  readonly deliveredAt?: string;
  readonly firstReply?: NoticeReplySummary;
}

export interface PeriodFacts {
  readonly decisions: readonly DecisionFact[];
  readonly notices: readonly NoticeFact[];
}

/** Decisions and notices whose decision time falls in [from, to] (the `byPeriod` index; never a scan). */
export interface LoopRecordSource {
  between(from: string, to: string): Promise<PeriodFacts>;
}
