import type { CandidateFlag, FlagName } from '#core/domain/candidate-flag.ts';
import type { FlagRepository, FlagReviewChange, RaiseFlag, RaiseOutcome } from '#core/ports/flag-repository.ts';

/** Flags in memory, with the DynamoDB adapter's semantics (both pass the flag repository contract). */
export class InMemoryFlagRepository implements FlagRepository {
  readonly items = new Map<string, CandidateFlag>();

  async raise(input: RaiseFlag): Promise<RaiseOutcome> {
    const key = `${input.candidateId}/${input.flag}`;
    const current = this.items.get(key);
    const entry = { at: input.at, by: 'closeloop', reason: input.reason, replyId: input.replyId };
    if (current === undefined) {
      this.items.set(key, {
        candidateId: input.candidateId,
        flag: input.flag,
        status: 'raised',
        raisedAt: input.at,
        updatedAt: input.at,
        reason: input.reason,
        evidence: input.evidence.slice(0, 10),
        replyIds: [input.replyId],
        ...(input.noticeId === undefined ? {} : { noticeId: input.noticeId }),
        history: [{ ...entry, action: 'raised' }],
        retainUntil: input.retainUntil,
      });
      return 'raised';
    }
    if (current.replyIds.includes(input.replyId)) return 'unchanged';
    this.items.set(key, {
      ...current,
      status: current.status === 'dismissed' ? 'raised' : current.status,
      updatedAt: input.at,
      reason: input.reason,
      evidence: [...input.evidence, ...current.evidence].slice(0, 10),
      replyIds: [...current.replyIds, input.replyId].slice(-50),
      history: [...current.history, { ...entry, action: 'raised-again' }],
      retainUntil: [input.retainUntil, current.retainUntil].sort().at(-1) ?? input.retainUntil,
    });
    return 'raised-again';
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
    return structuredClone(next);
  }

  /** What the `byFlag` index would list: raised or confirmed, newest raise first. */
  listed(flag: FlagName): CandidateFlag[] {
    return [...this.items.values()]
      .filter((f) => f.flag === flag && f.status !== 'dismissed')
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
  }
}
