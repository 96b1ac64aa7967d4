import { beforeAll, describe, expect, inject, it } from 'vitest';
import { manageSuppressionsFrom } from '#composition/use-cases.ts';
import { emailDigest } from '#core/domain/email-address.ts';
import { silentLog } from '#core/ports/log.ts';
import { createApp } from '#http/app.ts';
import { aDecision } from '#test/support/builders.ts';
import { testTable } from '#test/support/dynamodb-test-table.ts';
import { integrationWorld } from '#test/support/integration-world.ts';
import { roleAuthenticator } from '#test/support/recruiter-world.ts';
import { sentEmails } from '#test/support/ses-store.ts';

let table: Awaited<ReturnType<typeof testTable>>;
beforeAll(async () => {
  table = await testTable();
});

/** The recruiter API on the real adapters (dynalite, the SES emulator); only the queue is recorded. */
function world() {
  const { ports, useCases, config, sweepAndSend } = integrationWorld(table);
  const app = createApp({
    authenticate: roleAuthenticator,
    log: silentLog,
    recordDecisions: useCases.recordDecisions,
    getNotice: useCases.getNotice,
    defaultRecruiterInbox: config.defaultRecruiterInbox,
    noticeActions: {
      resendNotice: useCases.resendNotice,
      cancelNotice: useCases.cancelNotice,
      changeOwner: useCases.changeOwner,
    },
    suppressions: manageSuppressionsFrom(ports),
  });
  const call = (path: string, init: RequestInit & { token?: string; json?: unknown } = {}) =>
    app.request(path, {
      ...init,
      headers: {
        authorization: `Bearer ${init.token ?? 'recruiter'}`,
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
  return { ...useCases, ports, call, sweepAndSend };
}

describe('recruiter suppressions against dynalite and the SES emulator', () => {
  it('suppress, decide, sweep: no email, the notice ends suppressed; lifted, a resend goes out once', async () => {
    const w = world();
    const to = `suppressed-${Date.now()}@example.com`;

    const suppressed = await w.call('/suppressions', {
      method: 'POST',
      json: { email: to, note: 'Asked by phone not to be contacted' },
    });
    const decided = await w.call('/decisions', {
      method: 'POST',
      json: aDecision({ applicationId: `sup-${Date.now()}`, candidate: { email: to } }),
    });
    const { noticeId } = (await decided.json()) as { noticeId: string };
    const outcomes = await w.sweepAndSend();
    const notice = (await (await w.call(`/notices/${noticeId}`)).json()) as { status: string };

    expect(suppressed.status).toBe(201);
    expect(decided.status).toBe(202);
    expect(outcomes).toEqual(['suppressed']);
    expect(notice.status).toBe('suppressed');
    expect(await sentEmails(inject('sesEndpoint'), to)).toHaveLength(0);
    // The table holds the digest, not the address, for the suppression.
    expect(await w.ports.suppressions.find(emailDigest(to))).toMatchObject({
      reason: 'recruiter-request',
      note: 'Asked by phone not to be contacted',
    });

    const resendWhileSuppressed = await w.call(`/notices/${noticeId}/resend`, { method: 'POST', json: {} });
    const lifted = await w.call(`/suppressions/${emailDigest(to)}`, { method: 'DELETE' });
    const resent = await w.call(`/notices/${noticeId}/resend`, { method: 'POST', json: {} });
    const after = await w.sweepAndSend();

    expect(resendWhileSuppressed.status).toBe(409);
    expect(lifted.status).toBe(200);
    expect(resent.status).toBe(200);
    expect(after).toEqual(['sent']);
    expect(await sentEmails(inject('sesEndpoint'), to)).toHaveLength(1);
  });

  it('lists the suppressions of the table newest first, and keeps a bounce for admins to lift', async () => {
    const w = world();
    const bounced = `bounced-${Date.now()}@example.com`;
    await w.ports.suppressions.add({
      emailDigest: emailDigest(bounced),
      reason: 'hard-bounce',
      at: '2026-11-19T00:00:00.000Z',
      origin: 'notice:n_x',
    });

    const list = (await (await w.call('/suppressions?reason=hard-bounce', { token: 'viewer' })).json()) as {
      items: { id: string }[];
    };
    const byRecruiter = await w.call(`/suppressions/${emailDigest(bounced)}`, { method: 'DELETE' });
    const byAdmin = await w.call(`/suppressions/${emailDigest(bounced)}`, { method: 'DELETE', token: 'admin' });

    expect(list.items.map((s) => s.id)).toContain(emailDigest(bounced));
    expect(byRecruiter.status).toBe(403);
    expect(byAdmin.status).toBe(200);
    expect(await w.ports.suppressions.find(emailDigest(bounced))).toBeUndefined();
  });
});
