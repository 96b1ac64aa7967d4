import { describe, expect, it } from 'vitest';
import { unmatchedReplyActionsFrom } from '#composition/use-cases.ts';
import { silentLog } from '#core/ports/log.ts';
import type { ReplyLinkRequest } from '#core/ports/reply-link-queue.ts';
import { makeRequestReplyLink } from '#core/use-cases/request-reply-link.ts';
import { createApp } from '#http/app.ts';
import type { Authenticator, Role } from '#http/auth.ts';
import { anErasureInProgress } from '#test/support/builders.ts';
import { aMail } from '#test/support/mail.ts';
import { replyWorld } from '#test/support/reply-world.ts';

const authenticate: Authenticator = (c) => {
  const token = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
  const roles: Record<string, Role[]> = { recruiter: ['recruiter'], viewer: ['viewer'], admin: ['admin'] };
  return token !== undefined && roles[token] ? { subject: `sub-${token}`, roles: roles[token] } : undefined;
};

/**
 * The routes over the real use cases and the in-memory ports. The link queue is the reply function's work run
 * when `drain` is called, as SQS would deliver it: the route answers before the link is done.
 */
async function api() {
  const w = replyWorld();
  const relayQueue = {
    enqueueRelays: async (ids: readonly string[]) => {
      w.enqueuedRelays.push(...ids);
    },
  };
  const ports = { ...w.reply, relayQueue };
  const { linkUnmatchedReply, dismissUnmatchedReply } = unmatchedReplyActionsFrom(ports, w.config);
  const queued: ReplyLinkRequest[] = [];
  const drain = async () => {
    for (const request of queued.splice(0)) await linkUnmatchedReply(request);
  };
  const linkQueue = { requestLink: async (request: ReplyLinkRequest) => void queued.push(request) };
  const app = createApp({
    authenticate,
    log: silentLog,
    recordDecisions: w.recordDecisions,
    getNotice: w.getNotice,
    defaultRecruiterInbox: w.config.defaultRecruiterInbox,
    replies: {
      listUnmatchedReplies: (query) => w.reply.replies.listUnmatched(query),
      requestReplyLink: makeRequestReplyLink({ ...ports, linkQueue }),
      dismissUnmatchedReply,
    },
  });
  const notice = await w.sentNotice();
  const unmatched = async (body: string, from = 'Stranger <stranger@example.org>') =>
    (await w.inbound(aMail({ to: 'talent@acme.example', from, body }))).replyId;
  const post = (path: string, body: unknown, token = 'recruiter') =>
    app.request(path, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const link = (replyId: string, candidateId = notice.candidateId, token = 'recruiter') =>
    post(`/replies/${replyId}/link`, { candidateId }, token);
  return { w, app, notice, unmatched, post, link, queued, drain };
}

describe('POST /replies/{id}/link', () => {
  it('hands the link over (202), and linking again once done relays nothing more (200)', async () => {
    const { w, notice, unmatched, link, queued, drain } = await api();
    const replyId = await unmatched('Could you give me some feedback on my interview?');

    const first = await link(replyId);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ replyId, candidateId: notice.candidateId, state: 'queued' });
    expect(queued).toEqual([{ replyId, candidateId: notice.candidateId, by: 'sub-recruiter' }]);
    await drain();
    const again = await link(replyId);

    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({
      state: 'linked',
      reply: {
        id: replyId,
        flags: ['needs-review'],
        correlation: { method: 'linked', candidateId: notice.candidateId, senderMatchesCandidate: false },
        resolution: { action: 'linked', by: 'sub-recruiter' },
      },
    });
    expect(queued).toEqual([]);
    expect(w.enqueuedRelays).toHaveLength(1);
    expect((await w.reply.flags.get(notice.candidateId, 'needs-review'))?.replyIds).toEqual([replyId]);
  });

  it('two requests before the reply function runs are one link and one relay', async () => {
    const { w, unmatched, link, queued, drain } = await api();
    const replyId = await unmatched('Thanks, could I get feedback?');

    expect((await link(replyId)).status).toBe(202);
    expect((await link(replyId)).status).toBe(202);
    expect(queued).toHaveLength(2);
    await drain();

    expect(w.enqueuedRelays).toHaveLength(1);
    expect(w.reply.notifier.sent).toHaveLength(1);
  });

  it('is for recruiters and admins: a viewer is refused before the body is read', async () => {
    const { unmatched, link, post, queued } = await api();
    const replyId = await unmatched('Hello?');

    expect((await link(replyId, undefined, 'viewer')).status).toBe(403);
    expect((await post(`/replies/${replyId}/link`, { nonsense: true }, 'viewer')).status).toBe(403);
    expect((await link(replyId, undefined, 'nobody')).status).toBe(401);
    expect(queued).toEqual([]);
    expect((await link(replyId, undefined, 'admin')).status).toBe(202);
  });

  it('answers 400 for a malformed id or body, 404 for no reply or no email sent, 409 and 410 as the link would', async () => {
    const { w, notice, unmatched, link, post, queued, drain } = await api();
    const replyId = await unmatched('Hello?');
    const dismissed = await unmatched('Wrong address, sorry.');
    expect((await post(`/replies/${dismissed}/dismiss`, {})).status).toBe(200);
    const other = await w.sentNotice({ applicationId: 'app-bo', candidate: { name: 'Bo', email: 'bo@example.com' } });
    const elsewhere = await unmatched('Thanks anyway.');
    expect((await link(elsewhere, other.candidateId)).status).toBe(202);
    await drain();
    const spam = await w.inbound(
      `Authentication-Results: amazonses.com; dmarc=pass header.from=example.com;\r\nX-SES-Spam-Verdict: FAIL\r\n${aMail({ to: w.replyTo(notice), body: 'Buy now' })}`,
    );

    expect((await link('not-a-reply')).status).toBe(400);
    expect((await post(`/replies/${replyId}/link`, { candidateId: 'someone' })).status).toBe(400);
    expect((await post(`/replies/${replyId}/link`, {})).status).toBe(400);
    expect((await link('r_aaaaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
    expect((await link(replyId, 'c_000000000000000000000000')).status).toBe(404);
    const refused = await link(spam.replyId);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ status: 409, detail: expect.stringMatching(/spam/) });
    expect((await link(dismissed)).status).toBe(409);
    expect((await link(elsewhere)).status).toBe(409);
    await w.reply.erasures.save(
      anErasureInProgress({ candidateId: notice.candidateId, requestedAt: '2026-11-22T00:00:00Z', requestedBy: 'a' }),
    );
    expect((await link(replyId)).status).toBe(410);
    expect(queued).toEqual([]);
  });
});

describe('POST /replies/{id}/dismiss', () => {
  it('takes the reply off the list with the reason, once; a viewer may not; a linked reply is a 409', async () => {
    const { w, unmatched, post, link, drain } = await api();
    const replyId = await unmatched('Hello?');
    const linked = await unmatched('Thanks!');
    await link(linked);
    await drain();

    expect((await post(`/replies/${replyId}/dismiss`, { reason: 'Spam' }, 'viewer')).status).toBe(403);
    const first = await post(`/replies/${replyId}/dismiss`, { reason: 'Not a candidate' });
    const again = await post(`/replies/${replyId}/dismiss`, undefined);

    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      id: replyId,
      resolution: { action: 'dismissed', by: 'sub-recruiter', reason: 'Not a candidate' },
    });
    expect(again.status).toBe(200);
    expect((await w.reply.replies.listUnmatched({ limit: 10 })).items).toEqual([]);
    expect((await post(`/replies/${linked}/dismiss`, {})).status).toBe(409);
    expect((await post('/replies/r_aaaaaaaaaaaaaaaaaaaaaaaaaa/dismiss', {})).status).toBe(404);
    expect((await post(`/replies/${replyId}/dismiss`, { reason: 'x'.repeat(1001) })).status).toBe(400);
  });
});
