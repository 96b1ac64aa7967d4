import type { DecisionRepository, RecordOutcome, StoredDecision } from '#core/ports/decision-repository.ts';

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
}
