import { describe, expect, it } from 'vitest';
import { REQUEST_ID_HEADER } from '#http/request-id.ts';
import { loopbackOnly } from '#local/loopback-host.ts';
import { InMemoryDeliveryLog } from '#test/fakes/in-memory-delivery-log.ts';
import { InMemoryLeverApi } from '#test/fakes/in-memory-lever-api.ts';
import { unitWorld } from '#test/support/unit-world.ts';
import { API_TOKEN, webhookApp } from '#test/support/webhook-app.ts';
import { fixtureText, genericRequest } from '#test/support/webhook-fixtures.ts';

const NOW = '2026-11-20T10:00:00Z';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function app() {
  const world = unitWorld({ now: NOW });
  return webhookApp(
    { ...world.ports, ...world, deliveries: new InMemoryDeliveryLog() },
    { lever: new InMemoryLeverApi() },
  );
}

const problemOf = async (response: Response) => ({
  header: response.headers.get(REQUEST_ID_HEADER),
  body: (await response.json()) as { status: number; requestId?: string },
});

describe('a request id in every problem body', () => {
  it.each([
    ['404, no such route', () => app().app.request('/no-such-route')],
    ['401, no credentials', () => app().app.request('/notices/n_x')],
    [
      '400, an invalid decision',
      () =>
        app().app.request('/decisions', {
          method: 'POST',
          headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
          body: '{"candidate":{}}',
        }),
    ],
    [
      '401, a webhook signed with the wrong secret',
      () =>
        app().post(
          'generic',
          genericRequest(fixtureText('generic/decision-rejected.json'), { at: new Date(NOW), secret: 'wrong' }),
        ),
    ],
  ])('%s: the body names the id the X-Request-Id header carries', async (_, request) => {
    const { header, body } = await problemOf(await request());

    expect(body.status).toBeGreaterThanOrEqual(400);
    expect(body.requestId).toMatch(UUID);
    expect(header).toBe(body.requestId);
  });

  it('gives each request its own id', async () => {
    const { app: api } = app();
    const first = await problemOf(await api.request('/no-such-route'));
    const second = await problemOf(await api.request('/no-such-route'));
    expect(first.body.requestId).not.toBe(second.body.requestId);
  });

  it("takes API Gateway's request id when the gateway is in front, the one its access log and our logs carry", async () => {
    const gateway = { requestContext: { requestId: 'Xy3f1jQ2oAMEb7g=' } };
    const response = await app().app.request('/no-such-route', {}, gateway);
    const { header, body } = await problemOf(response);
    expect([header, body.requestId]).toEqual(['Xy3f1jQ2oAMEb7g=', 'Xy3f1jQ2oAMEb7g=']);
  });

  it('sets the header on answers that are not problems too', async () => {
    const response = await app().app.request('/health');
    expect(response.status).toBe(200);
    expect(response.headers.get(REQUEST_ID_HEADER)).toMatch(UUID);
  });

  it("names it in the local server's misdirected-request problem as well", async () => {
    const guarded = loopbackOnly(async () => new Response('never'));
    const response = await guarded(new Request('http://rebound.attacker.example/candidates'));
    const { header, body } = await problemOf(response);
    expect(body.status).toBe(421);
    expect(body.requestId).toMatch(UUID);
    expect(header).toBe(body.requestId);
  });
});
