import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WorkableHttpApi, workableApiFor } from '#adapters/workable/workable-http-api.ts';
import { UpstreamUnavailableError } from '#core/domain/errors.ts';
import { startFakeWorkable } from '#test/support/fake-workable-server.ts';

const TOKEN = 'workable-test-token';
let workable: Awaited<ReturnType<typeof startFakeWorkable>>;
beforeAll(async () => {
  workable = await startFakeWorkable({ apiToken: TOKEN });
});
afterAll(async () => {
  await workable?.close();
});
beforeEach(() => {
  workable.state.failWith = undefined;
  workable.state.requests.length = 0;
});

const api = (token = TOKEN, timeoutMs?: number) =>
  new WorkableHttpApi({ baseUrl: workable.url, apiToken: async () => token, ...(timeoutMs ? { timeoutMs } : {}) });

describe('WorkableHttpApi against a fake Workable API on loopback', () => {
  it("reads a job's members with their roles, with the token as a bearer token", async () => {
    const members = await api().jobMembers('GROOV005');

    expect(members).toEqual([
      { name: 'Monica Geller', email: 'monica.geller@acme.example', roles: ['hiring_manager'] },
      { name: 'Rachel Green', email: 'Rachel.Green@acme.example', roles: ['recruiter'] },
    ]);
    expect(workable.state.requests).toEqual([
      { path: '/spi/v3/jobs/GROOV005/members', authorization: `Bearer ${TOKEN}` },
    ]);
  });

  it('answers no members for a job Workable does not know', async () => {
    expect(await api().jobMembers('NOPE')).toEqual([]);
  });

  it.each([429, 500, 503])('turns a %i from Workable into "unavailable"', async (status) => {
    workable.state.failWith = status;

    await expect(api().jobMembers('GROOV005')).rejects.toBeInstanceOf(UpstreamUnavailableError);
  });

  it('turns a refused token into "unavailable", naming the setting to check', async () => {
    await expect(api('wrong-token').jobMembers('GROOV005')).rejects.toThrow(/WORKABLE_API_TOKEN/);
  });

  it('gives up on a Workable that does not answer, within its timeout', async () => {
    workable.state.failWith = 'hang';

    await expect(api(TOKEN, 200).jobMembers('GROOV005')).rejects.toBeInstanceOf(UpstreamUnavailableError);
  });

  it('is built only when WORKABLE_API_URL is set, with the token from the secret store', async () => {
    const secrets = { get: async () => [TOKEN] };
    expect(workableApiFor({}, secrets)).toEqual({});

    const { workable: built } = workableApiFor({ workableApiUrl: workable.url }, secrets);

    expect(await built?.jobMembers('GROOV005')).toHaveLength(2);
  });
});
