import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { DynamoDbDeliveryLog } from '#adapters/dynamodb/dynamodb-delivery-log.ts';
import { LeverHttpApi } from '#adapters/lever/lever-http-api.ts';
import type { WebhookSource } from '#config/webhook-config.ts';
import { testTable } from '#test/support/dynamodb-test-table.ts';
import { startFakeLever } from '#test/support/fake-lever-server.ts';
import { integrationWorld } from '#test/support/integration-world.ts';
import { sentEmails } from '#test/support/ses-store.ts';
import { webhookApp } from '#test/support/webhook-app.ts';
import {
  ashbyRequest,
  fixtureJson,
  fixtureText,
  genericRequest,
  greenhouseRequest,
  leverRequest,
  type SignedRequest,
  workableRequest,
} from '#test/support/webhook-fixtures.ts';

const NOW = '2026-11-20T10:00:00Z';
const LEVER_KEY = 'lever-integration-key';

let lever: Awaited<ReturnType<typeof startFakeLever>>;
beforeAll(async () => {
  lever = await startFakeLever({ apiKey: LEVER_KEY });
});
afterAll(async () => {
  await lever?.close();
});
beforeEach(() => {
  lever.setArchived({ reason: '63dd55b2-a99f-4e7b-985f-22c7bf80ab42', archivedAt: 1507759049474 });
});

/** The real adapters end to end: dynalite, the SES emulator, Lever's API faked on loopback; only the queue is recorded. */
async function world() {
  const table = await testTable();
  // A flat delay, every hour a sending hour: this test is about webhooks, not the send policy's calendar.
  const {
    clock,
    config,
    ports,
    useCases,
    sweepAndSend: sweepAndSendAfter,
  } = integrationWorld(table, {
    now: NOW,
    env: { CLOSELOOP_SEND_WINDOW: '00:00-24:00', CLOSELOOP_SEND_DAYS: 'mon-sun' },
  });
  const { post } = webhookApp(
    { ...ports, ...useCases, config, deliveries: new DynamoDbDeliveryLog(table.documents, table.tableName) },
    { lever: new LeverHttpApi({ baseUrl: lever.url, apiKey: async () => LEVER_KEY }) },
  );
  /** Two hours later, the sweep runs and the send worker drains what it enqueued. */
  const sweepAndSend = async () => {
    await sweepAndSendAfter(2);
  };
  const items = async (entity: string) =>
    (
      await table.documents.send(
        new ScanCommand({
          TableName: table.tableName,
          FilterExpression: 'entity = :e',
          ExpressionAttributeValues: { ':e': entity },
        }),
      )
    ).Items ?? [];
  return { post, clock, sweepAndSend, items, ports };
}
type World = Awaited<ReturnType<typeof world>>;

interface SourceCase {
  readonly source: WebhookSource;
  readonly candidate: { readonly email: string; readonly firstName: string };
  readonly jobTitle: string;
  readonly valid: (w: World, id: string) => SignedRequest;
  readonly tampered: (w: World) => SignedRequest;
  readonly wrongSecret: (w: World) => SignedRequest;
  readonly stale?: (w: World) => SignedRequest;
  readonly cancel: (w: World) => SignedRequest;
}

const edit = (text: string, change: (body: Record<string, unknown>) => void) => {
  const body = JSON.parse(text) as Record<string, unknown>;
  change(body);
  return JSON.stringify(body, null, 2);
};
const tamper = (request: SignedRequest, from: string, to: string): SignedRequest => {
  expect(request.body).toContain(from);
  return { ...request, body: request.body.replace(from, to) };
};

const greenhouseSample = fixtureText('greenhouse/reject_candidate.json');
const ashbySample = fixtureText('ashby/applicationUpdate-archived.json');
const workableSample = fixtureText('workable/candidate_moved-disqualified.json');
const genericSample = fixtureText('generic/decision-rejected.json');
const leverTemplate = fixtureJson('lever/candidateArchiveChange.json');

const CASES: readonly SourceCase[] = [
  {
    source: 'greenhouse',
    candidate: { email: 'hector.porter.265788@example.com', firstName: 'Hector' },
    jobTitle: 'Designer',
    valid: (_, id) => greenhouseRequest(greenhouseSample, { eventId: id }),
    tampered: () => tamper(greenhouseRequest(greenhouseSample, { eventId: 't' }), '"Hector"', '"Hacker"'),
    wrongSecret: () => greenhouseRequest(greenhouseSample, { eventId: 'w', secret: 'wrong-secret' }),
    cancel: () => greenhouseRequest(fixtureText('greenhouse/unreject_candidate.json'), { eventId: 'unreject-1' }),
  },
  {
    source: 'lever',
    candidate: { email: 'shane@exampleq3.com', firstName: 'Shane' },
    jobTitle: 'Infrastructure Engineer',
    valid: (w, id) => leverRequest(leverTemplate, { token: id, at: w.clock.now() }),
    tampered: (w) => tamper(leverRequest(leverTemplate, { token: 'tok-t', at: w.clock.now() }), '"tok-t"', '"tok-x"'),
    wrongSecret: (w) => leverRequest(leverTemplate, { token: 'tok-w', at: w.clock.now(), secret: 'wrong-secret' }),
    stale: (w) => leverRequest(leverTemplate, { token: 'tok-s', at: new Date(w.clock.now().getTime() - 10 * 60_000) }),
    cancel: (w) => {
      lever.setArchived(null);
      return leverRequest(leverTemplate, {
        token: 'tok-unarchive',
        at: w.clock.now(),
        data: {
          ...(leverTemplate.data as object),
          toArchived: null,
          fromArchived: { archivedAt: 1507759049474, reason: '63dd55b2-a99f-4e7b-985f-22c7bf80ab42' },
        },
      });
    },
  },
  {
    source: 'ashby',
    candidate: { email: 'test@ashbyhq.com', firstName: 'James' },
    jobTitle: 'First Designer',
    valid: (_, id) => ashbyRequest(edit(ashbySample, (b) => (b.webhookActionId = id))),
    tampered: () => tamper(ashbyRequest(ashbySample), '"James"', '"Jimmy"'),
    wrongSecret: () => ashbyRequest(ashbySample, { secret: 'wrong-secret' }),
    cancel: () =>
      ashbyRequest(
        edit(ashbySample, (b) => {
          b.webhookActionId = 'reactivated-1';
          const application = (b.data as { application: Record<string, unknown> }).application;
          application.status = 'Active';
          application.archiveReason = null;
          application.updatedAt = '2022-08-13T08:00:00.000Z';
        }),
      ),
  },
  {
    source: 'workable',
    candidate: { email: 'lakita.marrero@example.com', firstName: 'Lakita' },
    jobTitle: 'Operations Manager',
    valid: (_, id) => workableRequest(edit(workableSample, (b) => (b.id = id))),
    tampered: () => tamper(workableRequest(workableSample), '"Lakita Marrero"', '"Lakita M."'),
    wrongSecret: () => workableRequest(workableSample, { secret: 'wrong-secret' }),
    cancel: () =>
      workableRequest(
        edit(workableSample, (b) => {
          const data = b.data as Record<string, unknown>;
          data.disqualified = false;
          data.updated_at = '2024-05-07T08:00:00Z';
        }),
      ),
  },
  {
    source: 'generic',
    candidate: { email: 'grace@example.com', firstName: 'Grace' },
    jobTitle: 'Data Engineer',
    valid: (w, id) =>
      genericRequest(
        edit(genericSample, (b) => (b.id = id)),
        { at: w.clock.now() },
      ),
    tampered: (w) => tamper(genericRequest(genericSample, { at: w.clock.now() }), '"Grace Hopper"', '"Grace H."'),
    wrongSecret: (w) => genericRequest(genericSample, { at: w.clock.now(), secret: 'wrong-secret' }),
    stale: (w) => genericRequest(genericSample, { at: new Date(w.clock.now().getTime() - 10 * 60_000) }),
    cancel: (w) =>
      genericRequest(
        JSON.stringify({
          type: 'decision.reversed',
          id: 'evt-reversed-1',
          source: 'acme-ats',
          applicationId: 'app-1001',
          reversedAt: '2026-11-20T10:05:00Z',
        }),
        { at: w.clock.now() },
      ),
  },
];

describe.each(CASES)('POST /webhooks/$source against dynalite and the SES emulator', (c) => {
  const emailsTo = async () => sentEmails(inject('sesEndpoint'), c.candidate.email);

  it('accepts the signed official sample, and the sweep emails the candidate by name about the job', async () => {
    const w = await world();
    const before = (await emailsTo()).length;

    const response = await w.post(c.source, c.valid(w, 'delivery-1'));
    await w.sweepAndSend();

    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ status: 'accepted', action: 'recorded', deliveryId: 'delivery-1' });
    const emails = (await emailsTo()).slice(before);
    expect(emails).toHaveLength(1);
    // The template (and so the subject's wording) follows the normalized stage and reason; the job is always named.
    expect(emails[0]?.subject).toContain(c.jobTitle);
    expect(emails[0]?.body.text).toContain(`Hi ${c.candidate.firstName},`);
  });

  it('refuses a tampered body and a wrong secret with 401, recording nothing', async () => {
    const w = await world();

    const tampered = await w.post(c.source, c.tampered(w));
    const wrong = await w.post(c.source, c.wrongSecret(w));

    expect([tampered.status, wrong.status]).toEqual([401, 401]);
    expect(await w.items('decision')).toHaveLength(0);
  });

  it('answers a duplicate delivery with 200 and keeps one notice', async () => {
    const w = await world();
    const request = c.valid(w, 'delivery-dup');

    const first = await w.post(c.source, request);
    const again = await w.post(c.source, request);

    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'duplicate', deliveryId: 'delivery-dup' });
    expect(await w.items('notice')).toHaveLength(1);
  });

  it('cancels before the send when the ATS reverses the rejection: nothing goes out', async () => {
    const w = await world();
    const before = (await emailsTo()).length;
    await w.post(c.source, c.valid(w, 'delivery-c'));

    const cancelled = await w.post(c.source, c.cancel(w));
    await w.sweepAndSend();

    expect(cancelled.status).toBe(202);
    expect(await cancelled.json()).toMatchObject({ status: 'accepted', action: 'cancelled' });
    expect((await emailsTo()).slice(before)).toHaveLength(0);
    const [notice] = await w.items('notice');
    expect(notice?.status).toBe('cancelled');
  });
});

const STALE_CASES = CASES.flatMap((c) => (c.stale === undefined ? [] : [{ ...c, stale: c.stale }]));

describe.each(STALE_CASES)('POST /webhooks/$source: replay protection', (c) => {
  it('refuses a stale timestamp with 401, recording nothing', async () => {
    const w = await world();

    const response = await w.post(c.source, c.stale(w));

    expect(response.status).toBe(401);
    expect(await w.items('decision')).toHaveLength(0);
  });
});

describe('concurrent deliveries against dynalite and the SES emulator', () => {
  it('turns 50 concurrent deliveries of the same webhook into one notice and one email', async () => {
    const w = await world();
    const to = 'hector.porter.265788@example.com';
    const before = (await sentEmails(inject('sesEndpoint'), to)).length;
    const request = greenhouseRequest(greenhouseSample, { eventId: 'the-same-delivery' });

    const responses = await Promise.all(Array.from({ length: 50 }, () => w.post('greenhouse', request)));
    await w.sweepAndSend();

    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 202 || s === 200)).toBe(true);
    expect(statuses.filter((s) => s === 202).length).toBeGreaterThanOrEqual(1);
    expect(await w.items('decision')).toHaveLength(1);
    expect(await w.items('notice')).toHaveLength(1);
    expect((await sentEmails(inject('sesEndpoint'), to)).slice(before)).toHaveLength(1);
  });
});
