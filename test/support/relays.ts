import { type Relay, type RelayCause, relayIdFor } from '#core/domain/relay.ts';
import { candidateUrlFor, recruiterReplyTo, relayFromCandidate } from '#core/domain/relay-email.ts';

type RelayOverrides = Partial<Omit<Relay, 'id' | 'cause'>> & { readonly cause?: RelayCause };

/** A candidate's turn relayed to the owning recruiter, as relay creation records it. */
export function aRelayToRecruiter(overrides: RelayOverrides = {}): Relay {
  const cause = overrides.cause ?? { kind: 'candidate-reply', replyId: `r_${Math.random().toString(36).slice(2)}` };
  return {
    direction: 'to-recruiter',
    noticeId: 'n_aaaaaaaaaaaaaaaaaaaaaaaaaa',
    candidateId: 'c_ada',
    status: 'pending',
    to: 'grace@acme.example',
    from: relayFromCandidate('Ada Lovelace', 'relay@acme.example'),
    replyTo: recruiterReplyTo('tok123', 'replies.acme.example'),
    subject: 'Re: An update on the Analytical Engineer role at Acme',
    text: 'Which parts of my experience fell short?\nI would like to learn.',
    banner: {
      flags: ['feedback-requested'],
      evidence: 'Which parts of my experience fell short?',
      sentiment: 'neutral',
      candidateUrl: candidateUrlFor('https://dashboard.acme.example/', 'c_ada'),
    },
    inReplyTo: '<cand-1@mail.example.com>',
    references: ['<0100abc@email.amazonses.com>', '<cand-1@mail.example.com>'],
    attempts: 0,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    history: [{ at: '2026-11-20T10:00:00.000Z', status: 'pending', detail: 'Recorded' }],
    retainUntil: '2027-11-20T10:00:00.000Z',
    ...overrides,
    cause,
    id: relayIdFor(cause),
  };
}

/** A recruiter's answer relayed to the candidate. */
export function aRelayToCandidate(overrides: RelayOverrides = {}): Relay {
  const cause = overrides.cause ?? {
    kind: 'dashboard',
    actor: 'recruiter:grace',
    idempotencyKey: Math.random().toString(36).slice(2),
  };
  return aRelayToRecruiter({
    direction: 'to-candidate',
    to: 'ada@example.com',
    from: '"Grace Hopper" <talent@acme.example>',
    replyTo: 'reply+noticetoken@replies.acme.example',
    text: 'Thanks for asking, Ada. The role needed more production SQL.\nWe will keep you in mind.',
    ...overrides,
    cause,
  });
}
