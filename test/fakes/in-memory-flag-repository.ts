import { appendHistory, type CandidateFlag, type FlagName } from '#core/domain/candidate-flag.ts';
import { ValidationError } from '#core/domain/errors.ts';
import { firstRaise, raiseAgain } from '#core/domain/flag-raise.ts';
import { definedFields } from '#core/domain/optional.ts';
import type {
  FlagAnswer,
  FlagFilter,
  FlagPage,
  FlagQuery,
  FlagRepository,
  FlagReviewChange,
  RaiseFlag,
  RaiseOutcome,
} from '#core/ports/flag-repository.ts';

/** Flags in memory, with the DynamoDB adapter's semantics (both pass the flag repository contract). */
export class InMemoryFlagRepository implements FlagRepository {
  readonly items = new Map<string, CandidateFlag>();
  /** What the `byFlag` index holds: the last raise time of each listed (raised or confirmed) flag. */
  private readonly flagAt = new Map<string, string>();

  async raise(input: RaiseFlag): Promise<RaiseOutcome> {
    const key = `${input.candidateId}/${input.flag}`;
    const current = this.items.get(key);
    const next = current === undefined ? firstRaise(input) : raiseAgain(current, input);
    if (next === 'unchanged') return 'unchanged';
    this.items.set(key, next);
    this.flagAt.set(key, input.at);
    return current === undefined ? 'raised' : 'raised-again';
  }

  async get(candidateId: string, flag: FlagName): Promise<CandidateFlag | undefined> {
    const found = this.items.get(`${candidateId}/${flag}`);
    return found ? structuredClone(found) : undefined;
  }

  async review(candidateId: string, flag: FlagName, change: FlagReviewChange): Promise<CandidateFlag | undefined> {
    const key = `${candidateId}/${flag}`;
    const current = this.items.get(key);
    if (current?.status !== change.from) return undefined;
    const next: CandidateFlag = {
      ...current,
      status: change.to,
      updatedAt: change.entry.at,
      history: [...current.history, change.entry],
    };
    this.items.set(key, next);
    if (change.to === 'dismissed') this.flagAt.delete(key);
    else if (!this.flagAt.has(key)) this.flagAt.set(key, change.entry.at);
    return structuredClone(next);
  }

  async markAnswered(candidateId: string, flag: FlagName, answer: FlagAnswer): Promise<CandidateFlag | undefined> {
    const key = `${candidateId}/${flag}`;
    const current = this.items.get(key);
    if (current === undefined) return undefined;
    if (answer.relayId !== undefined && current.history.some((h) => h.relayId === answer.relayId)) {
      return structuredClone(current);
    }
    const next: CandidateFlag = {
      ...current,
      answeredAt: answer.at,
      updatedAt: answer.at,
      ...appendHistory(current, {
        action: 'answered',
        at: answer.at,
        by: answer.by,
        reason: answer.relayId === undefined ? 'marked answered' : 'answered by a follow-up',
        ...definedFields({ relayId: answer.relayId }),
      }),
    };
    this.items.set(key, next);
    return structuredClone(next);
  }

  async list(query: FlagQuery): Promise<FlagPage> {
    const all = this.matching(query.flag, query);
    let start = 0;
    if (query.cursor !== undefined) {
      const at = all.findIndex(({ key, at }) => cursorOf(key, at) === query.cursor);
      if (at < 0) throw new ValidationError('The cursor is not one this list handed out', []);
      start = at + 1;
    }
    const page = all.slice(start, start + query.limit);
    const last = page.at(-1);
    const more = start + query.limit < all.length;
    return {
      items: page.map(({ flag }) => structuredClone(flag)),
      ...(more && last !== undefined ? { cursor: cursorOf(last.key, last.at) } : {}),
    };
  }

  async count(flag: FlagName, filter: FlagFilter): Promise<number> {
    return this.matching(flag, filter).length;
  }

  /** Removes a flag outright (what erasure and TTL do). */
  delete(candidateId: string, flag: FlagName): void {
    this.items.delete(`${candidateId}/${flag}`);
    this.flagAt.delete(`${candidateId}/${flag}`);
  }

  /** What the `byFlag` index would list: raised or confirmed, newest raise first. */
  listed(flag: FlagName): CandidateFlag[] {
    return this.matching(flag, {}).map(({ flag: f }) => structuredClone(f));
  }

  private matching(flag: FlagName, filter: FlagFilter) {
    return [...this.flagAt.entries()]
      .map(([key, at]) => ({ key, at, flag: this.items.get(key) }))
      .filter((e): e is { key: string; at: string; flag: CandidateFlag } => e.flag?.flag === flag)
      .filter(
        ({ at }) => (filter.from === undefined || at >= filter.from) && (filter.to === undefined || at <= filter.to),
      )
      .filter(({ flag: f }) => filter.jobId === undefined || f.job?.id === filter.jobId)
      .filter(
        ({ flag: f }) =>
          filter.job === undefined || f.job?.id === filter.job || (f.job?.title.includes(filter.job) ?? false),
      )
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.key < b.key ? 1 : -1));
  }
}

function cursorOf(key: string, at: string): string {
  return Buffer.from(`${key}@${at}`).toString('base64url');
}
