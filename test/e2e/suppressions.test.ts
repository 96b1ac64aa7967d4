import { createHash } from 'node:crypto';
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

const api = (path: string, init: { method?: string; json?: unknown } = {}) =>
  fetch(`${stack.api}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${stack.token}`,
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });

describe('npm start: a candidate who asked not to be emailed', () => {
  it('is suppressed by a recruiter: the decision is recorded, the sweep sends nothing, the notice ends suppressed', async () => {
    const email = 'grace.hopper@example.com';

    const suppressed = await api('/suppressions', {
      method: 'POST',
      json: { email, note: 'Asked on the phone not to be contacted again' },
    });
    const { suppression } = (await suppressed.json()) as { suppression: { id: string; reason: string } };
    const decided = await api('/decisions', {
      method: 'POST',
      json: aDecision({ applicationId: 'app-suppressed', candidate: { name: 'Grace Hopper', email } }),
    });
    const { noticeId } = (await decided.json()) as { noticeId: string };
    const sweep = await (await api('/local/sweep?now=2030-01-01T00:00:00Z', { method: 'POST' })).json();
    const notice = (await (await api(`/notices/${noticeId}`)).json()) as {
      status: string;
      history: { detail?: string }[];
    };
    const listed = (await (await api('/suppressions?reason=recruiter-request')).json()) as { items: { id: string }[] };

    expect(suppressed.status).toBe(201);
    expect(suppression).toMatchObject({
      id: createHash('sha256').update(email).digest('hex'),
      reason: 'recruiter-request',
    });
    expect(decided.status).toBe(202);
    expect(sweep).toMatchObject({ found: 1, outcomes: { suppressed: 1 } });
    expect(notice.status).toBe('suppressed');
    expect(notice.history.at(-1)?.detail).toBe('Not sent: the address is suppressed (recruiter-request)');
    expect(await sentEmails(stack, email)).toEqual([]);
    expect(listed.items.map((s) => s.id)).toEqual([suppression.id]);
    // Logs carry the suppression's id, never the address.
    expect(stack.output()).toContain(suppression.id);
    expect(stack.output()).not.toContain(email);
  });
});
