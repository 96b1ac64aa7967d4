import { describe, expect, it } from 'vitest';
import { definedFields } from '#core/domain/optional.ts';
import { createApp } from '#http/app.ts';
import type { LocalInboundResult, LocalSweepResult } from '#http/routes/local.ts';
import { recruiterWorld, roleAuthenticator } from '#test/support/recruiter-world.ts';

/** The app with the local-only routes, recording what reaches them. */
function localApp() {
  const w = recruiterWorld();
  const reached: string[] = [];
  const app = createApp({
    authenticate: roleAuthenticator,
    log: w.log,
    recordDecisions: w.recordDecisions,
    getNotice: w.getNotice,
    defaultRecruiterInbox: w.config.defaultRecruiterInbox,
    local: {
      sweepAndDrain: async (): Promise<LocalSweepResult> => {
        reached.push('sweep');
        return { now: '2030-01-01T00:00:00.000Z', found: 0, enqueued: 0, outcomes: {} };
      },
      inbound: async (raw): Promise<LocalInboundResult> => {
        reached.push(`inbound:${raw.byteLength}`);
        throw new Error('the test stops here: the route was reached');
      },
    },
  });
  return { app, reached };
}

const MAIL = 'From: a@example.com\r\nTo: reply+x@replies.example\r\nSubject: Re\r\n\r\nThanks!\r\n';

describe('the local-only routes', () => {
  it('answer 401 without the token and reach nothing', async () => {
    const { app, reached } = localApp();

    const sweep = await app.request('/local/sweep', { method: 'POST' });
    const inbound = await app.request('/local/inbound', {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: MAIL,
    });
    const wrong = await app.request('/local/sweep', { method: 'POST', headers: { authorization: 'Bearer nope' } });

    expect([sweep.status, inbound.status, wrong.status]).toEqual([401, 401, 401]);
    expect(sweep.headers.get('content-type')).toBe('application/problem+json');
    expect(reached).toEqual([]);
  });

  it('run the sweep with the token', async () => {
    const { app, reached } = localApp();

    const sweep = await app.request('/local/sweep', { method: 'POST', headers: { authorization: 'Bearer admin' } });

    expect(sweep.status).toBe(200);
    expect(reached).toEqual(['sweep']);
  });

  it('take /local/inbound only as message/rfc822: 415 for what a cross-site form can send', async () => {
    const { app, reached } = localApp();
    const post = (type: string | undefined) =>
      app.request('/local/inbound', {
        method: 'POST',
        headers: { authorization: 'Bearer admin', ...definedFields({ 'content-type': type }) },
        body: MAIL,
      });

    const statuses = [
      (await post('text/plain')).status,
      (await post('application/x-www-form-urlencoded')).status,
      (await post('multipart/form-data; boundary=x')).status,
      (await post(undefined)).status,
    ];
    const problem = await (await post('text/plain')).json();

    expect(statuses).toEqual([415, 415, 415, 415]);
    expect(problem).toMatchObject({ status: 415, detail: 'Send the raw message as message/rfc822' });
    expect(reached).toEqual([]);
    expect((await post('Message/RFC822; charset=utf-8')).status).toBe(500);
    expect(reached).toEqual([`inbound:${MAIL.length}`]);
  });
});
