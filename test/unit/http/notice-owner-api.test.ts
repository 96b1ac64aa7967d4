import { describe, expect, it } from 'vitest';
import { definedFields } from '#core/domain/optional.ts';
import { aDecision } from '#test/support/builders.ts';
import { noticeApi } from '#test/support/notice-api.ts';

function api() {
  const { app, world, call } = noticeApi();
  const schedule = async (recruiter?: { name: string; email?: string }, applicationId = 'app-1') => {
    const [result] = await world.recordDecisions([aDecision({ applicationId, ...definedFields({ recruiter }) })]);
    return result?.noticeId ?? '';
  };
  return { app, world, call, schedule };
}

const ROSS = { name: 'Ross Geller', email: 'Ross.Geller@acme.example', title: 'Senior Recruiter' };

describe('the owner of a notice', () => {
  it('is the default inbox when the decision named no inbox, and the named recruiter when it did', async () => {
    const { call, schedule } = api();
    const unowned = await schedule({ name: 'Rachel Green' });
    const owned = await schedule({ name: 'Rachel Green', email: 'Rachel@Acme.example' }, 'app-2');

    const shownUnowned = await (await call('GET', `/notices/${unowned}`, 'viewer')).json();
    const shownOwned = await (await call('GET', `/notices/${owned}`, 'viewer')).json();

    expect(shownUnowned.owner).toEqual({ name: 'Rachel Green', email: 'recruiting@acme.example', source: 'default' });
    expect(shownOwned.owner).toEqual({ name: 'Rachel Green', email: 'rachel@acme.example', source: 'ats' });
  });
});

describe('PUT /notices/{id}/owner', () => {
  it('hands the candidate to another recruiter, lowercasing their inbox, with who did it on the timeline', async () => {
    const { call, schedule, world } = api();
    const id = await schedule({ name: 'Rachel Green', email: 'rachel@acme.example' });
    world.clock.advance(60_000);

    const response = await call('PUT', `/notices/${id}/owner`, 'recruiter', ROSS);

    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.owner).toEqual({
      name: 'Ross Geller',
      email: 'ross.geller@acme.example',
      title: 'Senior Recruiter',
      source: 'changed',
    });
    expect(body.history.at(-1)).toEqual({
      status: 'scheduled',
      at: world.clock.now().toISOString(),
      event: 'owner-changed',
      detail:
        'Owner changed from Rachel Green <rachel@acme.example> to Ross Geller <ross.geller@acme.example> by recruiter:recruiter-1',
    });
    expect((await world.notices.get(id))?.recruiter).toEqual({ ...ROSS, email: 'ross.geller@acme.example' });
  });

  it('names the default inbox as the previous owner, and lets an admin change it too', async () => {
    const { call, schedule } = api();
    const id = await schedule();

    const response = await call('PUT', `/notices/${id}/owner`, 'admin', { name: 'Ross', email: 'ross@acme.example' });

    expect(response.status).toBe(200);
    expect((await response.json()).history.at(-1).detail).toBe(
      'Owner changed from the default inbox to Ross <ross@acme.example> by recruiter:admin-1',
    );
  });

  it('needs a token (401) and the recruiter or admin role (403), before reading the body', async () => {
    const { call, schedule } = api();
    const id = await schedule();

    expect((await call('PUT', `/notices/${id}/owner`, undefined, ROSS)).status).toBe(401);
    expect((await call('PUT', `/notices/${id}/owner`, 'viewer', ROSS)).status).toBe(403);
    expect((await call('PUT', `/notices/${id}/owner`, 'viewer', '{not json')).status).toBe(403);
  });

  it('names each bad field (400), and answers 404 for an unknown notice', async () => {
    const { call, schedule } = api();
    const id = await schedule();

    const bad = await call('PUT', `/notices/${id}/owner`, 'recruiter', { name: ' ', email: 'ross', role: 'x' });
    const missing = await call('PUT', `/notices/${id}/owner`, 'recruiter', { name: 'Ross' });
    const unknown = await call('PUT', `/notices/n_${'a'.repeat(26)}/owner`, 'recruiter', ROSS);
    const malformed = await call('PUT', '/notices/nope/owner', 'recruiter', ROSS);

    expect(bad.status).toBe(400);
    const fields = (await bad.json()).errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'email']));
    expect(missing.status).toBe(400);
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(400);
  });

  it('is in the OpenAPI document with its answers', async () => {
    const { app } = api();

    const doc = await (await app.request('/openapi.json')).json();

    expect(Object.keys(doc.paths['/notices/{id}/owner'])).toEqual(['put']);
    expect(Object.keys(doc.paths['/notices/{id}/owner'].put.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409']),
    );
    expect(doc.components.schemas.Notice.required).toContain('owner');
  });
});
