import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  InternalErrorException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CognitoCallerEmails } from '#adapters/cognito/cognito-caller-emails.ts';
import { DynamoDbNoticeListing } from '#adapters/dynamodb/dynamodb-notice-listing.ts';
import { silentLog } from '#core/ports/log.ts';
import { makeFindNotices } from '#core/use-cases/find-notices.ts';
import { makeGetNotice } from '#core/use-cases/get-notice.ts';
import { createApp } from '#http/app.ts';
import { cognitoClaimsAuthenticator } from '#http/cognito-authenticator.ts';
import { aDecision } from '#test/support/builders.ts';
import { testTable } from '#test/support/dynamodb-test-table.ts';
import { integrationWorld } from '#test/support/integration-world.ts';

// The pool signs in by email alias, so access tokens name a generated user name; Cognito has no local emulator:
// aws-sdk-client-mock stands in for the service behind the real adapter and SDK client.
const cognito = mockClient(CognitoIdentityProviderClient);
afterEach(() => cognito.reset());

const JANE = '7d0c6f3e-jane';
const NO_ADDRESS = '9a41b2c0-noaddress';
const jane = { name: 'Jane Roe', email: 'Jane@Acme.example' };
const bob = { name: 'Bob Poe', email: 'bob@acme.example' };

let call: (path: string, username: string) => Promise<Response>;
let ids: Record<string, string>;

/** The pool as the adapter sees it: Jane has an address, the other user none; `down` makes every lookup fail. */
function pool(down = false): void {
  if (down) {
    cognito.on(AdminGetUserCommand).rejects(new InternalErrorException({ message: 'Internal error', $metadata: {} }));
    return;
  }
  cognito
    .on(AdminGetUserCommand, { Username: JANE })
    .resolves({ Username: JANE, UserAttributes: [{ Name: 'email', Value: jane.email }] })
    .on(AdminGetUserCommand, { Username: NO_ADDRESS })
    .resolves({ Username: NO_ADDRESS, UserAttributes: [{ Name: 'sub', Value: 'sub-x' }] });
}

beforeAll(async () => {
  const table = await testTable();
  const w = integrationWorld(table, { now: '2026-11-20T10:00:00Z' });
  const results = await w.useCases.recordDecisions([
    aDecision({ applicationId: 'app-a', decidedAt: '2026-11-01T09:00:00Z', recruiter: jane }),
    aDecision({ applicationId: 'app-b', decidedAt: '2026-11-02T09:00:00Z', recruiter: bob }),
    aDecision({ applicationId: 'app-c', decidedAt: '2026-11-03T09:00:00Z', recruiter: jane }),
  ]);
  ids = Object.fromEntries(results.map((r, i) => [String.fromCharCode(97 + i), r.noticeId ?? '']));
  const defaultInbox = w.config.defaultRecruiterInbox;
  const callerEmails = new CognitoCallerEmails(new CognitoIdentityProviderClient({ region: 'eu-west-1' }), 'pool-1');
  const app = createApp({
    authenticate: cognitoClaimsAuthenticator,
    callerEmails,
    log: silentLog,
    recordDecisions: w.useCases.recordDecisions,
    getNotice: makeGetNotice(w.ports),
    defaultRecruiterInbox: defaultInbox,
    noticeList: {
      findNotices: makeFindNotices({
        listing: new DynamoDbNoticeListing(table.documents, table.tableName),
        clock: w.clock,
        defaultInbox,
        retentionDays: w.config.retentionDays,
      }),
      clock: w.clock,
      callerEmails,
    },
  });
  // As API Gateway's JWT authorizer hands over a verified access token's claims: no `email`, a generated username.
  call = async (path, username) =>
    app.request(
      path,
      { headers: { authorization: 'Bearer verified-by-the-gateway' } },
      {
        event: {
          requestContext: {
            authorizer: { jwt: { claims: { sub: `sub-${username}`, username, 'cognito:groups': '[recruiter]' } } },
          },
        },
      },
    );
});

const letters = (body: unknown) =>
  (body as { items: { id: string }[] }).items
    .map((item) => Object.entries(ids).find(([, id]) => id === item.id)?.[0] ?? '?')
    .join('');

describe('recruiter=me and GET /me for a Cognito access token that carries no email', () => {
  it("lists the notices the caller owns, by the address the user pool has for the token's username", async () => {
    pool();
    const response = await call('/notices?recruiter=me', JANE);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(letters(await response.json())).toBe('ca');

    const counts = await call('/notices/counts?recruiter=me', JANE);
    expect(((await counts.json()) as { total: number }).total).toBe(2);

    const me = await call('/me', JANE);
    expect(await me.json()).toEqual({ subject: `sub-${JANE}`, roles: ['recruiter'], email: 'jane@acme.example' });
  });

  it('asks the user pool only when the request needs the address', async () => {
    pool();
    const everyone = await call('/notices', JANE);
    expect(letters(await everyone.json())).toBe('cba');
    expect(await (await call('/notices?recruiter=bob@acme.example', JANE)).json()).toMatchObject({ items: [{}] });
    expect(cognito.commandCalls(AdminGetUserCommand)).toHaveLength(0);
  });

  it('answers a clear 400 when the user pool has no address for the caller, and /me says none', async () => {
    pool();
    const response = await call('/notices?recruiter=me', NO_ADDRESS);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { detail: string; errors: { field: string }[] };
    expect(problem.errors[0]?.field).toBe('recruiter');
    expect(problem.detail).toContain('"me"');

    expect(await (await call('/me', NO_ADDRESS)).json()).toEqual({
      subject: `sub-${NO_ADDRESS}`,
      roles: ['recruiter'],
    });
  });

  it('fails closed with 503 when the user pool cannot be asked; /me still answers, saying the address is unavailable', async () => {
    pool(true);
    const response = await call('/notices?recruiter=me', JANE);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      type: 'https://closeloop.dev/problems/upstream-unavailable',
      status: 503,
    });

    const me = await call('/me', JANE);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ subject: `sub-${JANE}`, roles: ['recruiter'], emailUnavailable: true });
  });
});
