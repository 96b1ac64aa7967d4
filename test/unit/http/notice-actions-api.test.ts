import { describe, expect, it } from 'vitest';
import { aDecision } from '#test/support/builders.ts';
import { aReport } from '#test/support/delivery-reports.ts';
import { noticeApi } from '#test/support/notice-api.ts';

const HOUR = 3_600_000;

function api() {
  const { app, world, call } = noticeApi();
  const schedule = async (applicationId = 'app-1') => {
    const [result] = await world.recordDecisions([aDecision({ applicationId })]);
    return result?.noticeId ?? '';
  };
  return { app, world, call, schedule };
}

describe('POST /notices/{id}/cancel', () => {
  it('cancels a scheduled notice for a recruiter, with who did it on the timeline', async () => {
    const { call, schedule } = api();
    const id = await schedule();

    const response = await call('POST', `/notices/${id}/cancel`, 'recruiter', { reason: 'decision reversed' });

    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.outcome).toBe('cancelled');
    expect(body.notice.history.at(-1)).toMatchObject({
      status: 'cancelled',
      detail: 'Cancelled by recruiter:recruiter-1: decision reversed',
    });
  });

  it('answers 409 when the notice already went out, and records the request anyway', async () => {
    const { call, schedule, world } = api();
    const id = await schedule();
    world.clock.advance(HOUR);
    await world.sweepAndSend();

    const response = await call('POST', `/notices/${id}/cancel`, 'recruiter');

    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await response.json();
    expect(problem.detail).toMatch(/Too late to cancel: the notice was already sent\. It will not be sent again/);
    const view = await (await call('GET', `/notices/${id}`, 'recruiter')).json();
    expect(view.cancelRequestedAt).toBe(world.clock.now().toISOString());
    expect(await world.notices.get(id)).toMatchObject({
      history: expect.arrayContaining([expect.objectContaining({ event: 'cancel-requested' })]),
    });
  });
});

describe('POST /notices/{id}/resend', () => {
  it('reschedules a bounced notice to a corrected address', async () => {
    const { call, schedule, world } = api();
    const id = await schedule();
    world.clock.advance(HOUR);
    await world.sweepAndSend();
    await world.trackDelivery(aReport((await world.notices.get(id)) ?? never(), 'bounce'));

    const response = await call('POST', `/notices/${id}/resend`, 'recruiter', { email: 'ada@example.org' });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'scheduled', candidate: { email: 'ada@example.org' } });
  });

  it('answers 409 for a suppressed address, naming the way forward', async () => {
    const { call, schedule, world } = api();
    const id = await schedule();
    world.clock.advance(HOUR);
    await world.sweepAndSend();
    await world.trackDelivery(aReport((await world.notices.get(id)) ?? never(), 'bounce'));

    const response = await call('POST', `/notices/${id}/resend`, 'recruiter');

    expect(response.status).toBe(409);
    expect((await response.json()).detail).toMatch(/suppressed \(hard-bounce\).*corrected address/);
  });

  it('validates the body and names each bad field', async () => {
    const { call, schedule } = api();
    const id = await schedule();

    const response = await call('POST', `/notices/${id}/resend`, 'recruiter', {
      email: 'not-an-address',
      sendAt: 'tomorrow',
      extra: true,
    });

    expect(response.status).toBe(400);
    const fields = (await response.json()).errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['email', 'extra', 'sendAt']);
  });

  it('answers 404 for an unknown notice and 400 for a malformed id', async () => {
    const { call } = api();

    expect((await call('POST', '/notices/n_aaaaaaaaaaaaaaaaaaaaaaaaaa/resend', 'recruiter')).status).toBe(404);
    expect((await call('POST', '/notices/42/resend', 'recruiter')).status).toBe(400);
  });

  it('needs a token (401) and the recruiter or admin role (403)', async () => {
    const { call, schedule } = api();
    const id = await schedule();

    expect((await call('POST', `/notices/${id}/resend`)).status).toBe(401);
    expect((await call('POST', `/notices/${id}/resend`, 'viewer')).status).toBe(403);
    expect((await call('POST', `/notices/${id}/cancel`, 'viewer')).status).toBe(403);
    expect((await call('POST', `/notices/${id}/resend`, 'admin')).status).toBe(200);
  });
});

describe('/admin/sending', () => {
  it('shows the switch and the rolling rates, pauses and resumes for an admin only', async () => {
    const { call } = api();

    expect((await call('GET', '/admin/sending', 'recruiter')).status).toBe(200);
    expect((await call('POST', '/admin/sending/pause', 'recruiter', { reason: 'no' })).status).toBe(403);
    const paused = await call('POST', '/admin/sending/pause', 'admin', { reason: 'bad list uploaded' });
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({
      changed: true,
      status: { paused: true, reason: 'bad list uploaded', changedBy: 'admin:admin-1' },
    });

    const resumed = await call('POST', '/admin/sending/resume', 'admin');
    expect(await resumed.json()).toMatchObject({ changed: true, status: { paused: false } });
    const status = await (await call('GET', '/admin/sending', 'admin')).json();
    expect(status).toMatchObject({
      paused: false,
      window: { sends: 0, bounces: 0, complaints: 0 },
      ceiling: { bounceRate: 0.04, complaintRate: 0.0008, minSends: 200, windowHours: 24 },
    });
  });

  it('needs a reason to pause', async () => {
    const { call } = api();

    const response = await call('POST', '/admin/sending/pause', 'admin', {});

    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
  });
});

describe('the OpenAPI document', () => {
  it('describes the resend, cancel and sending routes', async () => {
    const { app } = api();

    const doc = await (await app.request('/openapi.json')).json();

    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/notices/{id}/resend',
        '/notices/{id}/cancel',
        '/admin/sending',
        '/admin/sending/pause',
        '/admin/sending/resume',
      ]),
    );
    expect(doc.paths['/notices/{id}/resend'].post.responses).toHaveProperty('409');
  });
});

function never(): never {
  throw new Error('expected a notice');
}
