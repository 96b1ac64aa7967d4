import type { DecisionInput } from '#core/domain/decision.ts';
import type { ErasureReceipt } from '#core/ports/erasure-log.ts';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** The README's decision, with overrides. Each call may vary the application id to make a new decision. */
export function aDecision(overrides: DeepPartial<DecisionInput> = {}): DecisionInput {
  const base: DecisionInput = {
    source: 'manual',
    applicationId: 'app-1',
    decision: 'rejected',
    reason: 'position-filled',
    stage: 'interview',
    decidedAt: '2026-11-20T10:00:00Z',
    job: { id: 'job-1', title: 'Analytical Engineer' },
    candidate: { name: 'Ada Lovelace', email: 'ada@example.com', timeZone: 'Europe/London', locale: 'en' },
  };
  return {
    ...base,
    ...overrides,
    job: { ...base.job, ...overrides.job },
    candidate: { ...base.candidate, ...overrides.candidate },
  } as DecisionInput;
}

/** An erasure requested and not yet finished (a send held it), nothing erased so far: its first run. */
export function anErasureInProgress(
  fields: Pick<ErasureReceipt, 'candidateId' | 'requestedAt' | 'requestedBy'> & Partial<ErasureReceipt>,
): ErasureReceipt {
  return {
    status: 'in-progress',
    erased: {
      decisions: 0,
      notices: 0,
      replies: 0,
      flags: 0,
      relays: 0,
      relayThreads: 0,
      recruiterTokens: 0,
      rawMessages: 0,
    },
    suppressedAddresses: 0,
    runs: 1,
    ...fields,
  };
}
