import type {
  AdvanceOutcome,
  AtsStatus,
  DecisionRepository,
  RecordOutcome,
  StoredDecision,
} from '#core/ports/decision-repository.ts';

export class InMemoryDecisionRepository implements DecisionRepository {
  readonly items = new Map<string, StoredDecision>();

  async recordOnce(decision: StoredDecision): Promise<RecordOutcome> {
    const existing = this.items.get(decision.key);
    if (existing) return { created: false, existing: structuredClone(existing) };
    this.items.set(decision.key, structuredClone(decision));
    return { created: true };
  }

  async get(key: string): Promise<StoredDecision | undefined> {
    const found = this.items.get(key);
    return found ? structuredClone(found) : undefined;
  }

  async advance(key: string, status: AtsStatus, at: string): Promise<AdvanceOutcome> {
    const found = this.items.get(key);
    if (found === undefined) return { advanced: false, reason: 'not-found' };
    const known = found.atsStatusAt ?? found.decidedAt;
    const newer = status === 'rejected' ? known < at : known <= at;
    if (!newer) return { advanced: false, reason: 'stale' };
    this.items.set(key, { ...found, atsStatus: status, atsStatusAt: at });
    return { advanced: true, previous: found.atsStatus ?? 'rejected' };
  }
}
