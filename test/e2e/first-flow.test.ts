import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDecision } from '#test/support/builders.ts';
import { type StartedStack, startStackProcess } from '#test/support/local-stack-process.ts';
import { sentEmails } from '#test/support/ses-store.ts';

let stack: StartedStack;
beforeAll(async () => {
  stack = await startStackProcess();
});
afterAll(async () => {
  await stack?.stop();
});

const json = (token?: string) => ({
  'content-type': 'application/json',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

describe('npm start: the README walkthrough over HTTP', () => {
  it('prints the URLs and the dev token, and answers /health', async () => {
    expect(stack.output()).toContain(`Dev API token     ${stack.token}`);
    expect((await fetch(`${stack.api}/health`)).status).toBe(200);
  });

  it('takes a decision, sends it on the sweep, shows it in the mail viewer and marks the notice sent', async () => {
    // Decision
    const posted = await fetch(`${stack.api}/decisions`, {
      method: 'POST',
      headers: json(stack.token),
      body: JSON.stringify(aDecision()),
    });
    expect(posted.status).toBe(202);
    const { noticeId, status } = await posted.json();
    expect(status).toBe('scheduled');

    // Sweep as of a later instant: the notice is due and goes out at once.
    const sweep = await fetch(`${stack.api}/local/sweep?now=2030-01-01T00:00:00Z`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token}` },
    });
    expect(await sweep.json()).toMatchObject({ enqueued: 1, outcomes: { sent: 1 } });

    // The email, as the SES emulator received it
    const [email] = await sentEmails(stack, 'ada@example.com');
    expect(email?.subject).toBe('An update on the Analytical Engineer role at Acme');
    expect(email?.body.html).toContain('Hi Ada,');
    expect(email?.replyTo[0]).toMatch(/^reply\+[a-z2-7]{32}@replies\.acme\.example$/);

    // The notice: sent, then delivered as the (simulated) SES reported
    const notice = await (await fetch(`${stack.api}/notices/${noticeId}`, { headers: json(stack.token) })).json();
    expect(notice.status).toBe('delivered');
    expect(notice.history.map((h: { status: string }) => h.status)).toEqual([
      'scheduled',
      'sending',
      'sent',
      'delivered',
    ]);
  });

  it('sends nothing more when the same decision is posted again and swept again', async () => {
    const again = await fetch(`${stack.api}/decisions`, {
      method: 'POST',
      headers: json(stack.token),
      body: JSON.stringify(aDecision()),
    });
    expect(again.status).toBe(200);
    await fetch(`${stack.api}/local/sweep?now=2030-01-02T00:00:00Z`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token}` },
    });

    expect(await sentEmails(stack, 'ada@example.com')).toHaveLength(1);
  });

  it('prints a viewer token that reads but cannot act: resend, a decision and the sweep answer 403', async () => {
    expect(stack.viewerToken).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(stack.viewerToken).not.toBe(stack.token);
    const posted = await fetch(`${stack.api}/decisions`, {
      method: 'POST',
      headers: json(stack.token),
      body: JSON.stringify(aDecision({ applicationId: 'viewer-path-1' })),
    });
    const { noticeId } = (await posted.json()) as { noticeId: string };
    const viewer = { authorization: `Bearer ${stack.viewerToken}` };

    const read = await fetch(`${stack.api}/notices/${noticeId}`, { headers: viewer });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: noticeId });
    const resend = await fetch(`${stack.api}/notices/${noticeId}/resend`, { method: 'POST', headers: viewer });
    expect(resend.status).toBe(403);
    const decision = await fetch(`${stack.api}/decisions`, {
      method: 'POST',
      headers: json(stack.viewerToken),
      body: JSON.stringify(aDecision({ applicationId: 'viewer-path-2' })),
    });
    expect(decision.status).toBe(403);
    const sweep = await fetch(`${stack.api}/local/sweep`, { method: 'POST', headers: viewer });
    expect(sweep.status).toBe(403);
  });

  it('refuses a decision without a token (401) and a bad one with problem details (400)', async () => {
    const anonymous = await fetch(`${stack.api}/decisions`, {
      method: 'POST',
      headers: json(),
      body: JSON.stringify(aDecision()),
    });
    const bad = await fetch(`${stack.api}/decisions`, {
      method: 'POST',
      headers: json(stack.token),
      body: JSON.stringify({ ...aDecision({ applicationId: 'bad' }), decidedAt: 'soon' }),
    });

    expect(anonymous.status).toBe(401);
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([{ field: 'decidedAt', message: expect.any(String) }]);
  });
});

describe('npm start: the README finds notices', () => {
  it("runs the Find notices examples as written: Ada by name, the counts, a CSV of the job's notices", async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Find notices'));
    const script = /```bash\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    expect(script).toContain('recruiter=me');
    const decided = await fetch(`${stack.api}/decisions`, {
      method: 'POST',
      headers: json(stack.token),
      body: JSON.stringify(aDecision({ applicationId: 'app-find', decidedAt: new Date().toISOString() })),
    });
    expect(decided.status).toBe(202);
    const dir = mkdtempSync(join(tmpdir(), 'find-notices-'));

    const run = spawnSync('bash', ['-e', '-c', script.replaceAll('http://localhost:3000', stack.api)], {
      cwd: dir,
      env: { ...process.env, CLOSELOOP_API_TOKEN: stack.token },
      encoding: 'utf8',
    });

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('"name": "Ada Lovelace"');
    expect(run.stdout).toMatch(/"total": [1-9]/);
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^notices-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(readFileSync(join(dir, file ?? ''), 'utf8')).toContain(',Analytical Engineer,');
    rmSync(dir, { recursive: true });
  });
});

describe('npm start: operating it', () => {
  it('stops cleanly on Ctrl-C, releasing every port', async () => {
    const second = await startStackProcess();
    const ports = [second.api, second.ses, second.dynamodb].map((u) => Number(new URL(u).port));

    await second.stop();

    await expect.poll(() => second.output(), { timeout: 10_000 }).toContain('stopping signal=SIGINT');
    for (const port of ports) await expect.poll(() => isFree(port), { timeout: 10_000 }).toBe(true);
    expect(second.output()).not.toMatch(/Error|could not stop/);
  });

  it('names the variable to change when a port is taken', async () => {
    const busy = new URL(stack.api).port;
    await expect(startStackProcess({ env: { PORT: busy } })).rejects.toThrow(
      `Port ${busy} is already in use: set PORT`,
    );
  });
});

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
