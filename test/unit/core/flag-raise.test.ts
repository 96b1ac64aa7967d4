import { describe, expect, it } from 'vitest';
import type { CandidateFlag } from '#core/domain/candidate-flag.ts';
import { firstRaise, MAX_FLAG_EVIDENCE, type RaiseFlag, raiseAgain } from '#core/domain/flag-raise.ts';

const raise = (overrides: Partial<RaiseFlag> = {}): RaiseFlag => ({
  candidateId: 'c_1',
  flag: 'bridge-burned',
  reason: 'hostile reply: insult',
  evidence: [{ sentence: 'You clowns.', categories: ['insult'], score: 0.9 }],
  replyId: 'r_1',
  noticeId: 'n_1',
  candidateName: 'Ada',
  job: { id: 'job-1', title: 'Analytical Engineer' },
  at: '2026-11-20T10:00:00.000Z',
  retainUntil: '2027-11-20T10:00:00.000Z',
  ...overrides,
});

function again(current: CandidateFlag, input: RaiseFlag): CandidateFlag {
  const next = raiseAgain(current, input);
  if (next === 'unchanged') throw new Error('expected a change');
  return next;
}

describe('raising a flag (the merge rules the DynamoDB adapter and the fake share)', () => {
  it('starts raised, with the reply, its evidence and one history entry', () => {
    const flag = firstRaise(raise());
    expect(flag).toMatchObject({ status: 'raised', replyIds: ['r_1'], raisedAt: '2026-11-20T10:00:00.000Z' });
    expect(flag.history).toEqual([
      {
        action: 'raised',
        at: '2026-11-20T10:00:00.000Z',
        by: 'closeloop',
        reason: 'hostile reply: insult',
        replyId: 'r_1',
      },
    ]);
  });

  it('changes nothing for a reply that already raised it', () => {
    expect(raiseAgain(firstRaise(raise()), raise({ at: '2026-11-21T10:00:00.000Z' }))).toBe('unchanged');
  });

  it('brings a dismissed flag back raised, and leaves a confirmed one confirmed', () => {
    const dismissed = { ...firstRaise(raise()), status: 'dismissed' as const };
    const confirmed = { ...firstRaise(raise()), status: 'confirmed' as const };
    expect(again(dismissed, raise({ replyId: 'r_2' })).status).toBe('raised');
    expect(again(confirmed, raise({ replyId: 'r_2' })).status).toBe('confirmed');
  });

  it('puts the newest evidence first, keeps the replies in order, and follows the newest subject and retention', () => {
    const first = firstRaise(raise());
    const next = again(
      first,
      raise({
        replyId: 'r_2',
        evidence: [{ sentence: 'Or else.', categories: ['threat'], score: 0.8 }],
        candidateName: 'Ada L.',
        at: '2026-11-22T10:00:00.000Z',
        retainUntil: '2027-11-22T10:00:00.000Z',
      }),
    );
    expect(next.evidence.map((e) => e.sentence)).toEqual(['Or else.', 'You clowns.']);
    expect(next.replyIds).toEqual(['r_1', 'r_2']);
    expect(next.candidateName).toBe('Ada L.');
    expect(next.raisedAt).toBe(first.raisedAt);
    expect(next.updatedAt).toBe('2026-11-22T10:00:00.000Z');
    expect(next.retainUntil).toBe('2027-11-22T10:00:00.000Z');
    expect(next.history.map((h) => h.action)).toEqual(['raised', 'raised-again']);
    // An older retention never shortens the newer one.
    expect(again(next, raise({ replyId: 'r_3', retainUntil: '2027-01-01T00:00:00.000Z' })).retainUntil).toBe(
      '2027-11-22T10:00:00.000Z',
    );
  });

  it('keeps at most the newest evidence and the latest replies', () => {
    let flag = firstRaise(raise());
    for (let i = 2; i <= 60; i++) flag = again(flag, raise({ replyId: `r_${i}` }));
    expect(flag.evidence).toHaveLength(MAX_FLAG_EVIDENCE);
    expect(flag.replyIds).toHaveLength(50);
    expect(flag.replyIds.at(-1)).toBe('r_60');
  });
});
