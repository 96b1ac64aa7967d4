import { request } from 'node:http';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials } from '#local/emulator-guard.ts';
import { LOCAL_REGION, type RunningServer, startDynalite, startSesEmulator } from '#local/emulators.ts';

const TOKEN = 'emulator-guard-test-token-1234';
let dynalite: RunningServer;
let ses: RunningServer;

beforeAll(async () => {
  dynalite = await startDynalite({ port: 0, token: TOKEN });
  ses = await startSesEmulator({ port: 0, token: TOKEN });
});
afterAll(async () => {
  await dynalite?.close();
  await ses?.close();
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** node:http rather than fetch: fetch will not send a Host header of our choosing. */
function send(
  server: RunningServer,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path ?? '/' },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    for (const [name, value] of Object.entries(options.headers ?? {})) req.setHeader(name, value);
    req.on('error', reject);
    req.end(options.body);
  });
}

const listTables = {
  method: 'POST',
  body: '{}',
  headers: {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'DynamoDB_20120810.ListTables',
    'x-amz-date': '20261205T000000Z',
    authorization: `AWS4-HMAC-SHA256 Credential=${TOKEN}/20261205/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00`,
  },
};

async function sendOneEmail(to: string): Promise<void> {
  const client = new SESv2Client({ endpoint: ses.url, region: LOCAL_REGION, credentials: localCredentials(TOKEN) });
  await client.send(
    new SendEmailCommand({
      FromEmailAddress: 'talent@acme.example',
      Destination: { ToAddresses: [to] },
      Content: { Simple: { Subject: { Data: 'Hello' }, Body: { Text: { Data: 'Hello' } } } },
    }),
  );
  client.destroy();
}

async function storedCount(): Promise<number> {
  const answer = await send(ses, { path: '/store', headers: { authorization: `Bearer ${TOKEN}` } });
  return (JSON.parse(answer.body) as { emails: unknown[] }).emails.length;
}

describe('dynalite behind the local guard', () => {
  it('answers the AWS SDK that signs with the dev token as its access key id', async () => {
    const client = new DynamoDBClient({
      endpoint: dynalite.url,
      region: LOCAL_REGION,
      credentials: localCredentials(TOKEN),
    });
    await expect(client.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
    client.destroy();
  });

  it('refuses a client signing with another access key id (401)', async () => {
    const client = new DynamoDBClient({
      endpoint: dynalite.url,
      region: LOCAL_REGION,
      credentials: localCredentials('someone-else-entirely'),
      maxAttempts: 1,
    });
    await expect(client.send(new ListTablesCommand({}))).rejects.toMatchObject({ $metadata: { httpStatusCode: 401 } });
    client.destroy();
  });

  it('refuses a DNS-rebound Host with 421, even with the token', async () => {
    const answer = await send(dynalite, {
      ...listTables,
      headers: { ...listTables.headers, host: `rebind.attacker.example:${dynalite.port}` },
    });
    expect(answer.status).toBe(421);
    expect(answer.body).not.toContain('TableNames');
  });

  it('refuses a CORS preflight and any other origin, and sends no Access-Control header', async () => {
    const preflight = await send(dynalite, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3999',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-amz-target,content-type',
        'sec-fetch-site': 'same-site',
      },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const crossOrigin = await send(dynalite, {
      ...listTables,
      headers: { ...listTables.headers, origin: 'http://localhost:3999' },
    });
    expect(crossOrigin.status).toBe(403);
  });

  it("drops dynalite's own Access-Control-Allow-Origin from the answers it lets through", async () => {
    // dynalite adds `*` to any request with an Origin; its own origin is the only one the guard lets through.
    const answer = await send(dynalite, {
      ...listTables,
      headers: { ...listTables.headers, origin: `http://127.0.0.1:${dynalite.port}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('TableNames');
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the SES emulator behind the local guard', () => {
  it('takes SendEmail from the SDK with the token and lets Closeloop read /store with it', async () => {
    await sendOneEmail('guard-1@example.com');
    const answer = await send(ses, { path: '/store', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('guard-1@example.com');
  });

  it("refuses /store without the token to anything that is not the developer's own browser (401)", async () => {
    expect((await send(ses, { path: '/store' })).status).toBe(401);
    expect(
      (await send(ses, { path: '/store', headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status,
    ).toBe(401);
  });

  it("opens the mail viewer and its /store in the developer's own browser (Sec-Fetch-Site none / same-origin)", async () => {
    expect((await send(ses, { path: '/', headers: { 'sec-fetch-site': 'none' } })).status).toBe(200);
    const own = await send(ses, { path: '/store', headers: { 'sec-fetch-site': 'same-origin' } });
    expect(own.status).toBe(200);
    expect(own.body).toContain('guard-1@example.com');
  });

  it('refuses DNS-rebound names for /store and /clear-store (421), and the store stays', async () => {
    const host = `127.0.0.1.nip.attacker.example:${ses.port}`;
    const store = await send(ses, { path: '/store', headers: { host, 'sec-fetch-site': 'same-origin' } });
    expect(store.status).toBe(421);
    expect(store.body).not.toContain('guard-1@example.com');
    const clear = await send(ses, {
      method: 'POST',
      path: '/clear-store',
      headers: { host, 'sec-fetch-site': 'same-origin' },
    });
    expect(clear.status).toBe(421);
    expect(await storedCount()).toBeGreaterThan(0);
  });

  it('refuses a cross-site form post to /clear-store (403), and the store stays', async () => {
    const before = await storedCount();
    const clear = await send(ses, {
      method: 'POST',
      path: '/clear-store',
      headers: {
        origin: 'http://localhost:3999',
        'sec-fetch-site': 'same-site',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'x=1',
    });
    expect(clear.status).toBe(403);
    const nullOrigin = await send(ses, { method: 'POST', path: '/clear-store', headers: { origin: 'null' } });
    expect(nullOrigin.status).toBe(403);
    expect(await storedCount()).toBe(before);
  });
});
