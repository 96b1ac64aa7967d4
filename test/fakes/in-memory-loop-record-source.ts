import { definedFields } from '#core/domain/optional.ts';
import type { LoopRecordSource, PeriodFacts } from '#core/ports/loop-record-source.ts';
import type { InMemoryDecisionRepository } from './in-memory-decision-repository.ts';
import type { InMemoryNoticeRepository } from './in-memory-notice-repository.ts';

/** The `byPeriod` index over the in-memory repositories: decisions and notices by decision time. */
export class InMemoryLoopRecordSource implements LoopRecordSource {
  constructor(
    private readonly repos: {
      readonly decisions: InMemoryDecisionRepository;
      readonly notices: InMemoryNoticeRepository;
    },
  ) {}

  async between(from: string, to: string): Promise<PeriodFacts> {
    const within = (at: string) => at >= from && at <= to;
    return {
      decisions: [...this.repos.decisions.items.values()]
        .filter((d) => within(d.decidedAt))
        .map((d) => ({
          key: d.key,
          decidedAt: d.decidedAt,
          ...definedFields({ noticeId: d.noticeId, atsStatus: d.atsStatus }),
        })),
      notices: [...this.repos.notices.items.values()]
        .map((s) => s.notice)
        .filter((n) => within(n.decidedAt ?? n.createdAt))
        .map((n) => ({
          id: n.id,
          decidedAt: n.decidedAt ?? n.createdAt,
          status: n.status,
          templateId: n.templateId,
          reason: n.reason,
          stage: n.stage,
          ...definedFields({ deliveredAt: n.deliveredAt }),
          ...(n.firstReply === undefined ? {} : { firstReply: structuredClone(n.firstReply) }),
        })),
    };
  }
}
