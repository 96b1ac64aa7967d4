import { describe, expect, it } from 'vitest';
import { applicationKeyOf } from '#core/domain/decision.ts';
import { candidateIdFor } from '#core/domain/email-address.ts';
import { silentLog } from '#core/ports/log.ts';
import { createApp } from '#http/app.ts';
import { roleAuthenticator } from '#test/support/recruiter-world.ts';
import { unitWorld } from '#test/support/unit-world.ts';

const HEADER = 'applicationId,decidedAt,reason,stage,candidate.name,candidate.email,candidate.locale,job.id,job.title';
const decision = {
  source: 'manual',
  applicationId: 'app-1',
  decision: 'rejected',
  reason: 'position-filled',
  stage: 'interview',
  decidedAt: '2026-11-20T10:00:00Z',
  job: { id: 'job-1', title: 'Data Engineer' },
  candidate: { name: 'Erased Person', email: 'erased@example.com', locale: 'en' },
};

function api() {
  const world = unitWorld();
  const app = createApp({
    authenticate: roleAuthenticator,
    log: silentLog,
    recordDecisions: world.recordDecisions,
    getNotice: world.getNotice,
    defaultRecruiterInbox: world.config.defaultRecruiterInbox,
  });
  const post = (body: string, type: string, query = '') =>
    app.request(`/decisions${query}`, {
      method: 'POST',
      headers: { authorization: 'Bearer recruiter', 'content-type': type },
      body,
    });
  return { world, post };
}

describe('POST /decisions after an erasure records nothing', () => {
  it('a JSON decision for an erased application answers erased and writes no decision or notice', async () => {
    const { world, post } = api();
    await world.erasures.markApplicationErased(applicationKeyOf('manual', 'app-1'), 'someone');

    const response = await post(JSON.stringify(decision), 'application/json');

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ duplicate: true, erased: true });
    expect(world.decisions.items.size).toBe(0);
    expect(world.notices.items.size).toBe(0);
    expect(world.events.published).toEqual([]);
  });

  it('a CSV row for an erased address answers erased, in the dry run too, and writes nothing', async () => {
    const { world, post } = api();
    await world.erasures.save({
      candidateId: candidateIdFor('erased@example.com'),
      status: 'complete',
      requestedAt: '2026-11-19T10:00:00Z',
      requestedBy: 'admin',
      erased: { decisions: 1, notices: 1, deliveries: 0, replies: 0, flags: 0, relays: 0, rawMessages: 0 },
      suppressedAddresses: 1,
      runs: 1,
    } as never);
    const file = `${HEADER}\napp-9,2026-11-20T10:00:00Z,position-filled,interview,Erased Person,erased@example.com,en,job-1,Data Engineer\n`;

    const preview = await post(file, 'text/csv', '?dryRun=true');
    expect((await preview.json()).rows[0]).toMatchObject({ erased: true });

    const response = await post(file, 'text/csv');
    expect(response.status).toBe(200);
    expect((await response.json()).results[0]).toMatchObject({ duplicate: true, erased: true, line: 2 });
    expect(world.notices.items.size).toBe(0);
  });
});
