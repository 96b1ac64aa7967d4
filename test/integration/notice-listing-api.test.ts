import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbNoticeListing } from '#adapters/dynamodb/dynamodb-notice-listing.ts';
import type { NoticeStatus } from '#core/domain/notice.ts';
import { silentLog } from '#core/ports/log.ts';
import { makeFindNotices } from '#core/use-cases/find-notices.ts';
import { makeGetNotice } from '#core/use-cases/get-notice.ts';
import { createApp } from '#http/app.ts';
import type { Authenticator, Role } from '#http/auth.ts';
import { aDecision } from '#test/support/builders.ts';
import { testTable } from '#test/support/dynamodb-test-table.ts';
import { integrationWorld } from '#test/support/integration-world.ts';

/** Tokens by role; the recruiter signs in as jane@acme.example, the viewer with no address. */
const callers: Authenticator = (c) => {
  const token = /^Bearer (\w+)$/.exec(c.req.header('authorization') ?? '')?.[1];
  const roles: Record<string, Role[]> = { recruiter: ['recruiter'], viewer: ['viewer'], admin: ['admin'] };
  if (token === undefined || roles[token] === undefined) return undefined;
  return {
    subject: `${token}-1`,
    roles: roles[token],
    ...(token === 'recruiter' ? { email: 'jane@acme.example' } : {}),
  };
};

const jane = { name: 'Jane Roe', email: 'Jane@Acme.example' };
const bob = { name: 'Bob Poe', email: 'bob@acme.example' };
/** Five rejections, a day apart, in November: the listing's newest first is e, d, c, b, a. */
const decisions = [
  aDecision({ applicationId: 'app-a', decidedAt: '2026-11-01T09:00:00Z', recruiter: jane }),
  aDecision({
    applicationId: 'app-b',
    decidedAt: '2026-11-02T09:00:00Z',
    recruiter: jane,
    candidate: { name: 'Grace Hopper', email: 'grace@example.com' },
    job: { id: 'job-2', title: 'Compiler Writer' },
  }),
  aDecision({
    applicationId: 'app-c',
    decidedAt: '2026-11-03T09:00:00Z',
    candidate: { name: 'Alan Turing', email: 'alan@example.com' },
  }),
  aDecision({
    applicationId: 'app-d',
    decidedAt: '2026-11-04T09:00:00Z',
    recruiter: bob,
    // A name a spreadsheet would run as a formula, and a title with a comma.
    candidate: { name: '=HYPERLINK("http://evil.example","click")', email: 'mallory@example.com' },
    job: { id: 'job-3', title: 'Data, Science' },
  }),
  aDecision({
    applicationId: 'app-e',
    decidedAt: '2026-11-05T09:00:00Z',
    recruiter: bob,
    candidate: { name: 'Katherine Johnson', email: 'katherine@example.com' },
    job: { id: 'job-2', title: 'Compiler Writer' },
  }),
];

let call: (path: string, token?: string, headers?: Record<string, string>) => Promise<Response>;
let ids: Record<string, string>;
let defaultInbox: string;
let table: Awaited<ReturnType<typeof testTable>>;

beforeAll(async () => {
  table = await testTable();
  const w = integrationWorld(table, { now: '2026-11-20T10:00:00Z' });
  defaultInbox = w.config.defaultRecruiterInbox;
  const results = await w.useCases.recordDecisions(decisions);
  ids = Object.fromEntries(results.map((r, i) => [String.fromCharCode(97 + i), r.noticeId ?? '']));
  const move = async (id: string, to: NoticeStatus) => {
    const moved = await w.ports.notices.transition(id, {
      from: ['scheduled'],
      to,
      event: { at: '2026-11-20T10:05:00.000Z', event: 'test' },
      dueAt: null,
    });
    if (moved === undefined) throw new Error(`could not move ${id} to ${to}`);
  };
  await move(ids.b ?? '', 'bounced');
  await move(ids.d ?? '', 'cancelled');
  await move(ids.e ?? '', 'sent');
  const app = createApp({
    authenticate: callers,
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
    },
  });
  call = async (path, token = 'viewer', headers = {}) =>
    app.request(path, { headers: { ...(token === '' ? {} : { authorization: `Bearer ${token}` }), ...headers } });
});

/** The notices a listing answered, by their letter. */
async function letters(path: string, token?: string): Promise<string> {
  const response = await call(path, token);
  expect(response.status, await response.clone().text()).toBe(200);
  const body = (await response.json()) as { items: { id: string }[] };
  return body.items.map((item) => Object.entries(ids).find(([, id]) => id === item.id)?.[0] ?? '?').join('');
}

describe('GET /notices', () => {
  it('lists every notice newest decision first, each with the candidate, job, owner, status and template', async () => {
    expect(await letters('/notices')).toBe('edcba');
    const body = (await (await call('/notices?limit=5')).json()) as { items: Record<string, unknown>[] };
    expect(body.items[1]).toEqual({
      id: ids.d,
      candidateId: expect.stringMatching(/^c_/),
      source: 'manual',
      applicationId: 'app-d',
      candidate: { name: '=HYPERLINK("http://evil.example","click")', email: 'mallory@example.com' },
      job: { id: 'job-3', title: 'Data, Science' },
      owner: { name: 'Bob Poe', email: 'bob@acme.example', source: 'ats' },
      status: 'cancelled',
      statusAt: '2026-11-20T10:05:00.000Z',
      decidedAt: '2026-11-04T09:00:00.000Z',
      createdAt: '2026-11-20T10:00:00.000Z',
      templateId: expect.any(String),
      locale: 'en',
      attempts: 0,
    });
    // Alan's decision named no inbox: the default inbox owns him.
    expect(body.items[2]).toMatchObject({ owner: { email: defaultInbox, source: 'default' } });
  });

  it('filters by one status, by several comma-separated or repeated, and keeps exact statuses that share a partition', async () => {
    expect(await letters('/notices?status=bounced')).toBe('b');
    expect(await letters('/notices?status=bounced,cancelled')).toBe('db');
    expect(await letters('/notices?status=bounced&status=cancelled')).toBe('db');
    // scheduled and sent share the index partition of notices on their way: each filter keeps its own.
    expect(await letters('/notices?status=scheduled')).toBe('ca');
    expect(await letters('/notices?status=sent')).toBe('e');
    expect(await letters('/notices?status=delivered')).toBe('');
  });

  it('refuses an unknown status, naming it', async () => {
    const response = await call('/notices?status=bounced,lost');
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors[0]?.field).toBe('status');
    expect(problem.errors[0]?.message).toContain('"lost"');
  });

  it('finds by text in any case: name, email, application id and job title', async () => {
    expect(await letters('/notices?q=LOVELACE')).toBe('a');
    expect(await letters('/notices?q=grace%40')).toBe('b');
    expect(await letters('/notices?q=app-c')).toBe('c');
    expect(await letters('/notices?q=compiler')).toBe('eb');
    expect(await letters('/notices?q=nobody-by-that-name')).toBe('');
  });

  it("filters by the owner's inbox in any case, by `me`, and by the default inbox for decisions that named none", async () => {
    expect(await letters('/notices?recruiter=JANE@acme.example')).toBe('ba');
    expect(await letters('/notices?recruiter=me', 'recruiter')).toBe('ba');
    expect(await letters('/notices?recruiter=bob@acme.example')).toBe('ed');
    expect(await letters(`/notices?recruiter=${encodeURIComponent(defaultInbox)}`)).toBe('c');
    // The viewer's sign-in carries no address: `me` names no inbox.
    const response = await call('/notices?recruiter=me', 'viewer');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('recruiter');
  });

  it('filters by job title in any case or by job id, and by the decided range, days or instants, inclusive', async () => {
    expect(await letters('/notices?job=analytical%20engineer')).toBe('ca');
    expect(await letters('/notices?job=job-2')).toBe('eb');
    expect(await letters('/notices?decidedFrom=2026-11-02&decidedTo=2026-11-04')).toBe('dcb');
    expect(await letters('/notices?decidedFrom=2026-11-03T09:00:00Z&decidedTo=2026-11-03T10:00:00%2B01:00')).toBe('c');
    expect(await letters('/notices?decidedFrom=2026-11-03T09:00:00.001Z&decidedTo=2026-11-05')).toBe('ed');
  });

  it('combines the filters', async () => {
    expect(await letters('/notices?recruiter=bob@acme.example&status=cancelled')).toBe('d');
    expect(await letters('/notices?recruiter=bob@acme.example&status=sent,scheduled')).toBe('e');
    expect(await letters('/notices?job=job-2&q=grace&status=bounced')).toBe('b');
    expect(await letters('/notices?recruiter=me&decidedTo=2026-11-01', 'recruiter')).toBe('a');
  });

  it('pages with an opaque cursor, on every index, with no notice twice and none left out', async () => {
    for (const [filter, expected] of [
      ['', 'edcba'],
      ['&status=scheduled,bounced,cancelled,sent', 'edcba'],
      ['&recruiter=bob@acme.example', 'ed'],
      ['&q=example.com', 'edcba'],
    ] as const) {
      let seen = '';
      let cursor: string | undefined;
      let pages = 0;
      do {
        const response = await call(`/notices?limit=2${filter}${cursor === undefined ? '' : `&cursor=${cursor}`}`);
        const body = (await response.json()) as { items: { id: string }[]; nextCursor?: string };
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen += body.items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0]).join('');
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor !== undefined);
      expect(seen, filter).toBe(expected);
      expect(pages).toBeGreaterThan(expected.length / 2);
    }
  });

  it('refuses a tampered cursor, a bad date, a range that ends before it starts and a limit out of range', async () => {
    const first = (await (await call('/notices?limit=1')).json()) as { nextCursor: string };
    const decoded = JSON.parse(Buffer.from(first.nextCursor, 'base64url').toString('utf8')) as { at: string };
    const tampered = Buffer.from(JSON.stringify({ at: decoded.at, pk: 'x' })).toString('base64url');
    for (const path of [
      `/notices?cursor=${tampered}`,
      `/notices?cursor=${Buffer.from(JSON.stringify({ at: 'NOTICE#x' })).toString('base64url')}`,
      '/notices?cursor=not-a-cursor',
      '/notices?decidedFrom=yesterday',
      '/notices?decidedFrom=2026-11-31',
      '/notices?decidedFrom=2026-11-05&decidedTo=2026-11-01',
      '/notices?limit=0',
      '/notices?limit=201',
      '/notices/counts?decidedFrom=2026-11-05&decidedTo=2026-11-01',
    ]) {
      const response = await call(path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('answers any role and refuses a caller without credentials', async () => {
    for (const token of ['viewer', 'recruiter', 'admin']) {
      expect((await call('/notices', token)).status).toBe(200);
      expect((await call('/notices/counts', token)).status).toBe(200);
    }
    expect((await call('/notices', '')).status).toBe(401);
    expect((await call('/notices/counts', '')).status).toBe(401);
    expect((await call('/notices?format=csv', '')).status).toBe(401);
  });
});

describe('GET /notices/counts', () => {
  it('counts every status, zeros included, for the same filters', async () => {
    const all = (await (await call('/notices/counts')).json()) as { counts: Record<string, number>; total: number };
    expect(all.total).toBe(5);
    expect(all.counts).toMatchObject({ scheduled: 2, bounced: 1, cancelled: 1, sent: 1, delivered: 0, failed: 0 });
    expect(Object.keys(all.counts).sort()).toEqual([
      'bounced',
      'cancelled',
      'complained',
      'deferred',
      'delivered',
      'failed',
      'scheduled',
      'sending',
      'sent',
      'suppressed',
    ]);
    const bobs = (await (await call('/notices/counts?recruiter=bob@acme.example')).json()) as {
      counts: Record<string, number>;
      total: number;
    };
    expect(bobs).toMatchObject({ total: 2, counts: { cancelled: 1, sent: 1, scheduled: 0 } });
    const found = (await (await call('/notices/counts?q=compiler&decidedTo=2026-11-03')).json()) as { total: number };
    expect(found.total).toBe(1);
    const range = (await (await call('/notices/counts?decidedFrom=2026-11-03')).json()) as {
      counts: Record<string, number>;
      total: number;
    };
    expect(range).toMatchObject({ total: 3, counts: { scheduled: 1, cancelled: 1, sent: 1 } });
  });
});

describe('GET /notices as CSV', () => {
  it('downloads the whole filtered view with a header row, quoting commas and defusing formulas', async () => {
    const response = await call('/notices?status=cancelled,bounced', 'viewer', { accept: 'text/csv' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="notices-2026-11-20.csv"');
    expect(response.headers.get('closeloop-export-truncated')).toBe('false');
    const bytes = Buffer.from(await response.arrayBuffer());
    // A UTF-8 byte order mark first, so a spreadsheet reads the names as UTF-8 (text() would drop it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('id,status,statusAt,decidedAt,createdAt,candidateName,candidateEmail,')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`${ids.d},cancelled,`);
    // The formula is shown as text (a leading '), its quotes doubled inside a quoted cell; the comma stays in its cell.
    expect(lines[1]).toContain(
      `"'=HYPERLINK(""http://evil.example"",""click"")",mallory@example.com,app-d,manual,job-3,"Data, Science",`,
    );
    expect(lines[2]).toContain(`${ids.b},bounced,`);
  });

  it('takes format=csv as Accept does, every page of the view', async () => {
    const response = await call('/notices?format=csv&limit=1');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
    const rows = (await response.text()).trimEnd().split('\r\n').slice(1);
    expect(rows.map((row) => row.split(',')[0])).toEqual([ids.e, ids.d, ids.c, ids.b, ids.a]);
  });
});

describe('the listing reads indexes, never the table', () => {
  /** The listing on a client that records each call: its command, and the index a Query read. */
  function recorded() {
    const calls: string[] = [];
    const client: DynamoDBDocumentClient = Object.create(table.documents);
    client.send = (async (command: unknown) => {
      const name = (command as { constructor: { name: string } }).constructor.name;
      calls.push(command instanceof QueryCommand ? `Query ${command.input.IndexName}` : name);
      return table.documents.send(command as QueryCommand);
    }) as DynamoDBDocumentClient['send'];
    const listing = new DynamoDbNoticeListing(client, table.tableName);
    return { calls, listing };
  }
  const query = (filter: Parameters<DynamoDbNoticeListing['page']>[0]['filter']) => ({
    filter,
    defaultInbox,
    window: { oldest: '2025-01-01T00:00:00.000Z', newest: '2026-12-31T00:00:00.000Z' },
  });

  it('reads a status from byStatus, an owner from byOwner, and the items by BatchGetItem', async () => {
    const byStatus = recorded();
    await byStatus.listing.page(query({ statuses: ['bounced', 'cancelled'] }), { limit: 10 });
    expect(new Set(byStatus.calls)).toEqual(new Set(['Query byStatus', 'BatchGetCommand']));

    const byOwner = recorded();
    await byOwner.listing.page(query({ owner: { email: defaultInbox, includesDefault: true } }), { limit: 10 });
    expect(new Set(byOwner.calls)).toEqual(new Set(['Query byOwner', 'BatchGetCommand']));

    // A crowded status with an owner: the owner's partition is the narrower read.
    const both = recorded();
    await both.listing.page(
      query({ statuses: ['delivered'], owner: { email: 'bob@acme.example', includesDefault: false } }),
      {
        limit: 10,
      },
    );
    expect(new Set(both.calls)).toEqual(new Set(['Query byOwner', 'BatchGetCommand']));

    const byText = recorded();
    await byText.listing.page(query({ text: 'lovelace' }), { limit: 10 });
    expect(new Set(byText.calls)).toEqual(new Set(['Query byPeriod', 'BatchGetCommand']));
  });
});
