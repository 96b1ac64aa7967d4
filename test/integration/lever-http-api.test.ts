import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LeverHttpApi } from '#adapters/lever/lever-http-api.ts';
import { UpstreamUnavailableError } from '#core/domain/errors.ts';
import { startFakeLever } from '#test/support/fake-lever-server.ts';

const API_KEY = 'lever-test-key';
let lever: Awaited<ReturnType<typeof startFakeLever>>;
beforeAll(async () => {
  lever = await startFakeLever({ apiKey: API_KEY });
});
afterAll(async () => {
  await lever?.close();
});
beforeEach(() => {
  lever.state.failWith = undefined;
  lever.state.requests.length = 0;
  lever.setArchived({ reason: '63dd55b2-a99f-4e7b-985f-22c7bf80ab42', archivedAt: 1507759049474 });
});

const api = (key = API_KEY, timeoutMs?: number) =>
  new LeverHttpApi({ baseUrl: lever.url, apiKey: async () => key, ...(timeoutMs ? { timeoutMs } : {}) });

describe('LeverHttpApi against a fake Lever API on loopback', () => {
  it('reads the opportunity, its archive reason and its posting, with the key as HTTP Basic user', async () => {
    const opportunity = await api().getOpportunity(lever.opportunityId);

    expect(opportunity).toEqual({
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
      owner: { name: 'Rachel Green', email: 'rachel.green@acme.example' },
    });
    expect(lever.state.requests.map((r) => r.path)).toEqual([
      `/v1/opportunities/${lever.opportunityId}?expand=applications&expand=stage&expand=owner`,
      '/v1/archive_reasons/63dd55b2-a99f-4e7b-985f-22c7bf80ab42',
      '/v1/postings/f2f01e16-27f8-4711-a728-7d49499795a0',
    ]);
    expect(lever.state.requests[0]?.authorization).toBe(`Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`);
  });

  it('says an unarchived opportunity is not archived, without asking for a reason', async () => {
    lever.setArchived(null);

    const opportunity = await api().getOpportunity(lever.opportunityId);

    expect(opportunity?.archived).toBeUndefined();
    expect(lever.state.requests.some((r) => r.path.includes('archive_reasons'))).toBe(false);
  });

  it('names no owner when Lever cannot expand it (a bare user id)', async () => {
    const users = new Map(lever.state.users);
    lever.state.users.clear();
    try {
      expect((await api().getOpportunity(lever.opportunityId))?.owner).toBeUndefined();
    } finally {
      for (const [id, user] of users) lever.state.users.set(id, user);
    }
  });

  it('answers undefined for an opportunity Lever does not know', async () => {
    expect(await api().getOpportunity('no-such-opportunity')).toBeUndefined();
  });

  it.each([429, 500, 503])('turns a %i from Lever into "retry later"', async (status) => {
    lever.state.failWith = status;

    await expect(api().getOpportunity(lever.opportunityId)).rejects.toBeInstanceOf(UpstreamUnavailableError);
  });

  it('turns a refused key into "retry later", naming the setting to check', async () => {
    await expect(api('wrong-key').getOpportunity(lever.opportunityId)).rejects.toThrow(/LEVER_API_KEY/);
  });

  it('gives up on a Lever that does not answer, within its timeout', async () => {
    lever.state.failWith = 'hang';

    await expect(api(API_KEY, 200).getOpportunity(lever.opportunityId)).rejects.toBeInstanceOf(
      UpstreamUnavailableError,
    );
  });
});
