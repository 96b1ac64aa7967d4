import type { Notice, NoticeEvent, NoticeReplySummary } from '#core/domain/notice.ts';
import type {
  CreateOutcome,
  DueNotice,
  NoticeRepository,
  NoticeTransition,
  OwnerChange,
  TransitionAttempt,
} from '#core/ports/notice-repository.ts';

type Stored = { notice: Notice; dueAt: string | undefined; trackedEvents: Set<string> };

/**
 * The notice repository in memory, with the same conditional semantics as the DynamoDB adapter (both pass
 * `test/contracts/notice-repository-contract.ts`). Copies on the way in and out, as a database would.
 */
export class InMemoryNoticeRepository implements NoticeRepository {
  readonly items = new Map<string, Stored>();

  async create(notice: Notice): Promise<CreateOutcome> {
    const existing = this.items.get(notice.id);
    if (existing) return { created: false, existing: structuredClone(existing.notice) };
    this.items.set(notice.id, { notice: structuredClone(notice), dueAt: notice.sendAt, trackedEvents: new Set() });
    return { created: true };
  }

  async get(id: string): Promise<Notice | undefined> {
    const stored = this.items.get(id);
    return stored ? structuredClone(stored.notice) : undefined;
  }

  async findDue(now: Date, limit: number): Promise<DueNotice[]> {
    const until = now.toISOString();
    return [...this.items.values()]
      .filter((s): s is Stored & { dueAt: string } => s.dueAt !== undefined && s.dueAt <= until)
      .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0))
      .slice(0, limit)
      .map((s) => ({ id: s.notice.id, dueAt: s.dueAt }));
  }

  async leaseDue(id: string, expectedDueAt: string, until: Date): Promise<boolean> {
    const stored = this.items.get(id);
    if (stored?.dueAt !== expectedDueAt) return false;
    stored.dueAt = until.toISOString();
    return true;
  }

  async transition(id: string, t: NoticeTransition): Promise<Notice | undefined> {
    const stored = this.items.get(id);
    if (!stored || !t.from.includes(stored.notice.status)) return undefined;
    if (
      t.leaseExpiredBefore !== undefined &&
      !(stored.notice.leaseUntil !== undefined && stored.notice.leaseUntil <= t.leaseExpiredBefore)
    ) {
      return undefined;
    }
    if (t.attemptsEquals !== undefined && stored.notice.attempts !== t.attemptsEquals) return undefined;
    if (t.cancelRequested !== undefined && (stored.notice.cancelRequestedAt !== undefined) !== t.cancelRequested) {
      return undefined;
    }
    if (t.onceKey !== undefined) {
      if (stored.trackedEvents.has(t.onceKey)) return undefined;
      stored.trackedEvents.add(t.onceKey);
    }
    const next: Record<string, unknown> = {
      ...stored.notice,
      status: t.to,
      updatedAt: t.event.at,
      history: [...stored.notice.history, { ...t.event, status: t.to }],
      attempts: stored.notice.attempts + (t.incrementAttempts ? 1 : 0),
      ...(t.to === 'delivered' ? { deliveredAt: stored.notice.deliveredAt ?? t.event.at } : {}),
    };
    for (const [field, value] of Object.entries(t.patch ?? {})) {
      if (value === undefined) continue;
      if (field === 'candidateEmail') next.candidate = { ...stored.notice.candidate, email: value };
      else if (value === null) delete next[field];
      else next[field] = value;
    }
    stored.notice = next as unknown as Notice;
    if (t.dueAt === null) stored.dueAt = undefined;
    else if (t.dueAt !== undefined) stored.dueAt = t.dueAt;
    return structuredClone(stored.notice);
  }

  async tryTransition(id: string, t: NoticeTransition): Promise<TransitionAttempt> {
    const moved = await this.transition(id, t);
    if (moved !== undefined) return { moved: true, notice: moved };
    return { moved: false, current: await this.get(id), readBack: false };
  }

  async changeOwner(id: string, change: OwnerChange): Promise<Notice | undefined> {
    const stored = this.items.get(id);
    if (stored === undefined || stored.notice.status !== change.expectedStatus) return undefined;
    if (stored.notice.ownerChangedAt !== change.expectedChangedAt) return undefined;
    stored.notice = {
      ...stored.notice,
      recruiter: structuredClone(change.owner),
      ownerChangedAt: change.event.at,
      updatedAt: change.event.at,
      history: [...stored.notice.history, structuredClone(change.event)],
    };
    return structuredClone(stored.notice);
  }

  async noteFirstReply(id: string, reply: NoticeReplySummary): Promise<void> {
    const stored = this.items.get(id);
    if (stored === undefined || stored.notice.firstReply !== undefined) return;
    stored.notice = { ...stored.notice, firstReply: structuredClone(reply) };
  }

  async appendEvent(id: string, event: NoticeEvent): Promise<void> {
    const stored = this.items.get(id);
    if (!stored) throw new Error(`no notice ${id}`);
    stored.notice = { ...stored.notice, updatedAt: event.at, history: [...stored.notice.history, event] };
  }
}
