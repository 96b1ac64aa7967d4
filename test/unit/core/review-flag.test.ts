import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '#core/domain/errors.ts';
import { aMail } from '#test/support/mail.ts';
import { replyWorld } from '#test/support/reply-world.ts';

async function flaggedWorld() {
  const w = replyWorld();
  const notice = await w.sentNotice();
  await w.inbound(aMail({ to: w.replyTo(notice), body: 'This job is a scam.' }));
  return { w, candidateId: notice.candidateId };
}

describe('reviewing a flag', () => {
  it('confirms a flag with who, when and why in its history, and publishes the review', async () => {
    const { w, candidateId } = await flaggedWorld();
    w.clock.set('2026-12-01T09:00:00Z');

    const flag = await w.reviewFlag({
      candidateId,
      flag: 'bridge-burned',
      action: 'confirm',
      by: 'recruiter-42',
      reason: 'Read the reply; it is abusive.',
    });

    expect(flag.status).toBe('confirmed');
    expect(flag.history.at(-1)).toEqual({
      action: 'confirmed',
      at: '2026-12-01T09:00:00.000Z',
      by: 'recruiter-42',
      reason: 'Read the reply; it is abusive.',
    });
    expect(w.events.published.at(-1)).toMatchObject({
      type: 'CandidateFlagReviewed',
      detail: { candidateId, flag: 'bridge-burned', status: 'confirmed', by: 'recruiter-42' },
    });
    expect(w.reply.flags.listed('bridge-burned').map((f) => f.candidateId)).toEqual([candidateId]);
  });

  it('dismisses a flag: it leaves the by-flag list and keeps its history', async () => {
    const { w, candidateId } = await flaggedWorld();

    const flag = await w.reviewFlag({
      candidateId,
      flag: 'bridge-burned',
      action: 'dismiss',
      by: 'recruiter-42',
      reason: 'Sarcasm between old colleagues.',
    });

    expect(flag.status).toBe('dismissed');
    expect(flag.history.map((h) => h.action)).toEqual(['raised', 'dismissed']);
    expect(w.reply.flags.listed('bridge-burned')).toEqual([]);
  });

  it('raises a dismissed flag again when a later reply is hostile too', async () => {
    const { w, candidateId } = await flaggedWorld();
    await w.reviewFlag({ candidateId, flag: 'bridge-burned', action: 'dismiss', by: 'r', reason: 'Seems a joke.' });
    const notice = await w.lookupByCandidate(candidateId);

    await w.inbound(aMail({ to: w.replyTo(notice), body: 'No joke: you are a fraud.' }));

    const flag = await w.reply.flags.get(candidateId, 'bridge-burned');
    expect(flag?.status).toBe('raised');
    expect(flag?.history.map((h) => h.action)).toEqual(['raised', 'dismissed', 'raised-again']);
  });

  it('answers 404 for a flag the candidate does not have and 409 for a review that changes nothing', async () => {
    const { w, candidateId } = await flaggedWorld();
    await w.reviewFlag({ candidateId, flag: 'bridge-burned', action: 'confirm', by: 'r', reason: 'Abusive.' });

    await expect(
      w.reviewFlag({ candidateId, flag: 'warm', action: 'confirm', by: 'r', reason: 'Nice.' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      w.reviewFlag({ candidateId, flag: 'bridge-burned', action: 'confirm', by: 'r', reason: 'Again.' }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('answers 409 when the flag changed between reading and writing it', async () => {
    const { w, candidateId } = await flaggedWorld();
    const review = w.reply.flags.review.bind(w.reply.flags);
    w.reply.flags.review = async (id, flag, change) => {
      await review(id, flag, { ...change, entry: { ...change.entry, by: 'someone-faster' } });
      return review(id, flag, change);
    };

    await expect(
      w.reviewFlag({ candidateId, flag: 'bridge-burned', action: 'dismiss', by: 'r', reason: 'Late.' }),
    ).rejects.toThrow('changed while you were reviewing it');
  });
});
