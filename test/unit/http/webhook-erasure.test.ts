import { describe, expect, it } from 'vitest';
import type { WebhookSource } from '#config/webhook-config.ts';
import { candidateIdFor } from '#core/domain/email-address.ts';
import type { LeverOpportunity } from '#core/ports/lever-api.ts';
import { InMemoryDeliveryLog } from '#test/fakes/in-memory-delivery-log.ts';
import { InMemoryLeverApi } from '#test/fakes/in-memory-lever-api.ts';
import { recruiterWorld } from '#test/support/recruiter-world.ts';
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
const now = new Date(NOW);

const OPPORTUNITY: LeverOpportunity = {
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

const edited = (sample: string, change: (body: Record<string, unknown>) => void): string => {
  const body = JSON.parse(sample) as Record<string, unknown>;
  change(body);
  return JSON.stringify(body);
};

interface SourceCase {
  readonly source: WebhookSource;
  readonly email: string;
  readonly name: string;
  /** The signed request as the vendor first sent it. */
  readonly original: () => SignedRequest;
  /** The same rejection under a new event id (signed again, as the vendor, or whoever holds the secret, would). */
  readonly newEventId: () => SignedRequest;
}

const greenhouse = fixtureText('greenhouse/reject_candidate.json');
const ashby = fixtureText('ashby/applicationUpdate-archived.json');
const workable = fixtureText('workable/candidate_moved-disqualified.json');
const generic = fixtureText('generic/decision-rejected.json');
const lever = fixtureJson('lever/candidateArchiveChange.json');

const SOURCES: readonly SourceCase[] = [
  {
    source: 'greenhouse',
    email: 'hector.porter.265788@example.com',
    name: 'Hector Porter',
    original: () => greenhouseRequest(greenhouse, { eventId: 'gh-1' }),
    newEventId: () => greenhouseRequest(greenhouse, { eventId: 'gh-forged-fresh-id' }),
  },
  {
    source: 'lever',
    email: 'shane@exampleq3.com',
    name: 'Shane Smith',
    original: () => leverRequest(lever, { token: 'tok-1', at: now }),
    newEventId: () => leverRequest(lever, { token: 'tok-2', at: now }),
  },
  {
    source: 'ashby',
    email: 'test@ashbyhq.com',
    name: 'James',
    original: () => ashbyRequest(ashby),
    newEventId: () => ashbyRequest(edited(ashby, (b) => (b.webhookActionId = 'a-new-action-id'))),
  },
  {
    source: 'workable',
    email: 'lakita.marrero@example.com',
    name: 'Lakita Marrero',
    original: () => workableRequest(workable),
    newEventId: () => workableRequest(edited(workable, (b) => (b.fired_at = '2024-05-07T09:00:00Z'))),
  },
  {
    source: 'generic',
    email: JSON.parse(generic).decision.candidate.email,
    name: JSON.parse(generic).decision.candidate.name,
    original: () => genericRequest(generic, { at: now }),
    newEventId: () =>
      genericRequest(
        edited(generic, (b) => (b.id = 'evt_new_id')),
        { at: now },
      ),
  },
];

function world() {
  const w = recruiterWorld({ now: NOW });
  const deliveries = new InMemoryDeliveryLog();
  const leverApi = new InMemoryLeverApi();
  leverApi.opportunities.set(OPPORTUNITY.id, OPPORTUNITY);
  const wired = webhookApp({ ...w.ports, ...w, deliveries, erasures: w.reply.erasures }, { lever: leverApi });
  return { ...w, ...wired, deliveries };
}

describe('erasure stays erased: no webhook recreates an erased candidate (issue 17)', () => {
  it.each(SOURCES)('$source: the stored signed body again, and under a new event id, is a duplicate', async (s) => {
    const w = world();
    const first = await w.post(s.source, s.original());
    expect(first.status).toBe(202);
    const candidateId = candidateIdFor(s.email);
    await w.eraseCandidate({ candidateId, by: 'sub-admin' });
    expect(w.decisions.items.size).toBe(0);
    // The vendor's delivery ids are forgotten after days: the very same signed body then arrives as new.
    w.deliveries.items.clear();

    const replayed = await w.post(s.source, s.original());
    const fresh = await w.post(s.source, s.newEventId());

    for (const response of [replayed, fresh]) {
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        status: 'duplicate',
        reason: "This candidate's data was erased: nothing is recorded.",
      });
    }
    expect(w.decisions.items.size).toBe(0);
    expect(w.notices.items.size).toBe(0);
    expect((await w.call(`/candidates/${candidateId}`, 'viewer')).status).toBe(410);
    // Nothing personal was kept on the way: the delivery log and the erasure log hold ids and digests only.
    const kept = JSON.stringify([[...w.deliveries.items.values()], [...w.reply.erasures.applications.entries()]]);
    expect(kept).not.toContain(s.email);
    expect(kept).not.toContain(s.name);
    expect(kept).not.toContain(s.email.split('@')[0]);
  });

  it('refuses the same application under another address, and another application for the erased address', async () => {
    const w = world();
    await w.post('greenhouse', greenhouseRequest(greenhouse, { eventId: 'gh-1' }));
    await w.eraseCandidate({ candidateId: candidateIdFor('hector.porter.265788@example.com'), by: 'sub-admin' });
    const body = JSON.parse(greenhouse) as {
      payload: { application: { id: number; candidate: { email_addresses: { value: string }[] } } };
    };
    const sameApplication = structuredClone(body);
    for (const e of sameApplication.payload.application.candidate.email_addresses) e.value = 'new.address@example.net';
    const sameAddress = structuredClone(body);
    sameAddress.payload.application.id = 999_001;

    const byApplication = await w.post(
      'greenhouse',
      greenhouseRequest(JSON.stringify(sameApplication), { eventId: 'gh-2' }),
    );
    const byAddress = await w.post('greenhouse', greenhouseRequest(JSON.stringify(sameAddress), { eventId: 'gh-3' }));

    expect((await byApplication.json()).status).toBe('duplicate');
    expect((await byAddress.json()).status).toBe('duplicate');
    expect(w.decisions.items.size).toBe(0);
  });

  it('still records a rejection of someone else', async () => {
    const w = world();
    await w.post('greenhouse', greenhouseRequest(greenhouse, { eventId: 'gh-1' }));
    await w.eraseCandidate({ candidateId: candidateIdFor('hector.porter.265788@example.com'), by: 'sub-admin' });

    const other = await w.post('ashby', ashbyRequest(ashby));

    expect(other.status).toBe(202);
    expect(w.decisions.items.size).toBe(1);
  });
});
