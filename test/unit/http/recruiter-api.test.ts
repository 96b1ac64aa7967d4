import { describe, expect, it } from 'vitest';
import { aMail } from '#test/support/mail.ts';
import { recruiterWorld } from '#test/support/recruiter-world.ts';

const HOSTILE = 'This job is a scam and you are a dick.';
const WARM = 'Thank you for letting me know, I would love to stay in touch.';

/** Rejected candidates who replied; each reply raises a flag. */
async function world() {
  const w = recruiterWorld();
  const people = [
    { name: 'Ada Lovelace', email: 'ada@example.com', job: 'job-1', body: WARM },
    { name: 'Bob Stone', email: 'bob@example.com', job: 'job-1', body: HOSTILE },
    { name: 'Cy Young', email: 'cy@example.com', job: 'job-2', body: HOSTILE },
    { name: 'Di Prince', email: 'di@example.com', job: 'job-1', body: HOSTILE },
  ];
  const ids: Record<string, string> = {};
  for (const [i, p] of people.entries()) {
    const notice = await w.sentNotice({
      applicationId: `app-${i}`,
      job: { id: p.job, title: `Role ${p.job}` },
      candidate: { name: p.name, email: p.email },
    });
    w.clock.advance(3600_000);
    await w.inbound(aMail({ from: `${p.name} <${p.email}>`, to: w.replyTo(notice), body: p.body }));
    ids[p.name] = notice.candidateId;
  }
  return { w, ids };
}

const json = async (response: Response) => ({ status: response.status, body: await response.json() });

describe('GET /candidates', () => {
  it('lists one flag newest first, with the name, job and evidence, and every flag counted', async () => {
    const { w } = await world();

    const { status, body } = await json(await w.call('/candidates?flag=bridge-burned'));

    expect(status).toBe(200);
    expect(body.items.map((i: { name: string }) => i.name)).toEqual(['Di Prince', 'Cy Young', 'Bob Stone']);
    expect(body.items[0]).toMatchObject({
      job: { id: 'job-1', title: 'Role job-1' },
      flag: { flag: 'bridge-burned', status: 'raised', evidence: [{ sentence: HOSTILE }] },
    });
    expect(body.counts).toEqual({
      'bridge-burned': 3,
      'needs-review': 0,
      warm: 1,
      'feedback-requested': 0,
      withdrew: 0,
    });
    expect(body.nextCursor).toBeUndefined();
  });

  it('pages with an opaque cursor, and refuses one it did not hand out', async () => {
    const { w } = await world();

    const first = await json(await w.call('/candidates?flag=bridge-burned&limit=2'));
    const second = await json(
      await w.call(`/candidates?flag=bridge-burned&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`),
    );
    const forged = await json(await w.call('/candidates?flag=bridge-burned&cursor=bm9wZQ'));

    expect(first.body.items.map((i: { name: string }) => i.name)).toEqual(['Di Prince', 'Cy Young']);
    expect(second.body.items.map((i: { name: string }) => i.name)).toEqual(['Bob Stone']);
    expect(second.body.nextCursor).toBeUndefined();
    expect(forged.status).toBe(400);
    expect(forged.body.type).toBe('https://closeloop.dev/problems/validation-failed');
  });

  it('filters by job and by when the flag was raised, and counts with the same filter', async () => {
    const { w } = await world();

    const job = await json(await w.call('/candidates?flag=bridge-burned&job=job-2'));
    const none = await json(await w.call('/candidates?flag=bridge-burned&from=2030-01-01'));
    const day = await json(await w.call('/candidates?flag=warm&from=2026-11-21&to=2026-11-21'));

    expect(job.body.items.map((i: { name: string }) => i.name)).toEqual(['Cy Young']);
    expect(job.body.counts['bridge-burned']).toBe(1);
    expect(none.body.items).toEqual([]);
    expect(day.body.items.map((i: { name: string }) => i.name)).toEqual(['Ada Lovelace']);
  });

  it('finds a job by its title or words of it, as a recruiter types it, as well as by its id', async () => {
    const { w } = await world();

    const title = await json(await w.call(`/candidates?flag=bridge-burned&job=${encodeURIComponent('Role job-2')}`));
    const words = await json(await w.call('/candidates?flag=bridge-burned&job=Role'));

    expect(title.body.items.map((i: { name: string }) => i.name)).toEqual(['Cy Young']);
    expect(title.body.counts['bridge-burned']).toBe(1);
    expect(words.body.items.map((i: { name: string }) => i.name)).toEqual(['Di Prince', 'Cy Young', 'Bob Stone']);
  });

  it('tells two candidates of one name apart: every card, warm too, has the address and what they wrote', async () => {
    // The Warm tab once showed two identical cards: a demo run twice makes two "Ada Lovelace"s on one job, and a
    // warm flag has no evidence sentence, so name, job and reason were all a card had.
    const w = recruiterWorld();
    for (const [i, email] of ['ada.one@example.com', 'ada.two@example.com'].entries()) {
      const notice = await w.sentNotice({
        applicationId: `twin-${i}`,
        job: { id: 'job-1', title: 'Analytical Engineer' },
        candidate: { name: 'Ada Lovelace', email },
      });
      w.clock.advance(3600_000);
      await w.inbound(aMail({ from: `Ada Lovelace <${email}>`, to: w.replyTo(notice), body: `${WARM} (${i})` }));
    }

    const { body } = await json(await w.call('/candidates?flag=warm'));

    expect(body.items).toHaveLength(2);
    expect(body.items.map((i: { email: string }) => i.email)).toEqual(['ada.two@example.com', 'ada.one@example.com']);
    expect(body.items.map((i: { reply: { text: string } }) => i.reply.text)).toEqual([`${WARM} (1)`, `${WARM} (0)`]);
    expect(body.items[0].flag.evidence).toEqual([]);
    expect(body.items[0].reply).toMatchObject({ truncated: false, receivedAt: expect.any(String) });
  });

  it('answers 401 without a token and 400 for an unknown flag or a bad date, naming the field', async () => {
    const { w } = await world();

    const anonymous = await w.app.request('/candidates');
    const flag = await json(await w.call('/candidates?flag=grumpy'));
    const date = await json(await w.call('/candidates?from=yesterday'));

    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
    expect(flag.status).toBe(400);
    expect(flag.body.errors[0].field).toBe('flag');
    expect(date.status).toBe(400);
    expect(date.body.errors[0].field).toBe('from');
  });

  it('drops a dismissed flag from its list', async () => {
    const { w, ids } = await world();

    await w.call(`/candidates/${ids['Bob Stone']}/flags/bridge-burned/dismiss`, 'recruiter', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Read the thread: frustration.' }),
    });
    const { body } = await json(await w.call('/candidates?flag=bridge-burned'));

    expect(body.items.map((i: { name: string }) => i.name)).toEqual(['Di Prince', 'Cy Young']);
    expect(body.counts['bridge-burned']).toBe(2);
  });
});

describe('GET /candidates/{id}', () => {
  it('shows the decision, the notice with its history and the email as sent, the reply, and the flag with its audit trail', async () => {
    const { w, ids } = await world();

    const { status, body } = await json(await w.call(`/candidates/${ids['Bob Stone']}`));

    expect(status).toBe(200);
    expect(body).toMatchObject({ candidateId: ids['Bob Stone'], name: 'Bob Stone', email: 'bob@example.com' });
    expect(body.timeline.map((e: { type: string }) => e.type)).toEqual(['decision', 'notice', 'reply']);
    const [decision, notice, reply] = body.timeline;
    expect(decision.decision).toMatchObject({ job: { id: 'job-1' }, reason: { category: 'position-filled' } });
    expect(notice.sent).toBe(true);
    expect(notice.notice.history.map((h: { status: string }) => h.status)).toEqual(['scheduled', 'sending', 'sent']);
    expect(notice.email.subject).toContain('Role job-1');
    expect(notice.email.html).toContain('Bob');
    expect(w.mailer.sent.find((m) => m.to === 'bob@example.com')?.html).toBe(notice.email.html);
    expect(reply.reply).toMatchObject({
      text: HOSTILE,
      classification: { hostile: true, evidence: [{ sentence: HOSTILE }] },
      flags: ['bridge-burned'],
    });
    expect(body.flags[0]).toMatchObject({ flag: 'bridge-burned', history: [{ action: 'raised', by: 'closeloop' }] });
  });

  it('answers 404 for a candidate it never knew and 400 for a malformed id', async () => {
    const { w } = await world();

    expect((await w.call('/candidates/c_000000000000000000000000')).status).toBe(404);
    expect((await w.call('/candidates/bob')).status).toBe(400);
  });
});

describe('DELETE /candidates/{id}', () => {
  it('is for admins only: 403 for a viewer and a recruiter, 401 without a token', async () => {
    const { w, ids } = await world();
    const erase = (token?: string) =>
      token === undefined
        ? w.app.request(`/candidates/${ids['Bob Stone']}`, { method: 'DELETE' })
        : w.call(`/candidates/${ids['Bob Stone']}`, token, { method: 'DELETE' });

    expect((await erase()).status).toBe(401);
    expect((await erase('viewer')).status).toBe(403);
    expect((await erase('recruiter')).status).toBe(403);
    expect((await w.call(`/candidates/${ids['Bob Stone']}`)).status).toBe(200);
  });

  it('erases, reports what it deleted, and the timeline then answers 410 Gone', async () => {
    const { w, ids } = await world();

    const erased = await json(await w.call(`/candidates/${ids['Bob Stone']}`, 'admin', { method: 'DELETE' }));
    const again = await json(await w.call(`/candidates/${ids['Bob Stone']}`, 'admin', { method: 'DELETE' }));
    const timeline = await json(await w.call(`/candidates/${ids['Bob Stone']}`));

    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({
      erased: {
        decisions: 1,
        notices: 1,
        replies: 1,
        flags: 1,
        // The reply was relayed to the owner: its relay, thread window and recruiter token.
        relays: 1,
        relayThreads: 1,
        recruiterTokens: 1,
        rawMessages: 1,
      },
      receipt: { status: 'complete', requestedBy: 'sub-admin', suppressedAddresses: 1, runs: 1 },
    });
    expect(again.body).toMatchObject({
      erased: {
        decisions: 0,
        notices: 0,
        replies: 0,
        flags: 0,
        relays: 0,
        relayThreads: 0,
        recruiterTokens: 0,
        rawMessages: 0,
      },
      receipt: { status: 'complete', erased: { decisions: 1 }, runs: 2 },
    });
    expect(timeline.status).toBe(410);
    expect(timeline.body.type).toBe('https://closeloop.dev/problems/gone');
    expect((await w.call('/candidates/c_000000000000000000000000', 'admin', { method: 'DELETE' })).status).toBe(404);
  });
});

describe('GET /stats', () => {
  it('gives the record of the period, with sentiment by template', async () => {
    const { w } = await world();

    const { status, body } = await json(await w.call('/stats?from=2026-11-01&to=2026-11-30'));

    expect(status).toBe(200);
    expect(body).toMatchObject({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-30T23:59:59.999Z',
      rejections: 4,
      notified: 4,
      notifiedShare: 1,
      replied: 4,
      replyRate: 1,
    });
    expect(body.sentiment.byTemplate).toEqual([
      expect.objectContaining({ key: 'position-closed', replies: 4, hostile: 3 }),
    ]);
  });

  it('defaults to the last 12 weeks and refuses an inverted or over-long period', async () => {
    const { w } = await world();

    const byDefault = await json(await w.call('/stats'));
    const inverted = await json(await w.call('/stats?from=2026-11-30&to=2026-11-01'));
    const long = await json(await w.call('/stats?from=2024-01-01&to=2026-11-01'));

    expect(byDefault.body.to).toBe(w.clock.now().toISOString());
    expect(Date.parse(byDefault.body.to) - Date.parse(byDefault.body.from)).toBe(84 * 86_400_000);
    expect([inverted.status, long.status]).toEqual([400, 400]);
    expect(long.body.detail).toContain('366 days');
  });
});
