import { describe, expect, it } from 'vitest';
import { silentLog } from '#core/ports/log.ts';
import { createApp } from '#http/app.ts';
import type { Authenticator, Role } from '#http/auth.ts';
import { aMail } from '#test/support/mail.ts';
import { replyWorld } from '#test/support/reply-world.ts';

/** Tokens for each role, so role checks are exercised as in AWS (Cognito groups). */
const authenticate: Authenticator = (c) => {
  const token = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
  const roles: Record<string, Role[]> = { recruiter: ['recruiter'], viewer: ['viewer'] };
  return token !== undefined && roles[token] ? { subject: `sub-${token}`, roles: roles[token] } : undefined;
};

async function api() {
  const w = replyWorld();
  const notice = await w.sentNotice();
  await w.inbound(aMail({ to: w.replyTo(notice), body: 'This job is a scam and you are a dick.' }));
  await w.inbound(aMail({ from: 'stranger@example.org', body: 'Hello? Is this thing on?' }));
  const app = createApp({
    authenticate,
    log: silentLog,
    recordDecisions: w.recordDecisions,
    getNotice: w.getNotice,
    defaultRecruiterInbox: w.config.defaultRecruiterInbox,
    flags: { reviewFlag: w.reviewFlag, getFlag: (id, flag) => w.reply.flags.get(id, flag) },
    replies: {
      listUnmatchedReplies: (query) => w.reply.replies.listUnmatched(query),
      requestReplyLink: async () => ({ state: 'queued' }),
      dismissUnmatchedReply: async () => Promise.reject(new Error('not used here')),
    },
  });
  const review = (action: string, body: unknown, token = 'recruiter', flag = 'bridge-burned') =>
    app.request(`/candidates/${notice.candidateId}/flags/${flag}/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { app, w, candidateId: notice.candidateId, review };
}

describe('the flag routes', () => {
  it('confirms a flag as the calling recruiter, and shows it with its evidence and history', async () => {
    const { app, candidateId, review } = await api();

    const confirmed = await review('confirm', { reason: 'Abusive reply, checked.' });
    const read = await app.request(`/candidates/${candidateId}/flags/bridge-burned`, {
      headers: { authorization: 'Bearer viewer' },
    });

    expect(confirmed.status).toBe(200);
    expect(read.status).toBe(200);
    const flag = await read.json();
    expect(flag).toMatchObject({ status: 'confirmed', flag: 'bridge-burned' });
    expect(flag.evidence[0]).toMatchObject({ sentence: 'This job is a scam and you are a dick.' });
    expect(flag.history.at(-1)).toMatchObject({
      action: 'confirmed',
      by: 'sub-recruiter',
      reason: 'Abusive reply, checked.',
    });
  });

  it('answers 401 without a token, 403 for a viewer, 400 without a reason, 404 and 409 as the use case says', async () => {
    const { app, candidateId, review } = await api();

    const anonymous = await app.request(`/candidates/${candidateId}/flags/bridge-burned/dismiss`, { method: 'POST' });
    const viewer = await review('dismiss', { reason: 'Not my call.' }, 'viewer');
    const noReason = await review('dismiss', {});
    const unknownFlag = await review('dismiss', { reason: 'Typo.' }, 'recruiter', 'grumpy');
    const missing = await review('dismiss', { reason: 'Not there.' }, 'recruiter', 'warm');
    await review('dismiss', { reason: 'Sarcasm.' });
    const twice = await review('dismiss', { reason: 'Sarcasm again.' });

    expect(anonymous.status).toBe(401);
    expect(viewer.status).toBe(403);
    // The role is checked before the body: a viewer's bad body is a 403 too, never field errors.
    expect((await review('dismiss', { bogus: 1 }, 'viewer')).status).toBe(403);
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
    expect(unknownFlag.status).toBe(400);
    expect(missing.status).toBe(404);
    expect(twice.status).toBe(409);
    expect(twice.headers.get('content-type')).toBe('application/problem+json');
  });

  it('lists unmatched replies with the reason', async () => {
    const { app } = await api();

    const response = await app.request('/replies/unmatched', { headers: { authorization: 'Bearer viewer' } });

    expect(response.status).toBe(200);
    const { replies } = await response.json();
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ text: 'Hello? Is this thing on?', correlation: { method: 'none' } });
    expect(replies[0].correlation.reason).toMatch(/^Unmatched: /);
  });

  it('pages the unmatched replies with a cursor, and refuses a cursor it did not hand out', async () => {
    const { app, w } = await api();
    w.clock.advance(60_000);
    await w.inbound(aMail({ from: 'second@example.org', body: 'A second stray reply.' }));
    const list = (query: string) =>
      app.request(`/replies/unmatched?${query}`, { headers: { authorization: 'Bearer viewer' } });

    const first = await (await list('limit=1')).json();
    expect(first.replies.map((r: { text: string }) => r.text)).toEqual(['A second stray reply.']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await (await list(`limit=1&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect(second.replies.map((r: { text: string }) => r.text)).toEqual(['Hello? Is this thing on?']);
    expect(second.nextCursor).toBeUndefined();

    const forged = await list('limit=1&cursor=forged');
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ errors: [{ field: 'cursor' }] });
  });
});
