import { describe, expect, it } from 'vitest';
import { unmatchedReplyActionsFrom } from '#composition/use-cases.ts';
import { ConflictError, GoneError, NotFoundError } from '#core/domain/errors.ts';
import { anErasureInProgress } from '#test/support/builders.ts';
import { aMail, gmailQuote } from '#test/support/mail.ts';
import { replyWorld } from '#test/support/reply-world.ts';

const HOSTILE = 'This job must be a scam and you the trickster. You are a dick.';
const FEEDBACK = 'Could you give me some feedback on my interview?';

function world() {
  const w = replyWorld();
  const actions = unmatchedReplyActionsFrom({ ...w.reply, relayQueue: relayQueueOf(w) }, w.config);
  return { w, ...actions };
}

function relayQueueOf(w: ReturnType<typeof replyWorld>) {
  return {
    enqueueRelays: async (ids: readonly string[]) => {
      w.enqueuedRelays.push(...ids);
    },
  };
}

/** A reply from the candidate's address with no token and no verdicts: unmatched (unknown is not trusted). */
async function unmatchedFrom(w: ReturnType<typeof replyWorld>, body: string, from?: string) {
  const outcome = await w.inbound(aMail({ to: 'talent@acme.example', body, ...(from ? { from } : {}) }));
  expect(outcome.correlation?.method).toBe('none');
  return outcome.replyId;
}

describe('linking an unmatched reply to a candidate (issue 15)', () => {
  it('reads it as if it had matched: our email cut, classified, flagged, relayed to the owner once', async () => {
    const { w, linkUnmatchedReply } = world();
    const notice = await w.sentNotice();
    const replyId = await unmatchedFrom(w, `${FEEDBACK}\n\n${gmailQuote(w.sentText(notice))}`);

    const first = await linkUnmatchedReply({ replyId, candidateId: notice.candidateId, by: 'sub-recruiter' });
    const again = await linkUnmatchedReply({ replyId, candidateId: notice.candidateId, by: 'sub-recruiter' });

    expect(first.duplicate).toBe(false);
    expect(first.reply).toMatchObject({
      status: 'classified',
      text: FEEDBACK,
      flags: ['feedback-requested'],
      correlation: { method: 'linked', noticeId: notice.id, candidateId: notice.candidateId },
      resolution: { action: 'linked', by: 'sub-recruiter' },
    });
    expect(first.outcome?.relayId).toBeDefined();
    expect(again.duplicate).toBe(true);
    // Exactly once: one relay to the owner, one flag raise, one notification.
    expect(w.enqueuedRelays).toEqual([first.outcome?.relayId]);
    expect(w.reply.notifier.sent).toHaveLength(1);
    expect((await w.reply.flags.get(notice.candidateId, 'feedback-requested'))?.replyIds).toEqual([replyId]);
    expect((await w.reply.replies.listUnmatched({ limit: 10 })).items).toEqual([]);
  });

  it('from another address than the candidate’s, raises at most needs-review', async () => {
    const { w, linkUnmatchedReply } = world();
    const notice = await w.sentNotice();
    const replyId = await unmatchedFrom(w, HOSTILE, 'Someone <someone@example.org>');

    const linked = await linkUnmatchedReply({ replyId, candidateId: notice.candidateId, by: 'sub-recruiter' });

    expect(linked.reply.flags).toEqual(['needs-review']);
    expect(linked.reply.correlation).toMatchObject({ method: 'linked', senderMatchesCandidate: false });
    expect(await w.reply.flags.get(notice.candidateId, 'bridge-burned')).toBeUndefined();
  });

  it('refuses a reply SES judged spam or a virus, a dismissed one, and one linked elsewhere', async () => {
    const { w, linkUnmatchedReply, dismissUnmatchedReply } = world();
    const notice = await w.sentNotice();
    const other = await w.sentNotice({
      applicationId: 'app-bo',
      candidate: { name: 'Bo', email: 'bo@example.com' },
    });
    const spam = await w.inbound(
      `Authentication-Results: amazonses.com; dmarc=pass header.from=example.com;\r\nX-SES-Spam-Verdict: FAIL\r\n${aMail({ to: w.replyTo(notice), body: HOSTILE })}`,
    );
    const dismissed = await unmatchedFrom(w, 'Hello?');
    await dismissUnmatchedReply({ replyId: dismissed, by: 'sub-recruiter' });
    const elsewhere = await unmatchedFrom(w, 'Thanks anyway.');
    await linkUnmatchedReply({ replyId: elsewhere, candidateId: other.candidateId, by: 'sub-recruiter' });
    const link = (replyId: string) => linkUnmatchedReply({ replyId, candidateId: notice.candidateId, by: 'sub-r' });

    await expect(link(spam.replyId)).rejects.toThrow(ConflictError);
    await expect(link(spam.replyId)).rejects.toThrow(/spam/);
    await expect(link(dismissed)).rejects.toThrow(/dismissed/);
    await expect(link(elsewhere)).rejects.toThrow(/another candidate/);
    await expect(link('r_nosuchreply')).rejects.toThrow(NotFoundError);
    expect(w.reply.classifier.calls.filter((t) => t.includes('scam'))).toEqual([]);
  });

  it('refuses a candidate who was never emailed, or erased', async () => {
    const { w, linkUnmatchedReply } = world();
    const notice = await w.sentNotice();
    const replyId = await unmatchedFrom(w, 'Hello?');
    await w.reply.erasures.save(
      anErasureInProgress({ candidateId: notice.candidateId, requestedAt: '2026-11-22T00:00:00Z', requestedBy: 'a' }),
    );

    await expect(linkUnmatchedReply({ replyId, candidateId: notice.candidateId, by: 'r' })).rejects.toThrow(GoneError);
    await expect(linkUnmatchedReply({ replyId, candidateId: 'c_000000000000000000000000', by: 'r' })).rejects.toThrow(
      NotFoundError,
    );
  });
});

describe('dismissing an unmatched reply (issue 15)', () => {
  it('takes it off the list once, keeps it for erasure, and refuses a linked one', async () => {
    const { w, dismissUnmatchedReply, linkUnmatchedReply } = world();
    const notice = await w.sentNotice();
    const replyId = await unmatchedFrom(w, 'Hello?');
    const linkedId = await unmatchedFrom(w, 'Thanks!');
    await linkUnmatchedReply({ replyId: linkedId, candidateId: notice.candidateId, by: 'r' });

    const first = await dismissUnmatchedReply({ replyId, by: 'sub-recruiter', reason: 'Not a candidate' });
    const again = await dismissUnmatchedReply({ replyId, by: 'sub-recruiter' });

    expect(first).toMatchObject({
      duplicate: false,
      reply: { resolution: { action: 'dismissed', reason: 'Not a candidate' } },
    });
    expect(again.duplicate).toBe(true);
    expect((await w.reply.replies.listUnmatched({ limit: 10 })).items).toEqual([]);
    expect(await w.reply.replies.get(replyId)).toBeDefined();
    await expect(dismissUnmatchedReply({ replyId: linkedId, by: 'r' })).rejects.toThrow(ConflictError);
  });
});
