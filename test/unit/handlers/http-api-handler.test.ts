import type { APIGatewayProxyResult, LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHttpHandler } from '#handlers/make-http-api-handler.ts';
import { InMemoryDeliveryLog } from '#test/fakes/in-memory-delivery-log.ts';
import { InMemoryLeverApi } from '#test/fakes/in-memory-lever-api.ts';
import { unitWorld } from '#test/support/unit-world.ts';
import { webhookApp } from '#test/support/webhook-app.ts';
import { fixtureText, greenhouseRequest } from '#test/support/webhook-fixtures.ts';

/** An HTTP API (payload 2.0) event as API Gateway hands it to the Lambda: the body base64-encoded or not. */
function apiGatewayEvent(path: string, headers: Record<string, string>, body: Buffer, base64: boolean): LambdaEvent {
  return {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { ...headers, 'content-length': String(body.length) },
    requestContext: {
      accountId: '123456789012',
      // The webhook routes are open (signed), so API Gateway runs no authorizer for them.
      authentication: null,
      authorizer: {},
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'Greenhouse' },
      requestId: 'req-1',
      routeKey: `POST ${path}`,
      stage: '$default',
      time: '20/Nov/2026:10:00:00 +0000',
      timeEpoch: 1_795_168_800_000,
    },
    body: base64 ? body.toString('base64') : body.toString('utf8'),
    isBase64Encoded: base64,
  };
}

function lambda() {
  const world = unitWorld({ now: '2026-11-20T10:00:00Z' });
  const { deps } = webhookApp(
    { ...world.ports, ...world, deliveries: new InMemoryDeliveryLog() },
    { lever: new InMemoryLeverApi() },
  );
  const handler = makeHttpHandler(deps);
  const invoke = async (event: LambdaEvent) => (await handler(event, {} as LambdaContext)) as APIGatewayProxyResult;
  return { world, invoke };
}

// A name outside ASCII: the signature covers its UTF-8 bytes, which a re-serialized or re-decoded body would change.
const body = Buffer.from(
  fixtureText('greenhouse/reject_candidate.json').replace(/"first_name": "[^"]*"/, '"first_name": "Zoë"'),
);

describe('the HTTP API Lambda (hono/aws-lambda) verifies webhook signatures over the raw bytes', () => {
  it.each([true, false])('accepts a signed Greenhouse webhook (body base64-encoded: %s)', async (base64) => {
    const { invoke, world } = lambda();
    expect(body.toString('utf8')).toContain('Zoë');
    const signed = greenhouseRequest(body.toString('utf8'), { eventId: `gh-lambda-${base64}` });

    const response = await invoke(apiGatewayEvent('/webhooks/greenhouse', signed.headers, body, base64));

    expect(response.statusCode).toBe(202);
    const [decision] = [...world.decisions.items.values()];
    expect(decision?.candidate.name).toMatch(/^Zoë /);
  });

  it('refuses the same event with one byte of the body changed', async () => {
    const { invoke, world } = lambda();
    const signed = greenhouseRequest(body.toString('utf8'), { eventId: 'gh-lambda-tampered' });
    const tampered = Buffer.from(body.toString('utf8').replace('Zoë', 'Zoe'));

    const response = await invoke(apiGatewayEvent('/webhooks/greenhouse', signed.headers, tampered, true));

    expect(response.statusCode).toBe(401);
    expect(world.decisions.items.size).toBe(0);
  });
});
