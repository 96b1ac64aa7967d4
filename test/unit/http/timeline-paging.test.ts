import { describe, expect, it } from 'vitest';
import { candidateIdFor } from '#core/domain/email-address.ts';
import { aReply } from '#test/contracts/reply-repository-contract.ts';
import { recruiterWorld } from '#test/support/recruiter-world.ts';

const REPLIES = 10_000;

interface TimelinePage {
  readonly timeline: readonly {
    readonly type: string;
    readonly at: string;
    readonly reply?: { readonly id: string };
  }[];
  readonly nextCursor?: string;
  readonly flags: readonly { readonly history: readonly unknown[]; readonly historyOmitted?: number }[];
}

/**
 * Issue 17: 10,000 replies to one candidate, each raising the same flag through the flag repository (the domain's
 * `raiseAgain` and history cap; the DynamoDB write of it is contract-tested on dynalite, and
 * `test/integration/bounded-candidate.test.ts` runs this at a smaller size there). The answer is read through the
 * real app and use case.
 */
describe('GET /candidates/{id} with 10,000 replies to one candidate', () => {
  it('pages the timeline, keeps every page under 256 KB, and meets every reply once', async () => {
    const w = recruiterWorld({ now: '2026-12-01T00:00:00Z' });
    const notice = await w.sentNotice();
    const candidateId = notice.candidateId;
    const all = Array.from({ length: REPLIES }, (_, i) =>
      aReply({
        id: `r_${String(i).padStart(26, '0')}`,
        receivedAt: new Date(Date.UTC(2026, 11, 3) + i * 1000).toISOString(),
        correlation: { method: 'token', noticeId: notice.id, candidateId },
        text: `Reply number ${i}: thank you, and please keep me in mind for the next role.`,
      }),
    );
    for (const reply of all) {
      await w.reply.replies.create(reply);
      await w.reply.flags.raise({
        candidateId,
        flag: 'warm',
        reason: 'Warm reply (thanks)',
        evidence: [],
        replyId: reply.id,
        noticeId: notice.id,
        at: reply.receivedAt,
        retainUntil: reply.retainUntil,
      });
    }
    const get = async (query = '') => {
      const response = await w.call(`/candidates/${candidateId}${query}`);
      expect(response.status).toBe(200);
      const body = await response.text();
      return { bytes: Buffer.byteLength(body), page: JSON.parse(body) as TimelinePage };
    };

    const first = await get();
    const seen = first.page.timeline.flatMap((e) => (e.reply ? [e.reply.id] : []));
    let cursor = first.page.nextCursor;
    let largest = first.bytes;
    let entries = first.page.timeline.length;
    while (cursor !== undefined) {
      const next = await get(`?limit=50&cursor=${encodeURIComponent(cursor)}`);
      largest = Math.max(largest, next.bytes);
      entries += next.page.timeline.length;
      seen.unshift(...next.page.timeline.flatMap((e) => (e.reply ? [e.reply.id] : [])));
      cursor = next.page.nextCursor;
    }

    expect(first.page.timeline).toHaveLength(10);
    expect(first.page.timeline.map((e) => e.reply?.id)).toEqual(all.slice(-10).map((r) => r.id));
    expect(first.page.flags.find((f) => f.historyOmitted !== undefined)?.history).toHaveLength(50);
    expect(largest).toBeLessThan(256 * 1024);
    expect(seen).toEqual(all.map((r) => r.id));
    // Every reply, plus the decision and the notice on the oldest page.
    expect(entries).toBe(REPLIES + 2);
  }, 60_000);

  it('refuses a cursor it did not hand out, and a limit above 50', async () => {
    const w = recruiterWorld();
    const notice = await w.sentNotice();
    const forged = Buffer.from(JSON.stringify({ at: 'x', type: 'flag', id: 'n_1' })).toString('base64url');

    const responses = await Promise.all([
      w.call(`/candidates/${notice.candidateId}?cursor=${forged}`),
      w.call(`/candidates/${notice.candidateId}?cursor=not-base64-json`),
      w.call(`/candidates/${notice.candidateId}?limit=51`),
      w.call(`/candidates/${candidateIdFor('nobody@example.com')}`),
    ]);

    expect(responses.map((r) => r.status)).toEqual([400, 400, 400, 404]);
  });
});
