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

const headers = () => ({ 'content-type': 'application/json', authorization: `Bearer ${stack.token}` });

async function decide(email: string, applicationId: string): Promise<string> {
  const response = await fetch(`${stack.api}/decisions`, {
    method: 'POST',
    headers: headers(),
    body: JSON.stringify(aDecision({ applicationId, candidate: { email } })),
  });
  expect(response.status).toBe(202);
  return (await response.json()).noticeId;
}

async function sweep(now = '2030-01-01T00:00:00Z') {
  const response = await fetch(`${stack.api}/local/sweep?now=${now}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.token}` },
  });
  expect(response.status).toBe(200);
  return response.json();
}

async function notice(id: string) {
  return (await fetch(`${stack.api}/notices/${id}`, { headers: headers() })).json();
}

/** A POST as curl would send it: a JSON body and its content type, or neither. */
const post = (path: string, body?: unknown) =>
  fetch(`${stack.api}${path}`, {
    method: 'POST',
    headers: body === undefined ? { authorization: `Bearer ${stack.token}` } : headers(),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('npm start: tracking with the SES mailbox simulator', () => {
  it('turns the simulator addresses into bounced, complained, suppressed and delivered notices', async () => {
    const ids = {
      bounce: await decide('bounce@simulator.amazonses.com', 'sim-bounce'),
      complaint: await decide('complaint@simulator.amazonses.com', 'sim-complaint'),
      suppressed: await decide('suppressionlist@simulator.amazonses.com', 'sim-suppressed'),
      ooto: await decide('ooto@simulator.amazonses.com', 'sim-ooto'),
      success: await decide('success@simulator.amazonses.com', 'sim-success'),
    };

    expect(await sweep()).toMatchObject({ enqueued: 5, outcomes: { sent: 5 } });

    const statuses = Object.fromEntries(
      await Promise.all(Object.entries(ids).map(async ([k, id]) => [k, (await notice(id)).status])),
    );
    expect(statuses).toEqual({
      bounce: 'bounced',
      complaint: 'complained',
      suppressed: 'suppressed',
      ooto: 'delivered',
      success: 'delivered',
    });
    // The simulator's out-of-office answer came back to the Reply-To: an auto-reply on the timeline, no flag.
    const ooto = await notice(ids.ooto);
    const timeline = await (await fetch(`${stack.api}/candidates/${ooto.candidateId}`, { headers: headers() })).json();
    const replies = timeline.timeline.filter((e: { type: string }) => e.type === 'reply');
    expect(replies).toEqual([
      expect.objectContaining({
        reply: expect.objectContaining({
          status: 'auto-reply',
          autoReplyReason: expect.stringContaining('Auto-Submitted'),
          correlation: expect.objectContaining({ method: 'token', noticeId: ids.ooto }),
          flags: [],
        }),
      }),
    ]);
    expect(timeline.flags).toEqual([]);

    const complained = await notice(ids.complaint);
    expect(complained.history.map((h: { status: string }) => h.status)).toEqual([
      'scheduled',
      'sending',
      'sent',
      'delivered',
      'complained',
    ]);
    expect(complained.history.at(-1).detail).toMatch(/marked the email as spam \(abuse\); the address is suppressed/);
  });

  it('does not send a later notice to an address that bounced', async () => {
    const later = await decide('bounce@simulator.amazonses.com', 'sim-bounce-again');

    expect(await sweep()).toMatchObject({ enqueued: 1, outcomes: { suppressed: 1 } });

    expect((await notice(later)).status).toBe('suppressed');
    expect(await sentEmails(stack, 'bounce@simulator.amazonses.com')).toHaveLength(1);
  });
});

describe('npm start: recruiters resend and cancel through the API', () => {
  it('resends a bounced notice to a corrected address, with every step on the timeline', async () => {
    const id = await decide('bounce+resend@simulator.amazonses.com', 'resend-1');
    await sweep();
    expect((await notice(id)).status).toBe('bounced');

    const refused = await post(`/notices/${id}/resend`);
    expect(refused.status).toBe(409);
    const resent = await post(`/notices/${id}/resend`, { email: 'grace@example.com', reason: 'typo' });
    expect(resent.status).toBe(200);
    await sweep();

    const timeline = await notice(id);
    expect(timeline.status).toBe('delivered');
    expect(timeline.candidate.email).toBe('grace@example.com');
    expect(timeline.history.map((h: { status: string }) => h.status)).toEqual([
      'scheduled',
      'sending',
      'sent',
      'bounced',
      'scheduled',
      'sending',
      'sent',
      'delivered',
    ]);
    expect(await sentEmails(stack, 'grace@example.com')).toHaveLength(1);
  });

  it('cancels a scheduled notice, which is then never sent; a second cancel changes nothing', async () => {
    const id = await decide('linus@example.com', 'cancel-1');

    const cancelled = await post(`/notices/${id}/cancel`, { reason: 'decision reversed' });
    const again = await post(`/notices/${id}/cancel`);
    await sweep();

    expect(cancelled.status).toBe(200);
    expect((await cancelled.json()).outcome).toBe('cancelled');
    expect((await again.json()).outcome).toBe('already-final');
    expect((await notice(id)).status).toBe('cancelled');
    expect(await sentEmails(stack, 'linus@example.com')).toHaveLength(0);
  });
});

describe('npm start: pausing and resuming sending', () => {
  it('holds every due notice while paused and sends it after an admin resumes', async () => {
    const paused = await post('/admin/sending/pause', { reason: 'checking a list' });
    expect(paused.status).toBe(200);
    const id = await decide('margaret@example.com', 'pause-1');

    expect(await sweep()).toMatchObject({ found: 0, enqueued: 0 });
    expect((await notice(id)).status).toBe('scheduled');
    const status = await (await fetch(`${stack.api}/admin/sending`, { headers: headers() })).json();
    expect(status).toMatchObject({ paused: true, reason: 'checking a list', changedBy: 'admin:local-developer' });

    await post('/admin/sending/resume', { reason: 'list checked' });
    expect(await sweep()).toMatchObject({ enqueued: 1, outcomes: { sent: 1 } });
    expect((await notice(id)).status).toBe('delivered');
  });
});
