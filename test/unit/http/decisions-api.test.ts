import { describe, expect, it } from 'vitest';
import { silentLog } from '#core/ports/log.ts';
import { createApp, MAX_JSON_BODY_BYTES } from '#http/app.ts';
import { devTokenAuthenticator } from '#http/auth.ts';
import { aDecision } from '#test/support/builders.ts';
import { unitWorld } from '#test/support/unit-world.ts';

const TOKEN = 'test-token-0123456789';

function api() {
  const world = unitWorld();
  const app = createApp({
    authenticate: devTokenAuthenticator(TOKEN),
    log: silentLog,
    recordDecisions: world.recordDecisions,
    getNotice: world.getNotice,
    defaultRecruiterInbox: world.config.defaultRecruiterInbox,
  });
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    app.request('/decisions', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { app, world, post };
}

describe('POST /decisions', () => {
  it('answers 202 with the notice for a new decision and 200 with the same notice for a duplicate', async () => {
    const { post } = api();

    const first = await post(aDecision());
    const second = await post(aDecision());

    expect(first.status).toBe(202);
    const created = await first.json();
    expect(created).toMatchObject({ status: 'scheduled', duplicate: false, noticeId: expect.stringMatching(/^n_/) });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ noticeId: created.noticeId, duplicate: true });
  });

  it('takes a batch and answers one result per decision, in order', async () => {
    const { post } = api();

    const response = await post({ decisions: [aDecision(), aDecision({ applicationId: 'app-2' }), aDecision()] });

    expect(response.status).toBe(202);
    const { results } = await response.json();
    expect(results.map((r: { duplicate: boolean }) => r.duplicate)).toEqual([false, false, true]);
  });

  it('answers 400 problem details naming each bad field, and writes nothing', async () => {
    const { post, world } = api();
    const bad = aDecision({ decidedAt: 'yesterday', candidate: { email: 'not-an-address', timeZone: 'Mars/Olympus' } });

    const response = await post({ decisions: [aDecision({ applicationId: 'ok-1' }), bad] });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await response.json();
    expect(problem).toMatchObject({
      status: 400,
      type: expect.stringContaining('validation-failed'),
      instance: '/decisions',
    });
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'decisions.1.candidate.email',
      'decisions.1.candidate.timeZone',
      'decisions.1.decidedAt',
    ]);
    expect(world.decisions.items.size).toBe(0);
    expect(world.notices.items.size).toBe(0);
  });

  it('names all four bad fields of a single decision, not the batch it is not', async () => {
    const { post, world } = api();
    const bad = aDecision({
      decision: 'accepted' as 'rejected',
      decidedAt: 'yesterday',
      job: { title: '' },
      candidate: { email: 'not-an-address' },
    });

    const response = await post(bad);

    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'candidate.email',
      'decidedAt',
      'decision',
      'job.title',
    ]);
    expect(JSON.stringify(problem.errors)).not.toMatch(/decisions|Unrecognized/);
    expect(world.decisions.items.size).toBe(0);
  });

  it('names the fields of every bad item of a batch, however many there are', async () => {
    const { post, world } = api();
    const bad = (applicationId: string) =>
      aDecision({
        applicationId,
        decision: 'accepted' as 'rejected',
        decidedAt: 'yesterday',
        job: { title: '' },
        candidate: { email: 'not-an-address' },
      });
    const decisions = [bad('app-0'), aDecision({ applicationId: 'app-1' }), aDecision({ applicationId: 'app-2' })];

    const response = await post({ decisions: [...decisions, bad('app-3')] });

    expect(response.status).toBe(400);
    const fields = (await response.json()).errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(
      ['decisions.0', 'decisions.3'].flatMap((item) =>
        ['candidate.email', 'decidedAt', 'decision', 'job.title'].map((field) => `${item}.${field}`),
      ),
    );
    expect(world.decisions.items.size).toBe(0);
  });

  it('reads a body by its shape: with `decisions` it is a batch, otherwise one decision', async () => {
    const { post } = api();
    const fieldsOf = async (body: unknown) =>
      ((await (await post(body)).json()).errors as { field: string; message: string }[]).map((e) => e.field).sort();

    expect(await fieldsOf({})).toEqual(['applicationId', 'candidate', 'decidedAt', 'decision', 'job', 'source']);
    expect(await fieldsOf({ decisions: 'all of them' })).toEqual(['decisions']);
    expect(await fieldsOf({ decisions: [] })).toEqual(['decisions']);
    expect(await fieldsOf({ ...aDecision(), decisions: [aDecision()] })).toEqual(
      ['applicationId', 'candidate', 'decidedAt', 'decision', 'job', 'reason', 'source', 'stage'].sort(),
    );
    expect(await fieldsOf([aDecision()])).toEqual(['(body)']);
  });

  it('names unknown fields, so a typo is not silently ignored', async () => {
    const { post } = api();

    const response = await post({ ...aDecision(), candiate: {} });

    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('candiate');
  });

  it('takes the owning recruiter’s inbox, lowercase', async () => {
    const { post, world } = api();

    const response = await post(aDecision({ recruiter: { name: 'Grace Hopper', email: 'Grace@Acme.example' } }));

    expect(response.status).toBe(202);
    expect([...world.decisions.items.values()][0]?.recruiter).toEqual({
      name: 'Grace Hopper',
      email: 'grace@acme.example',
    });
  });

  it('names an unknown key inside the candidate, job or recruiter by its path, instead of ignoring it', async () => {
    const { post, world } = api();
    const typo = {
      ...aDecision(),
      candidate: { name: 'Ada Lovelace', email: 'ada@example.com', timezone: 'Europe/Paris' },
      job: { id: 'job-1', title: 'Analytical Engineer', department: 'Data' },
      recruiter: { name: 'Grace Hopper', email: 'grace@example.com', phone: '+1 555 0100' },
    };

    const single = await post(typo);
    const batch = await post({ decisions: [aDecision({ applicationId: 'app-0' }), typo] });

    expect(single.status).toBe(400);
    expect((await single.json()).errors).toEqual([
      { field: 'job.department', message: 'Unrecognized key' },
      { field: 'candidate.timezone', message: 'Unrecognized key' },
      { field: 'recruiter.phone', message: 'Unrecognized key' },
    ]);
    expect(batch.status).toBe(400);
    expect((await batch.json()).errors.map((e: { field: string }) => e.field)).toEqual([
      'decisions.1.job.department',
      'decisions.1.candidate.timezone',
      'decisions.1.recruiter.phone',
    ]);
    expect(world.decisions.items.size).toBe(0);
  });

  it('answers 400 for malformed JSON', async () => {
    const { post } = api();

    const response = await post('{"source": ');

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers 401 without a token or with a wrong one, revealing nothing', async () => {
    const { post, world } = api();

    const missing = await post(aDecision(), { authorization: '' });
    const wrong = await post(aDecision(), { authorization: 'Bearer nope' });

    for (const response of [missing, wrong]) {
      expect(response.status).toBe(401);
      expect((await response.json()).detail).toBe('Missing or invalid credentials.');
    }
    expect(world.decisions.items.size).toBe(0);
  });

  it('answers 415 for a body that is not JSON and 413 for one that is too large', async () => {
    const { post } = api();

    const form = await post('a=b', { 'content-type': 'application/x-www-form-urlencoded' });
    const huge = await post(JSON.stringify({ ...aDecision(), personalNote: 'x'.repeat(MAX_JSON_BODY_BYTES) }));

    expect(form.status).toBe(415);
    expect(huge.status).toBe(413);
  });
});

describe('GET /notices/{id}', () => {
  it('returns the notice with its history, without the secret reply token', async () => {
    const { app, post } = api();
    const { noticeId } = await (await post(aDecision())).json();

    const response = await app.request(`/notices/${noticeId}`, { headers: { authorization: `Bearer ${TOKEN}` } });

    expect(response.status).toBe(200);
    const notice = await response.json();
    expect(notice).toMatchObject({ id: noticeId, status: 'scheduled', history: [{ status: 'scheduled' }] });
    expect(notice).not.toHaveProperty('replyToken');
  });

  it('answers 404 for an unknown notice and 401 without a token', async () => {
    const { app } = api();
    const id = `n_${'a'.repeat(26)}`;

    expect((await app.request(`/notices/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    expect((await app.request(`/notices/${id}`)).status).toBe(401);
  });
});

describe('GET /health and /openapi.json', () => {
  it('is up without credentials and documents every route', async () => {
    const { app } = api();

    expect((await app.request('/health')).status).toBe(200);
    const doc = await (await app.request('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/decisions', '/health', '/me', '/notices/{id}']);
  });
});

describe('POST /decisions by role', () => {
  it('refuses a viewer (recording a decision sends email), before reading the body, and records nothing', async () => {
    const world = unitWorld();
    const app = createApp({
      // As the Cognito authenticator answers for a user in the viewer group (or in none).
      authenticate: (c) =>
        c.req.header('authorization') === 'Bearer viewer' ? { subject: 'sub-viewer', roles: ['viewer'] } : undefined,
      log: silentLog,
      recordDecisions: world.recordDecisions,
      getNotice: world.getNotice,
      defaultRecruiterInbox: world.config.defaultRecruiterInbox,
    });
    const post = (body: string) =>
      app.request('/decisions', {
        method: 'POST',
        headers: { authorization: 'Bearer viewer', 'content-type': 'application/json' },
        body,
      });

    const valid = await post(JSON.stringify(aDecision()));
    const invalid = await post('{"bogus": 1}');

    expect(valid.status).toBe(403);
    expect(invalid.status).toBe(403);
    expect(world.decisions.items.size).toBe(0);
    expect(world.notices.items.size).toBe(0);
  });
});
