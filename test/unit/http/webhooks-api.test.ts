import { describe, expect, it } from 'vitest';
import { DecisionRecordedV1Schema } from '#core/domain/events.ts';
import type { LeverOpportunity } from '#core/ports/lever-api.ts';
import { MAX_WEBHOOK_BODY_BYTES } from '#http/routes/webhooks/register-webhook-routes.ts';
import { InMemoryDeliveryLog } from '#test/fakes/in-memory-delivery-log.ts';
import { InMemoryLeverApi } from '#test/fakes/in-memory-lever-api.ts';
import { unitWorld } from '#test/support/unit-world.ts';
import { webhookApp } from '#test/support/webhook-app.ts';
import {
  ashbyRequest,
  fixtureJson,
  fixtureText,
  genericRequest,
  greenhouseRequest,
  leverRequest,
  workableRequest,
} from '#test/support/webhook-fixtures.ts';

const NOW = '2026-11-20T10:00:00Z';

const SAMPLE_OPPORTUNITY: LeverOpportunity = {
  id: '250d8f03-738a-4bba-a671-8a3d73477145',
  name: 'Shane Smith',
  email: 'shane@exampleq3.com',
  contactId: '7f23e772-f2cf-4d1e-9263-f7df3c5e6a8d',
  archived: {
    at: '2017-10-11T21:57:29.474Z',
    reason: { id: '63dd55b2-a99f-4e7b-985f-22c7bf80ab42', text: 'Underqualified', type: 'non-hired' },
  },
  stageName: 'On-site interview',
  posting: { id: 'f2f01e16-27f8-4711-a728-7d49499795a0', title: 'Infrastructure Engineer' },
};

function api(env: NodeJS.ProcessEnv = {}) {
  const world = unitWorld({ now: NOW });
  const deliveries = new InMemoryDeliveryLog();
  const lever = new InMemoryLeverApi();
  lever.opportunities.set(SAMPLE_OPPORTUNITY.id, SAMPLE_OPPORTUNITY);
  const wired = webhookApp({ ...world.ports, ...world, deliveries }, { lever, env });
  const decisions = () => [...world.decisions.items.values()];
  return { ...wired, world, deliveries, lever, decisions };
}

const greenhouseReject = fixtureText('greenhouse/reject_candidate.json');
const greenhouseUnreject = fixtureText('greenhouse/unreject_candidate.json');
const withGreenhouse = (change: (application: Record<string, unknown>) => void, action = 'reject_candidate') => {
  const body = JSON.parse(greenhouseReject) as { action: string; payload: { application: Record<string, unknown> } };
  body.action = action;
  change(body.payload.application);
  return JSON.stringify(body);
};

describe('POST /webhooks/greenhouse', () => {
  it('accepts the official reject_candidate sample and normalizes it to the decision contract', async () => {
    const { post, decisions, world } = api();

    const response = await post('greenhouse', greenhouseRequest(greenhouseReject, { eventId: 'gh-evt-1' }));

    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({
      status: 'accepted',
      action: 'recorded',
      deliveryId: 'gh-evt-1',
      noticeId: expect.stringMatching(/^n_/),
    });
    expect(decisions()).toEqual([
      expect.objectContaining({
        source: 'greenhouse',
        applicationId: '265293',
        decidedAt: '2015-02-11T15:50:41.000Z',
        job: { id: '371417', title: 'Designer' },
        candidate: {
          name: 'Hector Porter',
          firstName: 'Hector',
          email: 'hector.porter.265788@example.com',
          id: '265788',
        },
        reason: { category: 'experience-mismatch', name: 'Too Junior', id: '14' },
        stage: 'offer',
        canEmail: true,
        deliveryId: 'gh-evt-1',
      }),
    ]);
    const [event] = world.events.published;
    expect(DecisionRecordedV1Schema.parse(event).detail).toMatchObject({
      source: 'greenhouse',
      applicationId: '265293',
      candidateAtsId: '265788',
      jobTitle: 'Designer',
      reason: { category: 'experience-mismatch', name: 'Too Junior' },
      stage: 'offer',
      deliveryId: 'gh-evt-1',
    });
    expect(JSON.stringify(event)).not.toContain('@');
  });

  it('cancels the planned notice on the official unreject_candidate sample', async () => {
    const { post, world } = api();
    const accepted = await (await post('greenhouse', greenhouseRequest(greenhouseReject, { eventId: 'e1' }))).json();

    const response = await post('greenhouse', greenhouseRequest(greenhouseUnreject, { eventId: 'e2' }));

    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({
      status: 'accepted',
      action: 'cancelled',
      noticeId: accepted.noticeId,
    });
    expect((await world.notices.get(accepted.noticeId))?.status).toBe('cancelled');
  });

  it('answers 400 naming the field when a rejection carries no usable time, instead of taking now', async () => {
    const { post, decisions } = api();
    const without = withGreenhouse((a) => {
      a.rejected_at = null;
      a.last_activity_at = null;
    });
    const garbled = withGreenhouse((a) => {
      a.rejected_at = 'last Tuesday';
    });
    const unrejectWithout = withGreenhouse((a) => {
      a.last_activity_at = undefined;
    }, 'unreject_candidate');

    const responses = [
      await post('greenhouse', greenhouseRequest(without, { eventId: 'fresh-1' })),
      await post('greenhouse', greenhouseRequest(garbled, { eventId: 'fresh-2' })),
      await post('greenhouse', greenhouseRequest(unrejectWithout, { eventId: 'fresh-3' })),
    ];
    const fields = await Promise.all(responses.map(async (r) => JSON.stringify(await r.json())));

    expect(responses.map((r) => r.status)).toEqual([400, 400, 400]);
    expect(fields[0]).toContain('payload.application.rejected_at');
    expect(fields[1]).toContain('payload.application.rejected_at');
    expect(fields[2]).toContain('payload.application.last_activity_at');
    expect(decisions()).toHaveLength(0);
  });

  it('sends nothing more when a captured rejection is replayed with a fresh Greenhouse-Event-ID', async () => {
    const { post, world } = api();

    const first = await post('greenhouse', greenhouseRequest(greenhouseReject, { eventId: 'captured' }));
    const replayed = await post('greenhouse', greenhouseRequest(greenhouseReject, { eventId: 'forged-fresh-id' }));

    expect(first.status).toBe(202);
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('closeloop-outcome')).toBe('duplicate');
    expect(world.notices.items.size).toBe(1);
  });

  it('records a candidate Greenhouse says not to email, and plans nothing', async () => {
    const { post, world } = api();
    const body = withGreenhouse((a) => {
      (a.candidate as Record<string, unknown>).can_email = false;
    });

    const response = await post('greenhouse', greenhouseRequest(body, { eventId: 'e1' }));

    expect(response.status).toBe(202);
    expect((await response.json()).noEmailReason).toMatch(/can_email/);
    expect(world.notices.items.size).toBe(0);
  });

  it('skips prospects and actions it does not act on with 204 and a reason, and answers the ping', async () => {
    const { post, decisions } = api();

    const prospect = await post(
      'greenhouse',
      greenhouseRequest(
        withGreenhouse((a) => {
          a.prospect = true;
        }),
        { eventId: 'e1' },
      ),
    );
    const hired = await post(
      'greenhouse',
      greenhouseRequest(
        withGreenhouse(() => {}, 'hire_candidate'),
        { eventId: 'e2' },
      ),
    );
    const ping = await post('greenhouse', greenhouseRequest('{"action":"ping","payload":{"web_hook_id":1}}'));

    expect(prospect.status).toBe(204);
    expect(prospect.headers.get('closeloop-reason')).toMatch(/Prospects/);
    expect(hired.status).toBe(204);
    expect(hired.headers.get('closeloop-reason')).toMatch(/hire_candidate/);
    expect(ping.status).toBe(200);
    expect(decisions()).toHaveLength(0);
  });

  it('quotes an unknown action in the reason header only as bounded visible ASCII (found by the fuzz run)', async () => {
    const { post } = api();
    const actions = ['\u0000\u0007bell', 'smile 🙂', 'x\r\nSet-Cookie: a=b', 'long'.repeat(20_000)];

    const answers = await Promise.all(
      actions.map((action) => post('greenhouse', greenhouseRequest(JSON.stringify({ action })))),
    );

    expect(answers.map((a) => a.status)).toEqual([204, 204, 204, 204]);
    const reasons = answers.map((a) => a.headers.get('closeloop-reason') ?? '');
    expect(reasons.slice(0, 3)).toEqual([
      'Greenhouse action ?bell is not acted on.',
      'Greenhouse action smile ? is not acted on.',
      'Greenhouse action x?Set-Cookie: a=b is not acted on.',
    ]);
    expect(reasons[3]).toHaveLength(200);
    expect(answers.some((a) => a.headers.has('set-cookie'))).toBe(false);
  });

  it('answers a duplicate delivery with 200, by Greenhouse-Event-ID or, without one, by the body', async () => {
    const { post, world } = api();

    const first = await post('greenhouse', greenhouseRequest(greenhouseReject));
    const retry = await post('greenhouse', greenhouseRequest(greenhouseReject));

    expect(first.status).toBe(202);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ status: 'duplicate', deliveryId: expect.stringMatching(/^sha256-/) });
    expect(world.notices.items.size).toBe(1);
  });

  it('answers 400 naming the Greenhouse fields it cannot read', async () => {
    const { post, decisions } = api();

    const noJob = await post(
      'greenhouse',
      greenhouseRequest(
        withGreenhouse((a) => (a.jobs = [])),
        { eventId: 'e1' },
      ),
    );
    const noCandidate = await post(
      'greenhouse',
      greenhouseRequest(
        withGreenhouse((a) => {
          delete a.candidate;
        }),
        { eventId: 'e2' },
      ),
    );

    expect(noJob.status).toBe(400);
    expect((await noJob.json()).errors).toEqual([{ field: 'payload.application.jobs', message: expect.any(String) }]);
    expect(noCandidate.status).toBe(400);
    expect((await noCandidate.json()).errors.map((e: { field: string }) => e.field)).toEqual([
      'payload.application.candidate',
    ]);
    expect(decisions()).toHaveLength(0);
  });
});

describe('signatures, sizes and media types (every source)', () => {
  it('refuses a tampered body and a wrong secret with 401 and no detail', async () => {
    const { post, decisions } = api();
    const signed = greenhouseRequest(greenhouseReject, { eventId: 'e1' });

    const tampered = await post('greenhouse', { ...signed, body: signed.body.replace('Hector', 'Hacker') });
    const wrong = await post('greenhouse', greenhouseRequest(greenhouseReject, { secret: 'not-the-secret' }));
    const missing = await post('greenhouse', {
      body: greenhouseReject,
      headers: { 'content-type': 'application/json' },
    });

    for (const response of [tampered, wrong, missing]) {
      expect(response.status).toBe(401);
      expect((await response.json()).detail).toBe('Missing or invalid credentials.');
    }
    expect(decisions()).toHaveLength(0);
  });

  it('accepts every secret of a rotation (a JSON array) and the MAC in base64 too', async () => {
    const { post } = api({ GREENHOUSE_WEBHOOK_SECRET: '["new-secret", "old-secret"]' });
    const old = greenhouseRequest(greenhouseReject, { secret: 'old-secret', eventId: 'e1' });
    const b64 = workableRequest(fixtureText('workable/candidate_moved-disqualified.json'));
    const hex = b64.headers['x-workable-signature'] ?? '';

    expect((await post('greenhouse', old)).status).toBe(202);
    const base64 = Buffer.from(hex, 'hex').toString('base64');
    expect(
      (await post('workable', { ...b64, headers: { ...b64.headers, 'x-workable-signature': base64 } })).status,
    ).toBe(202);
  });

  it('answers 415 for a body that is not JSON, 413 over 256 KiB and 400 for malformed JSON', async () => {
    const { post } = api();
    const huge = `{"action":"reject_candidate","pad":"${'x'.repeat(MAX_WEBHOOK_BODY_BYTES)}"}`;

    const form = await post('greenhouse', {
      body: 'a=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const tooLarge = await post('greenhouse', greenhouseRequest(huge));
    const malformed = await post('greenhouse', greenhouseRequest('{"action": '));

    expect(form.status).toBe(415);
    expect(tooLarge.status).toBe(413);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).errors).toEqual([{ field: '(body)', message: 'not valid JSON' }]);
  });

  it('answers 200 instead of 202 and 204 for sources configured so (senders that only accept 200)', async () => {
    const { post } = api({ CLOSELOOP_WEBHOOK_ANSWER_200: 'greenhouse' });

    const accepted = await post('greenhouse', greenhouseRequest(greenhouseReject, { eventId: 'e1' }));
    const ignored = await post('greenhouse', greenhouseRequest(withGreenhouse(() => {}, 'hire_candidate')));

    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ status: 'accepted' });
    expect(ignored.status).toBe(200);
    expect(await ignored.json()).toMatchObject({ status: 'ignored' });
  });
});

describe('the OpenAPI document', () => {
  it('describes every webhook route with its answers', async () => {
    const { app } = api();

    const doc = await (await app.request('/openapi.json')).json();

    for (const source of ['greenhouse', 'lever', 'ashby', 'workable', 'generic']) {
      expect(Object.keys(doc.paths[`/webhooks/${source}`].post.responses).sort()).toEqual(
        ['200', '202', '204', '400', '401', '413', '415', '503'].sort(),
      );
    }
  });
});

describe('POST /webhooks/lever', () => {
  const template = fixtureJson('lever/candidateArchiveChange.json');
  const now = new Date(NOW);

  it('reads the archived opportunity from Lever and records it, ignoring the unsigned data beyond its id', async () => {
    const { post, decisions, lever } = api();

    const response = await post('lever', leverRequest(template, { token: 'tok-1', at: now }));

    expect(response.status).toBe(202);
    expect(lever.reads).toEqual([SAMPLE_OPPORTUNITY.id]);
    expect(decisions()).toEqual([
      expect.objectContaining({
        source: 'lever',
        applicationId: SAMPLE_OPPORTUNITY.id,
        decidedAt: '2017-10-11T21:57:29.474Z',
        job: { id: 'f2f01e16-27f8-4711-a728-7d49499795a0', title: 'Infrastructure Engineer' },
        candidate: { name: 'Shane Smith', email: 'shane@exampleq3.com', id: SAMPLE_OPPORTUNITY.contactId },
        reason: { category: 'experience-mismatch', name: 'Underqualified', id: '63dd55b2-a99f-4e7b-985f-22c7bf80ab42' },
        stage: 'interview',
        stageName: 'On-site interview',
        deliveryId: 'tok-1',
      }),
    ]);
  });

  it('refuses a stale triggeredAt, a tampered token and a wrong secret with 401', async () => {
    const { post, lever } = api();
    const stale = leverRequest(template, { token: 'tok-1', at: new Date(now.getTime() - 6 * 60_000) });
    const signed = leverRequest(template, { token: 'tok-2', at: now });

    const responses = [
      await post('lever', stale),
      await post('lever', { ...signed, body: signed.body.replace('"tok-2"', '"tok-3"') }),
      await post('lever', leverRequest(template, { token: 'tok-4', at: now, secret: 'wrong' })),
    ];

    expect(responses.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(lever.reads).toEqual([]);
  });

  it('answers 400 for an opportunity id that would move the API path (`..`, `/`, `?`), before asking Lever', async () => {
    const { post, lever } = api();
    const ids = ['..', '../archive_reasons', 'a/b', 'x?expand=users', '250d8f03-738a-4bba-a671-8a3d73477145..'];

    const statuses = await Promise.all(
      ids.map(async (opportunityId, i) => {
        const data = { ...(template.data as object), opportunityId };
        return (await post('lever', leverRequest(template, { token: `tok-path-${i}`, at: now, data }))).status;
      }),
    );

    expect(statuses).toEqual(ids.map(() => 400));
    expect(lever.reads).toEqual([]);
  });

  it('answers 400 for an opportunity id that is not one, before asking Lever (found by the fuzz run)', async () => {
    const { post, lever } = api();
    const bad = await post(
      'lever',
      leverRequest(template, { token: 'tok-5', at: now, data: { opportunityId: '\ud800', toArchived: null } }),
    );

    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('data.opportunityId');
    expect(lever.reads).toEqual([]);
  });

  it('does not act on what the unsigned data claims when Lever says otherwise', async () => {
    const { post, decisions, lever } = api();
    lever.opportunities.set(SAMPLE_OPPORTUNITY.id, { ...SAMPLE_OPPORTUNITY, archived: undefined });
    const hired = { ...SAMPLE_OPPORTUNITY, id: '0c2a6b8e-5d3f-4a1b-9e7c-2f4d6a8b0c1e' };
    lever.opportunities.set('0c2a6b8e-5d3f-4a1b-9e7c-2f4d6a8b0c1e', {
      ...hired,
      archived: { at: '2017-10-11T21:57:29.474Z', reason: { id: 'r-h', text: 'Hired', type: 'hired' } },
    });
    const data = (opportunityId: string) => ({ ...(template.data as object), opportunityId });

    const active = await post('lever', leverRequest(template, { token: 't1', at: now }));
    const wasHired = await post(
      'lever',
      leverRequest(template, { token: 't2', at: now, data: data('0c2a6b8e-5d3f-4a1b-9e7c-2f4d6a8b0c1e') }),
    );
    const unknown = await post(
      'lever',
      leverRequest(template, { token: 't3', at: now, data: data('9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f') }),
    );

    expect([active.status, wasHired.status, unknown.status]).toEqual([204, 204, 204]);
    expect(wasHired.headers.get('closeloop-reason')).toMatch(/hired/);
    expect(decisions()).toHaveLength(0);
  });

  it('cancels when the opportunity is unarchived (and Lever agrees)', async () => {
    const { post, world, lever } = api();
    const accepted = await (await post('lever', leverRequest(template, { token: 't1', at: now }))).json();
    lever.opportunities.set(SAMPLE_OPPORTUNITY.id, { ...SAMPLE_OPPORTUNITY, archived: undefined });
    const unarchived = {
      ...(template.data as object),
      toArchived: null,
      fromArchived: { archivedAt: 1507759049474, reason: '63dd55b2-a99f-4e7b-985f-22c7bf80ab42' },
    };

    const response = await post('lever', leverRequest(template, { token: 't2', at: now, data: unarchived }));

    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ action: 'cancelled' });
    expect((await world.notices.get(accepted.noticeId))?.status).toBe('cancelled');
  });
});

describe('POST /webhooks/ashby', () => {
  const sample = fixtureText('ashby/applicationUpdate-archived.json');
  const edit = (change: (application: Record<string, unknown>, body: Record<string, unknown>) => void) => {
    const body = JSON.parse(sample) as { data: { application: Record<string, unknown> } } & Record<string, unknown>;
    change(body.data.application, body);
    return JSON.stringify(body);
  };

  it('records an application archived with a rejection-type reason, from the official sample', async () => {
    const { post, decisions } = api();

    const response = await post('ashby', ashbyRequest(sample));

    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ deliveryId: '0f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f' });
    expect(decisions()).toEqual([
      expect.objectContaining({
        source: 'ashby',
        applicationId: 'e9ed20fd-d45f-4aad-8a00-a19bfba0083e',
        job: { id: '4071538b-3cac-4fbf-ac76-f78ed250ffdd', title: 'First Designer' },
        candidate: { name: 'James', email: 'test@ashbyhq.com', id: 'e9ed20fd-d45f-4aad-8a00-a19bfba0083e' },
        reason: {
          category: 'experience-mismatch',
          name: 'Too inexperienced',
          id: 'e9ed20fd-d45f-4aad-8a00-a19bfba0083e',
        },
        stage: 'offer',
        decidedAt: '2022-08-12T20:29:56.964Z',
      }),
    ]);
  });

  it('reads "rejected by candidate" as withdrawn, ignores other archive reasons, answers the ping', async () => {
    const { post, decisions } = api();

    const withdrew = await post(
      'ashby',
      ashbyRequest(
        edit((a, b) => {
          (a.archiveReason as Record<string, unknown>).reasonType = 'RejectedByCandidate';
          b.webhookActionId = 'a1';
        }),
      ),
    );
    const other = await post(
      'ashby',
      ashbyRequest(
        edit((a, b) => {
          a.id = 'app-2';
          (a.archiveReason as Record<string, unknown>).reasonType = 'Other';
          b.webhookActionId = 'a2';
        }),
      ),
    );
    const ping = await post('ashby', ashbyRequest('{"action":"ping","data":{"webhookActionType":"ping"}}'));

    expect(withdrew.status).toBe(202);
    expect(decisions()[0]?.reason.category).toBe('withdrawn');
    expect(other.status).toBe(204);
    expect(ping.status).toBe(200);
  });

  it('cancels when the application is active again, and dedupes by webhookActionId', async () => {
    const { post, world } = api();
    const accepted = await (await post('ashby', ashbyRequest(sample))).json();
    const active = edit((a, b) => {
      a.status = 'Active';
      a.archiveReason = null;
      a.updatedAt = '2022-08-13T09:00:00.000Z';
      b.webhookActionId = 'a-2';
    });

    const cancelled = await post('ashby', ashbyRequest(active));
    const retry = await post('ashby', ashbyRequest(active));

    expect(cancelled.status).toBe(202);
    expect((await world.notices.get(accepted.noticeId))?.status).toBe('cancelled');
    expect(retry.status).toBe(200);
  });
});

describe('POST /webhooks/workable', () => {
  const sample = fixtureText('workable/candidate_moved-disqualified.json');
  const edit = (change: (candidate: Record<string, unknown>, body: Record<string, unknown>) => void) => {
    const body = JSON.parse(sample) as { data: Record<string, unknown> } & Record<string, unknown>;
    change(body.data, body);
    return JSON.stringify(body);
  };

  it('records a disqualified candidate from the documented payload', async () => {
    const { post, decisions } = api();

    const response = await post('workable', workableRequest(sample));

    expect(response.status).toBe(202);
    expect(decisions()).toEqual([
      expect.objectContaining({
        source: 'workable',
        applicationId: '3fc9a80f',
        job: { id: 'GROOV005', title: 'Operations Manager' },
        candidate: { name: 'Lakita Marrero', firstName: 'Lakita', email: 'lakita.marrero@example.com', id: '3fc9a80f' },
        reason: { category: 'experience-mismatch', name: 'Lacks relevant experience' },
        stage: 'phone-screen',
        decidedAt: '2024-05-06T11:25:50.000Z',
      }),
    ]);
  });

  it('reads a withdrawal as withdrawn, a requalification as a cancel, and ignores other events', async () => {
    const { post, decisions, world } = api();

    await post('workable', workableRequest(edit((c) => (c.withdrew = true))));
    const requalified = await post(
      'workable',
      workableRequest(
        edit((c) => {
          c.disqualified = false;
          c.updated_at = '2024-05-07T08:00:00Z';
        }),
      ),
    );
    const created = await post('workable', workableRequest(edit((_, b) => (b.event_type = 'candidate_created'))));

    expect(decisions()[0]?.reason.category).toBe('withdrawn');
    expect(requalified.status).toBe(202);
    expect([...world.notices.items.values()][0]?.notice.status).toBe('cancelled');
    expect(created.status).toBe(204);
  });
});

describe('POST /webhooks/generic', () => {
  const sample = fixtureText('generic/decision-rejected.json');
  const now = new Date(NOW);

  it('accepts a decision signed with t and v1, then its reversal', async () => {
    const { post, decisions, world } = api();
    const reversed = JSON.stringify({
      type: 'decision.reversed',
      id: 'evt-2',
      source: 'acme-ats',
      applicationId: 'app-1001',
      reversedAt: '2026-11-20T10:05:00Z',
    });

    const accepted = await post('generic', genericRequest(sample, { at: now }));
    const cancelled = await post('generic', genericRequest(reversed, { at: now }));

    expect(accepted.status).toBe(202);
    expect(decisions()).toEqual([
      expect.objectContaining({ source: 'acme-ats', applicationId: 'app-1001', deliveryId: 'evt_01J8Z5N3Q9' }),
    ]);
    expect(cancelled.status).toBe(202);
    expect([...world.notices.items.values()][0]?.notice.status).toBe('cancelled');
  });

  it('refuses a timestamp more than 5 minutes old or ahead, and accepts one of several v1 values', async () => {
    const { post } = api();
    const old = genericRequest(sample, { at: new Date(now.getTime() - 301_000) });
    const ahead = genericRequest(sample, { at: new Date(now.getTime() + 301_000) });
    const good = genericRequest(sample, { at: now });
    const t = Math.floor(now.getTime() / 1000);
    const rotating = `t=${t},v1=${'0'.repeat(64)},${(good.headers['closeloop-signature'] ?? '').split(',')[1]}`;

    expect((await post('generic', old)).status).toBe(401);
    expect((await post('generic', ahead)).status).toBe(401);
    expect(
      (await post('generic', { ...good, headers: { ...good.headers, 'closeloop-signature': rotating } })).status,
    ).toBe(202);
  });

  it('answers 400 naming the fields of a bad decision and 204 for an event type it does not know', async () => {
    const { post } = api();
    const bad = JSON.parse(sample) as { decision: { candidate: { email: string }; decidedAt: string } };
    bad.decision.candidate.email = 'not-an-address';
    bad.decision.decidedAt = 'soon';

    const invalid = await post('generic', genericRequest(JSON.stringify(bad), { at: now }));
    const unknown = await post('generic', genericRequest('{"type":"candidate.hired","id":"evt-9"}', { at: now }));

    expect(invalid.status).toBe(400);
    expect((await invalid.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'decision.candidate.email',
      'decision.decidedAt',
    ]);
    expect(unknown.status).toBe(204);
  });

  it('names every bad field of the decision, an unknown key inside the candidate among them', async () => {
    const { post, decisions } = api();
    const bad = JSON.parse(sample) as {
      decision: { decision: string; decidedAt: string; job: { title: string }; candidate: Record<string, string> };
    };
    bad.decision.decision = 'accepted';
    bad.decision.decidedAt = 'soon';
    bad.decision.job.title = '';
    bad.decision.candidate.timezone = 'Europe/Paris';

    const invalid = await post('generic', genericRequest(JSON.stringify(bad), { at: now }));

    expect(invalid.status).toBe(400);
    expect((await invalid.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'decision.candidate.timezone',
      'decision.decidedAt',
      'decision.decision',
      'decision.job.title',
    ]);
    expect(decisions()).toEqual([]);
  });
});
