import { describe, expect, it } from 'vitest';
import { definedFields } from '#core/domain/optional.ts';
import type { LeverOpportunity } from '#core/ports/lever-api.ts';
import { ownerAmong } from '#http/routes/webhooks/owner.ts';
import { InMemoryDeliveryLog } from '#test/fakes/in-memory-delivery-log.ts';
import { InMemoryLeverApi } from '#test/fakes/in-memory-lever-api.ts';
import { InMemoryWorkableApi } from '#test/fakes/in-memory-workable-api.ts';
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

const OPPORTUNITY: LeverOpportunity = {
  id: '250d8f03-738a-4bba-a671-8a3d73477145',
  name: 'Shane Smith',
  email: 'shane@exampleq3.com',
  archived: {
    at: '2017-10-11T21:57:29.474Z',
    reason: { id: '63dd55b2-a99f-4e7b-985f-22c7bf80ab42', text: 'Underqualified', type: 'non-hired' },
  },
  posting: { id: 'f2f01e16-27f8-4711-a728-7d49499795a0', title: 'Infrastructure Engineer' },
};

function api(options: { opportunity?: LeverOpportunity; workable?: InMemoryWorkableApi } = {}) {
  const world = unitWorld({ now: NOW });
  const lever = new InMemoryLeverApi();
  const opportunity = options.opportunity ?? OPPORTUNITY;
  lever.opportunities.set(opportunity.id, opportunity);
  const wired = webhookApp(
    { ...world.ports, ...world, deliveries: new InMemoryDeliveryLog() },
    { lever, ...definedFields({ workable: options.workable }) },
  );
  const recruiter = () => [...world.decisions.items.values()][0]?.recruiter;
  const noticeRecruiter = () => [...world.notices.items.values()][0]?.notice.recruiter;
  return { ...wired, recruiter, noticeRecruiter };
}

const person = (name: string, email: string | null, id = 1) => ({
  id,
  name,
  first_name: name.split(' ')[0],
  last_name: name.split(' ')[1],
  email,
});

function greenhouse(change: (application: Record<string, unknown>, candidate: Record<string, unknown>) => void) {
  const body = fixtureJson<{
    payload: { application: Record<string, unknown> & { candidate: Record<string, unknown> } };
  }>('greenhouse/reject_candidate.json');
  change(body.payload.application, body.payload.application.candidate);
  return greenhouseRequest(JSON.stringify(body));
}

describe('who owns a Greenhouse candidate', () => {
  it("is the candidate's recruiter, with their inbox, lowercase, on the decision and the notice", async () => {
    const { post, recruiter, noticeRecruiter } = api();

    const response = await post(
      'greenhouse',
      greenhouse((application, candidate) => {
        candidate.recruiter = person('Rachel Green', 'Rachel.Green@acme.example');
        candidate.coordinator = person('Monica Geller', 'monica@acme.example', 2);
        application.credited_to = person('Ross Geller', 'ross@acme.example', 3);
      }),
    );

    expect(response.status).toBe(202);
    expect(recruiter()).toEqual({ name: 'Rachel Green', email: 'rachel.green@acme.example' });
    expect(noticeRecruiter()).toEqual({ name: 'Rachel Green', email: 'rachel.green@acme.example' });
  });

  it('falls to the coordinator, then to credited_to, when the ones before name no inbox', async () => {
    const coordinator = api();
    await coordinator.post(
      'greenhouse',
      greenhouse((application, candidate) => {
        candidate.recruiter = person('Rachel Green', null);
        candidate.coordinator = person('Monica Geller', 'monica@acme.example', 2);
        application.credited_to = person('Ross Geller', 'ross@acme.example', 3);
      }),
    );
    const credited = api();
    await credited.post(
      'greenhouse',
      greenhouse((application, candidate) => {
        candidate.recruiter = null;
        candidate.coordinator = null;
        application.credited_to = { id: 3, name: 'Ross Geller', email: 'ross@acme.example' };
      }),
    );

    expect(coordinator.recruiter()).toEqual({ name: 'Monica Geller', email: 'monica@acme.example' });
    expect(credited.recruiter()).toEqual({ name: 'Ross Geller', email: 'ross@acme.example' });
  });

  it('keeps a recruiter named without an inbox (they sign; the default inbox owns), and records one with none', async () => {
    const named = api();
    await named.post(
      'greenhouse',
      greenhouse((_, candidate) => {
        candidate.recruiter = { id: 1, first_name: 'Rachel', last_name: 'Green', email: 'not an address' };
      }),
    );
    const nobody = api();
    const response = await nobody.post(
      'greenhouse',
      greenhouse(() => {}),
    );

    expect(named.recruiter()).toEqual({ name: 'Rachel Green' });
    expect(response.status).toBe(202);
    expect(nobody.recruiter()).toBeUndefined();
  });
});

describe('who owns an Ashby candidate', () => {
  const ashby = (change: (application: Record<string, unknown>) => void) => {
    const body = fixtureJson<{ data: { application: Record<string, unknown> } }>(
      'ashby/applicationUpdate-archived.json',
    );
    change(body.data.application);
    return ashbyRequest(JSON.stringify(body));
  };
  const team = [
    { userId: 'u1', firstName: 'Monica', lastName: 'Geller', email: 'monica@acme.example', role: 'Hiring Manager' },
    { userId: 'u2', firstName: 'Rachel', lastName: 'Green', email: 'rachel@acme.example', role: 'Recruiter' },
  ];

  it('is the user the application is credited to, else the hiring team member whose role is recruiter', async () => {
    const credited = api();
    await credited.post(
      'ashby',
      ashby((application) => {
        application.creditedToUser = { id: 'u3', firstName: 'Ross', lastName: 'Geller', email: 'ross@acme.example' };
        application.hiringTeam = team;
      }),
    );
    const hiringTeam = api();
    await hiringTeam.post(
      'ashby',
      ashby((application) => {
        application.creditedToUser = null;
        application.hiringTeam = team;
      }),
    );

    expect(credited.recruiter()).toEqual({ name: 'Ross Geller', email: 'ross@acme.example' });
    expect(hiringTeam.recruiter()).toEqual({ name: 'Rachel Green', email: 'rachel@acme.example' });
  });

  it('names no owner from the official sample (an empty hiring team)', async () => {
    const { post, recruiter } = api();

    await post('ashby', ashbyRequest(fixtureText('ashby/applicationUpdate-archived.json')));

    expect(recruiter()).toBeUndefined();
  });
});

describe('who owns a Lever candidate', () => {
  const template = fixtureJson('lever/candidateArchiveChange.json');

  it("is the opportunity's owner, as Lever's API says", async () => {
    const { post, recruiter } = api({
      opportunity: { ...OPPORTUNITY, owner: { name: 'Rachel Green', email: 'rachel@acme.example' } },
    });

    await post('lever', leverRequest(template, { token: 'tok-owner', at: new Date(NOW) }));

    expect(recruiter()).toEqual({ name: 'Rachel Green', email: 'rachel@acme.example' });
  });
});

describe('who owns a Workable candidate', () => {
  const sample = fixtureText('workable/candidate_moved-disqualified.json');

  it("is the job's member with the recruiter role, from Workable's API", async () => {
    const workable = new InMemoryWorkableApi();
    workable.members.set('GROOV005', [
      { name: 'Monica Geller', email: 'monica@acme.example', roles: ['hiring_manager'] },
      { name: 'Rachel Green', email: 'rachel@acme.example', roles: ['recruiter'] },
    ]);
    const { post, recruiter } = api({ workable });

    await post('workable', workableRequest(sample));

    expect(workable.reads).toEqual(['GROOV005']);
    expect(recruiter()).toEqual({ name: 'Rachel Green', email: 'rachel@acme.example' });
  });

  it("records the decision for the default inbox when Workable's API fails, or is not configured", async () => {
    const workable = new InMemoryWorkableApi();
    workable.failing = true;
    const failing = api({ workable });
    const unconfigured = api();

    const response = await failing.post('workable', workableRequest(sample));
    await unconfigured.post('workable', workableRequest(sample));

    expect(response.status).toBe(202);
    expect(failing.recruiter()).toBeUndefined();
    expect(unconfigured.recruiter()).toBeUndefined();
  });
});

describe('who owns a candidate of the generic webhook', () => {
  it("is the decision's recruiter with their email", async () => {
    const body = JSON.parse(fixtureText('generic/decision-rejected.json')) as { decision: Record<string, unknown> };
    body.decision.recruiter = { name: 'Rachel Green', title: 'Recruiter', email: 'Rachel@Acme.example' };
    const { post, recruiter } = api();

    const response = await post('generic', genericRequest(JSON.stringify(body), { at: new Date(NOW) }));

    expect(response.status).toBe(202);
    expect(recruiter()).toEqual({ name: 'Rachel Green', title: 'Recruiter', email: 'rachel@acme.example' });
  });
});

describe('ownerAmong', () => {
  it('takes the first person with an inbox, else the first with a name, else nobody', () => {
    expect(
      ownerAmong([null, { name: 'No Inbox' }, { firstName: 'Ada', lastName: 'L', email: 'ada@acme.example' }]),
    ).toEqual({ name: 'Ada L', email: 'ada@acme.example' });
    expect(ownerAmong([{ email: 'ada@acme.example' }])).toEqual({
      name: 'ada@acme.example',
      email: 'ada@acme.example',
    });
    expect(ownerAmong([undefined, { name: '  ' }, { name: 'Grace', email: '@' }])).toEqual({ name: 'Grace' });
    expect(ownerAmong([])).toBeUndefined();
  });
});
