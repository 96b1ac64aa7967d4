import { describe, expect, it } from 'vitest';
import { MailparserAttachmentExtractor } from '#adapters/mime/mailparser-attachment-extractor.ts';
import { conversationUseCasesFrom, recruiterUseCasesFrom, replyAttachmentsFrom } from '#composition/use-cases.ts';
import { silentLog } from '#core/ports/log.ts';
import { createApp } from '#http/app.ts';
import type { Authenticator, Role } from '#http/auth.ts';
import { aMail } from '#test/support/mail.ts';
import { replyWorld } from '#test/support/reply-world.ts';
import { InMemoryLoopRecordSource } from '../../fakes/in-memory-loop-record-source.ts';

const authenticate: Authenticator = (c) => {
  const token = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
  const roles: Record<string, Role[]> = { recruiter: ['recruiter'], viewer: ['viewer'] };
  return token !== undefined && roles[token] ? { subject: `sub-${token}`, roles: roles[token] } : undefined;
};

function withAttachments(to: string, files: { name: string; type: string; body: string }[]): string {
  const parts = files.flatMap((f) => [
    '--b1',
    `Content-Type: ${f.type}; name="${f.name}"`,
    `Content-Disposition: attachment; filename="${f.name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(f.body).toString('base64'),
  ]);
  return aMail({
    to,
    contentType: 'multipart/mixed; boundary="b1"',
    body: [
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Could you give me some feedback on which parts of my experience fell short? My CV is attached.',
      ...parts,
      '--b1--',
    ].join('\r\n'),
  });
}

async function api() {
  const w = replyWorld();
  const notice = await w.sentNotice();
  const { replyId } = await w.inbound(
    withAttachments(w.replyTo(notice), [
      { name: '../../my cv.pdf', type: 'application/pdf', body: '%PDF-1.4 cv' },
      { name: 'page.html', type: 'text/html', body: '<script>alert(1)</script>' },
    ]),
  );
  const enqueued: string[] = [];
  const ports = {
    ...w.reply,
    suppressions: w.suppressions,
    loopRecord: new InMemoryLoopRecordSource({ decisions: w.decisions, notices: w.notices }),
    relayQueue: { enqueueRelays: async (ids: readonly string[]) => void enqueued.push(...ids) },
  };
  const app = createApp({
    authenticate,
    log: silentLog,
    recordDecisions: w.recordDecisions,
    getNotice: w.getNotice,
    defaultRecruiterInbox: w.config.defaultRecruiterInbox,
    candidates: recruiterUseCasesFrom(ports, w.config),
    conversations: conversationUseCasesFrom(ports, w.config),
    attachments: replyAttachmentsFrom({ ...ports, extractor: new MailparserAttachmentExtractor() }),
  });
  const followUp = (body: unknown, headers: Record<string, string> = {}, token = 'recruiter') =>
    app.request(`/notices/${notice.id}/follow-ups`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const get = (path: string, token = 'viewer') => app.request(path, { headers: { authorization: `Bearer ${token}` } });
  return { app, w, notice, replyId, enqueued, followUp, get };
}

describe('answering from the dashboard', () => {
  it('accepts a follow-up once per Idempotency-Key (202), answers the feedback request, and shows the thread', async () => {
    const { notice, enqueued, followUp, get } = await api();
    const key = { 'idempotency-key': '0b8e3c52-5f0c-4a43-9d57-3f2b1f3c9a10' };

    const first = await followUp({ text: 'Your SQL was strong; the system design round less so.' }, key);
    const again = await followUp({ text: 'Your SQL was strong; the system design round less so.' }, key);
    const page = await (await get(`/candidates/${notice.candidateId}`)).json();

    expect(first.status).toBe(202);
    const accepted = await first.json();
    expect(accepted).toMatchObject({ status: 'pending', created: true, answeredFeedbackRequest: true });
    expect(await again.json()).toMatchObject({ relayId: accepted.relayId, created: false });
    expect(enqueued).toEqual([accepted.relayId, accepted.relayId]);
    const entry = page.timeline.find((e: { type: string }) => e.type === 'notice');
    // The candidate's turn was relayed to the owner by the inbound path, then the follow-up answered it.
    expect(entry.conversation.map((t: { type: string }) => t.type)).toEqual([
      'rejection',
      'candidate',
      'relay',
      'relay',
    ]);
    expect(entry.conversation[2]).toMatchObject({ direction: 'to-recruiter' });
    expect(entry.conversation[3]).toMatchObject({
      direction: 'to-candidate',
      recipient: 'candidate',
      origin: 'dashboard',
      actor: 'recruiter:sub-recruiter',
      status: 'pending',
      text: 'Your SQL was strong; the system design round less so.',
    });
    expect(entry.conversation[3].to).toBeUndefined();
    const flag = page.flags.find((f: { flag: string }) => f.flag === 'feedback-requested');
    expect(flag).toMatchObject({
      unanswered: false,
      history: expect.arrayContaining([expect.objectContaining({ action: 'answered' })]),
    });
  });

  it('answers problems: 400 without a key or with bidi text, 403 for a viewer, 404, 401', async () => {
    const { app, followUp } = await api();
    const key = { 'idempotency-key': 'key-12345678' };

    const noKey = await followUp({ text: 'Hello' });
    const bidi = await followUp({ text: 'pay \u202Eyas' }, key);
    const viewer = await followUp({ text: 'Hello' }, key, 'viewer');
    const missing = await app.request('/notices/n_abcdefghijklmnopqrstuvwxyz/follow-ups', {
      method: 'POST',
      headers: { authorization: 'Bearer recruiter', 'content-type': 'application/json', ...key },
      body: JSON.stringify({ text: 'Hello' }),
    });
    const anonymous = await followUp({ text: 'Hello' }, key, 'nobody');

    expect([noKey.status, bidi.status, viewer.status, missing.status, anonymous.status]).toEqual([
      400, 400, 403, 404, 401,
    ]);
    expect(noKey.headers.get('content-type')).toBe('application/problem+json');
    expect((await noKey.json()).errors).toEqual([expect.objectContaining({ field: 'idempotency-key' })]);
    expect((await bidi.json()).errors).toEqual([expect.objectContaining({ field: 'text' })]);
  });

  it('marks a feedback request answered by hand, once (then 409)', async () => {
    const { app, notice } = await api();
    const mark = () =>
      app.request(`/candidates/${notice.candidateId}/flags/feedback-requested/answered`, {
        method: 'POST',
        headers: { authorization: 'Bearer recruiter' },
      });

    const first = await mark();
    const second = await mark();

    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      unanswered: false,
      history: expect.arrayContaining([expect.objectContaining({ action: 'answered', by: 'sub-recruiter' })]),
    });
    expect(second.status).toBe(409);
  });
});

describe('attachments by link', () => {
  it('serves a safe type as a download with a safe name, and anything else as octet-stream', async () => {
    const { get, replyId } = await api();

    const pdf = await get(`/replies/${replyId}/attachments/0`);
    const html = await get(`/replies/${replyId}/attachments/1`);

    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(
      `attachment; filename="my cv.pdf"; filename*=UTF-8''my%20cv.pdf`,
    );
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await pdf.text()).toBe('%PDF-1.4 cv');
    expect(html.headers.get('content-type')).toBe('application/octet-stream');
    expect(html.headers.get('content-disposition')).toMatch(/^attachment; filename="page.html"/);
  });

  it('answers 404 for a missing attachment or an expired raw message, 413 above the cap', async () => {
    const { w, get, replyId } = await api();
    const tooBig = createApp({
      authenticate,
      log: silentLog,
      recordDecisions: w.recordDecisions,
      getNotice: w.getNotice,
      defaultRecruiterInbox: w.config.defaultRecruiterInbox,
      attachments: {
        getReplyAttachment: replyAttachmentsFrom({
          ...w.reply,
          extractor: {
            attachment: async () => ({
              contentType: 'application/pdf',
              // Over the 4 MB cap (base64 of it would pass Lambda's 6 MB response limit), under the old 10 MB.
              sizeBytes: 5 * 1024 * 1024,
              content: new Uint8Array(),
            }),
          },
        }).getReplyAttachment,
      },
    });

    const none = await get(`/replies/${replyId}/attachments/5`);
    const big = await tooBig.request(`/replies/${replyId}/attachments/0`, {
      headers: { authorization: 'Bearer viewer' },
    });
    const stored = await w.reply.replies.get(replyId);
    if (stored) await w.reply.raw.delete(stored.raw);
    const expired = await get(`/replies/${replyId}/attachments/0`);

    expect([none.status, big.status, expired.status]).toEqual([404, 413, 404]);
    expect(big.headers.get('content-type')).toBe('application/problem+json');
    expect((await expired.json()).detail).toMatch(/no longer kept/);
  });
});
