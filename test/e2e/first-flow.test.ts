import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/**
 * The `index`th bash block of the README section under `heading` (up to the next heading), read from the README
 * each run, so the test runs what a reader pastes and fails when the README drifts.
 */
function readmeBlock(heading: string, index: number): string {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start === -1) throw new Error(`README has no heading ${heading}`);
  const rest = readme.slice(start + heading.length + 2);
  const end = rest.search(/\n#{2,3} /);
  const section = end === -1 ? rest : rest.slice(0, end);
  const block = [...section.matchAll(/```bash\n([\s\S]*?)```/g)][index]?.[1];
  if (block === undefined) throw new Error(`README section ${heading} has no bash block ${index}`);
  return block;
}

/** Runs a README block with bash, the way a reader does in a second terminal: the token exported, the stack's ports. */
function runReadme(script: string, cwd = root) {
  const local = script.replaceAll('http://localhost:3000', stack.api).replaceAll('http://localhost:8005', stack.ses);
  return spawnSync('bash', ['-e', '-c', local], {
    cwd,
    env: { ...process.env, CLOSELOOP_API_TOKEN: stack.token },
    encoding: 'utf8',
  });
}

describe('npm start: the README walkthrough over HTTP', () => {
  it('prints the URLs and the dev token, and answers /health', async () => {
    expect(stack.output()).toContain(`Dev API token     ${stack.token}`);
    expect((await fetch(`${stack.api}/health`)).status).toBe(200);
  });

  it('runs the walkthrough as written: a decision, the sweep, the email in the mail viewer, the notice delivered', async () => {
    const run = runReadme(readmeBlock('## Try it locally', 1));

    // Step 1 printed the decision's answer; step 4 read the notice by the id it kept.
    expect(run.status, run.stderr).toBe(0);
    const { noticeId, status } = JSON.parse(run.stdout.split('\n')[0] ?? '') as { noticeId: string; status: string };
    expect(status).toBe('scheduled');
    expect(run.stdout).toContain('"outcomes":{"sent":1}');
    expect(run.stdout).toContain(`"id": "${noticeId}"`);
    expect(run.stdout).toContain('"status": "delivered"');

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
    const script = readmeBlock('### Find notices', 0);
    expect(script).toContain('recruiter=me');
    const decided = await fetch(`${stack.api}/decisions`, {
      method: 'POST',
      headers: json(stack.token),
      body: JSON.stringify(aDecision({ applicationId: 'app-find', decidedAt: new Date().toISOString() })),
    });
    expect(decided.status).toBe(202);
    const dir = mkdtempSync(join(tmpdir(), 'find-notices-'));

    const run = runReadme(script, dir);

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('"name": "Ada Lovelace"');
    expect(run.stdout).toMatch(/"total": [1-9]/);
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^notices-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(readFileSync(join(dir, file ?? ''), 'utf8')).toContain(',Analytical Engineer,');
    rmSync(dir, { recursive: true });
  });
});

describe('npm start: the README acts on what it made, by the ids it kept', () => {
  it('answers Ada from the Reply-To of her email, and parse-reply reads the reply.eml it wrote', async () => {
    const [email] = await sentEmails(stack, 'ada@example.com');
    const token = /reply\+([a-z2-7]+)@/.exec(email?.replyTo[0] ?? '')?.[1];
    expect(token).toBeDefined();

    let run: ReturnType<typeof runReadme>;
    try {
      run = runReadme(readmeBlock('## Replies: what candidates answer', 1));
    } finally {
      rmSync(join(root, 'reply.eml'), { force: true });
    }

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('"warm"');
    const parsed = JSON.parse(run.stdout.slice(run.stdout.indexOf('{"autoReply"'))) as {
      autoReply: boolean;
      text: string;
      correlation: { token: string | null };
    };
    expect(parsed).toMatchObject({ autoReply: false, text: 'Thank you! I would love to stay in touch.' });
    expect(parsed.correlation.token).toBe(token);
  });

  it('suppresses Ada and lifts the suppression by the id the POST answered', async () => {
    const run = runReadme(readmeBlock('### Stop emailing someone', 0));

    expect(run.status, run.stderr).toBe(0);
    const answered = JSON.parse(run.stdout.split('\n')[0] ?? '') as { created: boolean; suppression: { id: string } };
    expect(answered.created).toBe(true);
    const { suppression } = answered;
    expect(run.stdout.split('\n')[1]).toContain(suppression.id);
    const listed = await fetch(`${stack.api}/suppressions?reason=recruiter-request`, { headers: json(stack.token) });
    const { items } = (await listed.json()) as { items: { id: string }[] };
    expect(items.map((i) => i.id)).not.toContain(suppression.id);
  });

  it('resends a notice to a corrected address, then cancels it, by the id its decision answered', async () => {
    const run = runReadme(readmeBlock('### Resend or cancel a notice', 0));

    expect(run.status, run.stderr).toBe(0);
    const [resent, cancelled] = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    expect(resent).toMatchObject({ status: 'scheduled', email: 'ada.lovelace@example.com' });
    expect(cancelled).toEqual({ outcome: 'cancelled', id: resent.id, status: 'cancelled' });
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
