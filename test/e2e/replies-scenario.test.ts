import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_REPLY, rawReply, runStory, type StoryOutcome, WARM_REPLY } from '#cli/demo-story.ts';
import { type StartedStack, startStackProcess } from '#test/support/local-stack-process.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let stack: StartedStack;
let story: StoryOutcome;
beforeAll(async () => {
  stack = await startStackProcess();
  story = await runStory({ api: stack.api, ses: stack.ses, token: stack.token });
});
afterAll(async () => {
  await stack?.stop();
});

const get = (path: string) => fetch(`${stack.api}${path}`, { headers: { authorization: `Bearer ${stack.token}` } });

describe('the seed scenario on npm start, with the real local classifier', () => {
  it('correlates each reply by its token and keeps only what the candidate wrote', () => {
    expect(story.ada.received.replyTo).toMatch(/^reply\+[a-z2-7]{32}@replies\.acme\.example$/);
    expect(story.ada.reply).toMatchObject({
      status: 'classified',
      text: WARM_REPLY,
      correlation: { method: 'token', candidateId: story.ada.candidateId, noticeId: story.ada.noticeId },
    });
    expect(story.bob.reply).toMatchObject({
      status: 'classified',
      text: HOSTILE_REPLY,
      correlation: { method: 'token' },
    });
  });

  it('flags the grateful candidate warm', async () => {
    expect(story.ada.reply.flags).toEqual(['warm']);
    expect(story.ada.reply.classification?.intents).toEqual(
      expect.arrayContaining(['thanks', 'keep-in-touch', 'referral-request']),
    );
    const warm = await get(`/candidates/${story.ada.candidateId}/flags/warm`);
    expect(warm.status).toBe(200);
    expect(await warm.json()).toMatchObject({ status: 'raised', flag: 'warm' });
    expect((await get(`/candidates/${story.ada.candidateId}/flags/bridge-burned`)).status).toBe(404);
  });

  it('flags the insulting candidate bridge-burned, with that sentence as evidence', async () => {
    expect(story.bob.reply.flags).toEqual(['bridge-burned']);
    const response = await get(`/candidates/${story.bob.candidateId}/flags/bridge-burned`);
    const flag = await response.json();
    expect(flag.status).toBe('raised');
    expect(flag.evidence[0].sentence).toBe(HOSTILE_REPLY);
    expect(flag.evidence[0].categories).toEqual(expect.arrayContaining(['insult', 'accusation']));
    expect((await get(`/candidates/${story.bob.candidateId}/flags/warm`)).status).toBe(404);
  });

  it('records the out-of-office answer and changes nothing', async () => {
    expect(story.outOfOffice).toMatchObject({
      status: 'auto-reply',
      flags: [],
      autoReplyReason: 'Auto-Submitted: auto-replied',
    });
    expect(story.outOfOffice.classification).toBeUndefined();
    expect(story.flags.ada?.map((f) => `${f.flag}:${f.status}`)).toEqual(['warm:raised']);
    expect(story.flags.bob?.map((f) => `${f.flag}:${f.status}`)).toEqual(['bridge-burned:raised']);
  });

  it('processes the same message twice into one reply', async () => {
    const message = rawReply({
      from: `Ada Lovelace <${story.ada.email}>`,
      to: story.ada.received.replyTo,
      subject: 'Re: again',
      body: 'Thanks once more!',
    });
    const post = () =>
      fetch(`${stack.api}/local/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${stack.token}` },
        body: message,
      });

    const first = await (await post()).json();
    const second = await (await post()).json();

    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ ...first, duplicate: true });
  });

  it('lets a recruiter dismiss a flag with a reason, and refuses a viewer-less anonymous call', async () => {
    const dismiss = (token?: string) =>
      fetch(`${stack.api}/candidates/${story.ada.candidateId}/flags/warm/dismiss`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ reason: 'Polite, but not more than that.' }),
      });

    expect((await dismiss()).status).toBe(401);
    const dismissed = await dismiss(stack.token);
    expect(dismissed.status).toBe(200);
    expect((await dismissed.json()).history.at(-1)).toMatchObject({
      action: 'dismissed',
      by: 'local-developer',
      reason: 'Polite, but not more than that.',
    });
  });

  it('answers 400 for an empty /local/inbound body and records garbage as rejected', async () => {
    const inbound = (body: string | Uint8Array<ArrayBuffer>) =>
      fetch(`${stack.api}/local/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${stack.token}` },
        body,
      });
    const empty = await inbound('');
    const garbage = await inbound(new Uint8Array([0, 1, 2]));

    expect(empty.status).toBe(400);
    expect(garbage.status).toBe(200);
    expect((await garbage.json()).reply).toMatchObject({ status: 'rejected' });
  });

  it("trusts the sender's address alone only when SES's verdicts vouch for it; spam FAIL is never read (issue 17)", async () => {
    const inbound = async (headers: Record<string, string>, to: string, body: string) => {
      const response = await fetch(`${stack.api}/local/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${stack.token}` },
        body: rawReply({ from: `Ada <${story.ada.email}>`, to, subject: 'Re: your application', headers, body }),
      });
      expect(response.status).toBe(200);
      return (await response.json()).reply;
    };
    const forged = { 'X-Closeloop-Local-Verdict': 'spf=fail dkim=none dmarc=none domain=evil.example' };

    const unverified = await inbound(forged, 'talent@acme.example', HOSTILE_REPLY);
    const spam = await inbound({ 'X-Closeloop-Local-Verdict': 'spam=fail' }, story.ada.received.replyTo, HOSTILE_REPLY);
    const vouched = await inbound({}, 'talent@acme.example', 'Noted, I am no longer interested anyway.');

    expect(unverified).toMatchObject({ status: 'classified', flags: [], correlation: { method: 'none' } });
    expect(unverified.correlation.reason).toMatch(/sender's address alone is not trusted: neither DMARC, SPF nor DKIM/);
    expect(spam).toMatchObject({ status: 'rejected', flags: [], correlation: { method: 'none' } });
    expect(spam.rejectionReason).toMatch(/spam/);
    expect(vouched).toMatchObject({ correlation: { method: 'sender', candidateId: story.ada.candidateId } });
    expect(vouched.flags).toEqual(['withdrew']);
    expect((await get(`/candidates/${story.ada.candidateId}/flags/bridge-burned`)).status).toBe(404);
    const unmatched = await (await get('/replies/unmatched?limit=100')).json();
    expect(unmatched.replies.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining([unverified.id, spam.id]),
    );
  });

  it('refuses /local/* without the dev token (401) and /local/inbound in any type but message/rfc822 (415)', async () => {
    const message = rawReply({
      from: 'Eve <eve@example.com>',
      to: 'reply+x@replies.acme.example',
      subject: 'Re',
      body: 'Hi',
    });
    const anonymousSweep = await fetch(`${stack.api}/local/sweep`, { method: 'POST' });
    const anonymousInbound = await fetch(`${stack.api}/local/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: message,
    });
    // What a cross-site form can send without a preflight, even with the token (which it could not have).
    const asText = await fetch(`${stack.api}/local/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${stack.token}` },
      body: message,
    });

    expect([anonymousSweep.status, anonymousInbound.status, asText.status]).toEqual([401, 401, 415]);
  });

  it('answers 421 to a Host that is not a loopback name (DNS rebinding), 200 to localhost', async () => {
    const { port } = new URL(stack.api);
    const status = (host: string) =>
      new Promise<number | undefined>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/health', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        });
        req.on('error', reject);
        req.end();
      });

    expect(await status(`rebind.attacker.example:${port}`)).toBe(421);
    expect(await status(`localhost:${port}`)).toBe(200);
  });

  it('npm run demo tells the same story step by step', async () => {
    const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
      const child = spawn('npm', ['run', '--silent', 'demo', '--', '--api', stack.api, '--ses', stack.ses], {
        cwd: root,
        env: { ...process.env, CLOSELOOP_API_TOKEN: stack.token },
      });
      let text = '';
      child.stdout.on('data', (c: Buffer) => {
        text += c.toString();
      });
      child.stderr.on('data', (c: Buffer) => {
        text += c.toString();
      });
      child.on('exit', (code) => resolve({ code, text }));
    });

    expect(output.code, output.text).toBe(0);
    expect(output.text).toContain('flags raised: warm');
    expect(output.text).toContain('flags raised: bridge-burned');
    expect(output.text).toContain(`evidence: "${HOSTILE_REPLY}"`);
    expect(output.text).toContain('recorded as auto-reply');
  });

  it('npm run demo says clearly when no stack is running', async () => {
    const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
      const child = spawn('npm', ['run', '--silent', 'demo', '--', '--api', 'http://127.0.0.1:9', '--token', 'x'], {
        cwd: root,
      });
      let text = '';
      child.stderr.on('data', (c: Buffer) => {
        text += c.toString();
      });
      child.on('exit', (code) => resolve({ code, text }));
    });

    expect(output.code).toBe(1);
    expect(output.text).toMatch(/^demo: Closeloop is not running at http:\/\/127\.0\.0\.1:9 .*npm start/);
  });
});
