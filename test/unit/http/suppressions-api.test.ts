import { describe, expect, it } from 'vitest';
import { emailDigest } from '#core/domain/email-address.ts';
import { aDecision } from '#test/support/builders.ts';
import { recruiterWorld } from '#test/support/recruiter-world.ts';

const ADA = 'ada@example.com';
const json = async (response: Response) => ({
  status: response.status,
  type: response.headers.get('content-type'),
  body: await response.json(),
});

function world() {
  const w = recruiterWorld();
  const post = (body: unknown, token = 'recruiter') =>
    w.call('/suppressions', token, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const lift = (id: string, token = 'recruiter') => w.call(`/suppressions/${id}`, token, { method: 'DELETE' });
  return { w, post, lift };
}

describe('POST /suppressions', () => {
  it('suppresses an address at a recruiter request: 201, its id (the digest) and where to find it', async () => {
    const { post } = world();

    const response = await post({ email: ADA, note: 'Asked by phone not to be contacted' });
    const { status, body } = await json(response);

    expect(status).toBe(201);
    expect(response.headers.get('location')).toBe(`/suppressions/${emailDigest(ADA)}`);
    expect(body).toEqual({
      created: true,
      suppression: {
        id: emailDigest(ADA),
        reason: 'recruiter-request',
        at: '2026-11-20T10:00:00.000Z',
        origin: 'recruiter:sub-recruiter',
        note: 'Asked by phone not to be contacted',
      },
    });
    expect(JSON.stringify(body)).not.toContain(ADA);
  });

  it('answers 200 with the suppression in force when the address already is suppressed', async () => {
    const { w, post } = world();
    await w.suppressions.add({ emailDigest: emailDigest(ADA), reason: 'complaint', at: '2026-11-01T00:00:00.000Z' });

    const { status, body } = await json(await post({ email: 'ADA@example.com' }));

    expect(status).toBe(200);
    expect(body).toMatchObject({ created: false, suppression: { id: emailDigest(ADA), reason: 'complaint' } });
  });

  it('refuses a bad address, a note holding an address, and unknown fields, naming each', async () => {
    const { w, post } = world();

    const address = await json(await post({ email: 'not an address' }));
    const note = await json(await post({ email: ADA, note: 'new one: ada@home.example' }));
    const extra = await json(await post({ email: ADA, reason: 'hard-bounce' }));

    expect(address).toMatchObject({ status: 400, type: 'application/problem+json' });
    expect(address.body.errors.map((e: { field: string }) => e.field)).toEqual(['email']);
    expect(note.status).toBe(400);
    expect(note.body.errors.map((e: { field: string }) => e.field)).toEqual(['note']);
    expect(extra.status).toBe(400);
    expect(w.suppressions.items.size).toBe(0);
  });

  it('answers 401 without a token and 403 for a viewer, before reading the body', async () => {
    const { w, post } = world();

    const anonymous = await w.app.request('/suppressions', { method: 'POST', body: '{' });
    const viewer = await json(await post({ email: ADA }, 'viewer'));
    const viewerBadBody = await w.call('/suppressions', 'viewer', { method: 'POST', body: 'not json' });

    expect(anonymous.status).toBe(401);
    expect(viewer.status).toBe(403);
    expect(viewer.body.type).toBe('https://closeloop.dev/problems/forbidden');
    expect(viewerBadBody.status).toBe(403);
    expect(w.suppressions.items.size).toBe(0);
  });
});

describe('GET /suppressions', () => {
  it('lists every suppression newest first, a page at a time, and by reason; any role may read it', async () => {
    const { w, post } = world();
    await w.suppressions.add({
      emailDigest: emailDigest('b@example.com'),
      reason: 'hard-bounce',
      at: '2026-11-01T00:00:00.000Z',
    });
    await w.suppressions.add({
      emailDigest: emailDigest('c@example.com'),
      reason: 'erased',
      at: '2026-11-02T00:00:00.000Z',
    });
    await post({ email: ADA });

    const first = await json(await w.call('/suppressions?limit=2'));
    const second = await json(
      await w.call(`/suppressions?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`),
    );
    const requests = await json(await w.call('/suppressions?reason=recruiter-request'));

    expect(first.status).toBe(200);
    expect(first.body.items.map((s: { reason: string }) => s.reason)).toEqual(['recruiter-request', 'erased']);
    expect(second.body.items.map((s: { id: string }) => s.id)).toEqual([emailDigest('b@example.com')]);
    expect(second.body.nextCursor).toBeUndefined();
    expect(requests.body.items.map((s: { id: string }) => s.id)).toEqual([emailDigest(ADA)]);
  });

  it('refuses an unknown reason and a cursor it did not hand out', async () => {
    const { w } = world();

    const reason = await json(await w.call('/suppressions?reason=grumpy'));
    const cursor = await json(await w.call('/suppressions?cursor=bm9wZQ'));

    expect(reason.status).toBe(400);
    expect(reason.body.errors[0].field).toBe('reason');
    expect(cursor.status).toBe(400);
    expect(cursor.body.type).toBe('https://closeloop.dev/problems/validation-failed');
  });
});

describe('DELETE /suppressions/{id}', () => {
  it('lets a recruiter lift a recruiter request, answering what was lifted', async () => {
    const { w, post, lift } = world();
    await post({ email: ADA, note: 'by phone' });

    const { status, body } = await json(await lift(emailDigest(ADA)));

    expect(status).toBe(200);
    expect(body.lifted).toMatchObject({ id: emailDigest(ADA), reason: 'recruiter-request', note: 'by phone' });
    expect(await w.suppressions.find(emailDigest(ADA))).toBeUndefined();
    expect((await lift(emailDigest(ADA))).status).toBe(404);
  });

  it('leaves a hard bounce to admins, with a problem detail that says why', async () => {
    const { w, lift } = world();
    await w.suppressions.add({ emailDigest: emailDigest(ADA), reason: 'hard-bounce', at: '2026-11-01T00:00:00.000Z' });

    const recruiter = await json(await lift(emailDigest(ADA)));
    const admin = await json(await lift(emailDigest(ADA), 'admin'));

    expect(recruiter).toMatchObject({ status: 403, type: 'application/problem+json' });
    expect(recruiter.body.detail).toMatch(
      /Only an admin may lift a hard-bounce suppression: the address bounced for good/,
    );
    expect(admin.status).toBe(200);
    expect(admin.body.lifted.reason).toBe('hard-bounce');
  });

  it("refuses to lift an erased candidate's suppression (409), a malformed id (400), and viewers (403)", async () => {
    const { w, lift } = world();
    await w.suppressions.add({ emailDigest: emailDigest(ADA), reason: 'erased', at: '2026-11-01T00:00:00.000Z' });

    const erased = await json(await lift(emailDigest(ADA), 'admin'));
    const malformed = await json(await lift('ada@example.com', 'admin'));
    const viewer = await json(await lift(emailDigest(ADA), 'viewer'));

    expect(erased.status).toBe(409);
    expect(erased.body.detail).toMatch(/erased/);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('id');
    expect(viewer.status).toBe(403);
    expect(await w.suppressions.find(emailDigest(ADA))).toMatchObject({ reason: 'erased' });
  });
});

describe('suppress, decide, sweep: over HTTP', () => {
  it('records the decision, sends nothing, and the notice ends suppressed', async () => {
    const { w, post } = world();
    expect((await post({ email: ADA, note: 'Asked not to be contacted' })).status).toBe(201);

    const decided = await json(
      await w.call('/decisions', 'recruiter', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(aDecision({ candidate: { email: ADA } })),
      }),
    );
    w.clock.advance(24 * 3600_000);
    await w.sweepAndSend();
    const notice = await json(await w.call(`/notices/${decided.body.noticeId}`));

    expect(decided.status).toBe(202);
    expect(w.mailer.sent).toEqual([]);
    expect(notice.body.status).toBe('suppressed');
  });
});
