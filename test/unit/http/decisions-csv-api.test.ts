import { describe, expect, it } from 'vitest';
import { silentLog } from '#core/ports/log.ts';
import { createApp, MAX_CSV_BODY_BYTES } from '#http/app.ts';
import { roleAuthenticator } from '#test/support/recruiter-world.ts';
import { unitWorld } from '#test/support/unit-world.ts';

const HEADER = 'applicationId,decidedAt,reason,stage,candidate.name,candidate.email,candidate.locale,job.id,job.title';
const row = (n: number, email = `cand-${n}@example.com`) =>
  `app-${n},2026-11-20T10:00:00Z,position-filled,interview,Candidate ${n},${email},en,job-1,Data Engineer`;

function api() {
  const world = unitWorld();
  const app = createApp({
    authenticate: roleAuthenticator,
    log: silentLog,
    recordDecisions: world.recordDecisions,
    getNotice: world.getNotice,
    defaultRecruiterInbox: world.config.defaultRecruiterInbox,
  });
  const post = (body: string, options: { token?: string; query?: string; type?: string } = {}) =>
    app.request(`/decisions${options.query ?? ''}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.token ?? 'recruiter'}`, 'content-type': options.type ?? 'text/csv' },
      body,
    });
  return { world, post };
}

interface Problem {
  status: number;
  detail: string;
  errors: { field: string; message: string; line?: number }[];
}

describe('POST /decisions with a CSV file', () => {
  it('records every row with the same defaults as JSON, each result naming its line', async () => {
    const { post, world } = api();

    const response = await post(`${HEADER}\n${row(1)}\n${row(2)}\n`);

    expect(response.status).toBe(202);
    const { results } = (await response.json()) as { results: { line: number; duplicate: boolean; status: string }[] };
    expect(results.map((r) => [r.line, r.duplicate, r.status])).toEqual([
      [2, false, 'scheduled'],
      [3, false, 'scheduled'],
    ]);
    const [stored] = [...world.decisions.items.values()];
    // source and decision default for a file; feedbackOffered and canEmail as a JSON decision without them.
    expect(stored).toMatchObject({ source: 'manual', decision: 'rejected', feedbackOffered: false, canEmail: true });
    expect(world.notices.items.size).toBe(2);
  });

  it('refuses the whole file naming each bad row by line and column, and records nothing', async () => {
    const { post, world } = api();
    const csv = [HEADER, row(1), row(2, 'not-an-address'), row(3), 'app-4,yesterday,,,,d@example.com,en,job-1,T'].join(
      '\r\n',
    );

    const response = await post(csv);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as Problem;
    expect(problem.detail).toBe('2 of 4 rows cannot be recorded (lines 3, 5); nothing was recorded.');
    expect(problem.errors.map((e) => `${e.line} ${e.field}`).sort()).toEqual([
      '3 candidate.email',
      '5 candidate.name',
      '5 decidedAt',
    ]);
    expect(world.decisions.items.size).toBe(0);
    expect(world.notices.items.size).toBe(0);
  });

  it('reads quoted commas, quoted line breaks and doubled quotes; line numbers follow the file', async () => {
    const { post, world } = api();
    const csv = [
      'applicationId,decidedAt,candidate.name,candidate.email,job.id,job.title,personalNote',
      'app-1,2026-11-20T10:00:00Z,"Lovelace, Ada",ada@example.com,job-1,"Engineer, Data","Thank you.\nIt was ""close""."',
      'app-2,2026-11-20T10:00:00Z,Bad,nope,job-1,Engineer,',
    ].join('\n');

    const refused = (await (await post(csv)).json()) as Problem;
    const accepted = await post(csv.split('\n').slice(0, 3).join('\n'));

    // The first row spans lines 2 and 3: the second row is on line 4.
    expect(refused.errors).toEqual([expect.objectContaining({ line: 4, field: 'candidate.email' })]);
    expect(accepted.status).toBe(202);
    const [stored] = [...world.notices.items.values()];
    expect(stored?.notice).toMatchObject({
      candidate: { name: 'Lovelace, Ada' },
      job: { title: 'Engineer, Data' },
      personalNote: 'Thank you.\nIt was "close".',
    });
  });

  it('reads a file saved with a UTF-8 byte order mark (Excel) and a charset parameter', async () => {
    const { post, world } = api();

    const response = await post(`\uFEFF${HEADER}\n${row(1)}\n`, { type: 'text/csv; charset=utf-8' });

    expect(response.status).toBe(202);
    expect([...world.decisions.items.values()][0]).toMatchObject({ applicationId: 'app-1' });
  });

  it('refuses an unknown column (a typo) and a missing required column on line 1, recording nothing', async () => {
    const { post, world } = api();

    const response = await post(`${HEADER.replace('candidate.locale', 'candidate.language')},extra\n${row(1)},x\n`);
    const missing = await post(
      `${HEADER.replace('candidate.email,', '')}\n${row(1).replace('cand-1@example.com,', '')}`,
    );

    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).errors).toEqual([
      { field: 'candidate.language', line: 1, message: expect.stringContaining('Unknown column') },
      { field: 'extra', line: 1, message: expect.stringContaining('Unknown column') },
    ]);
    expect(((await missing.json()) as Problem).errors).toEqual([
      { field: 'candidate.email', line: 1, message: 'Missing column' },
    ]);
    expect(world.decisions.items.size).toBe(0);
  });

  it('refuses a row with the wrong number of cells, and a second row for the same application', async () => {
    const { post } = api();

    const response = await post([HEADER, row(1), 'app-2,2026-11-20T10:00:00Z', row(1, 'other@example.com')].join('\n'));

    const problem = (await response.json()) as Problem;
    expect(problem.errors).toEqual([
      { line: 3, field: '(row)', message: 'The row has 2 cells; the header has 9' },
      { line: 4, field: 'applicationId', message: 'The same application as line 2' },
    ]);
  });

  it('takes booleans as true/false or yes/no and names any other value', async () => {
    const { post, world } = api();

    const bad = await post(`${HEADER},feedbackOffered\n${row(1)},maybe\n`);
    const good = await post(`${HEADER},feedbackOffered,canEmail\n${row(1)},yes,FALSE\n`);

    expect(((await bad.json()) as Problem).errors).toEqual([
      expect.objectContaining({ line: 2, field: 'feedbackOffered' }),
    ]);
    expect(good.status).toBe(202);
    expect([...world.decisions.items.values()][0]).toMatchObject({ feedbackOffered: true, canEmail: false });
  });

  it('answers a file posted again with 200 and the same notices: nothing is planned twice', async () => {
    const { post, world } = api();
    const csv = `${HEADER}\n${row(1)}\n${row(2)}\n`;

    const first = (await (await post(csv)).json()) as { results: { noticeId: string }[] };
    const again = await post(csv);

    expect(again.status).toBe(200);
    const second = (await again.json()) as { results: { noticeId: string; duplicate: boolean }[] };
    expect(second.results.map((r) => r.noticeId)).toEqual(first.results.map((r) => r.noticeId));
    expect(second.results.every((r) => r.duplicate)).toBe(true);
    expect(world.notices.items.size).toBe(2);
  });

  it('records 5,000 rows in one request, and the same file again plans nothing new', async () => {
    const { post, world } = api();
    const csv = [HEADER, ...Array.from({ length: 5_000 }, (_, i) => row(i))].join('\n');

    const first = await post(csv);
    const again = await post(csv);

    expect([first.status, again.status]).toEqual([202, 200]);
    const { results } = (await again.json()) as { results: { duplicate: boolean; line: number }[] };
    expect(results.filter((r) => r.duplicate)).toHaveLength(5_000);
    expect(results.at(-1)?.line).toBe(5_001);
    expect(world.notices.items.size).toBe(5_000);
  });

  it('with dryRun=true answers every row as it reads, with its errors, and records nothing', async () => {
    const { post, world } = api();

    const response = await post(`${HEADER}\n${row(1)}\n${row(2, 'nope')}\n`, { query: '?dryRun=true' });

    expect(response.status).toBe(200);
    const preview = (await response.json()) as {
      valid: boolean;
      rows: { line: number; decision?: { candidate: { email: string } }; errors: { field: string }[] }[];
    };
    expect(preview.valid).toBe(false);
    expect(preview.rows.map((r) => [r.line, r.decision?.candidate.email, r.errors.map((e) => e.field)])).toEqual([
      [2, 'cand-1@example.com', []],
      [3, undefined, ['candidate.email']],
    ]);
    expect(world.decisions.items.size).toBe(0);
  });

  it('refuses dryRun for a JSON body, a file with no rows, unreadable quoting, and other media types', async () => {
    const { post } = api();

    const json = await post('{}', { query: '?dryRun=true', type: 'application/json' });
    const empty = await post(`${HEADER}\n`);
    const broken = await post(`${HEADER}\napp-1,"unclosed\n`);
    const xml = await post('<decisions/>', { type: 'application/xml' });

    expect([json.status, empty.status, broken.status, xml.status]).toEqual([400, 400, 400, 415]);
    expect(((await broken.json()) as Problem).errors[0]?.field).toBe('(file)');
  });

  it('lets recruiters and admins post a file; a viewer gets 403 and no token 401', async () => {
    const { post } = api();
    const csv = `${HEADER}\n${row(1)}\n`;

    const statuses = [];
    for (const token of ['admin', 'recruiter', 'viewer', 'nobody']) statuses.push((await post(csv, { token })).status);

    expect(statuses).toEqual([202, 200, 403, 401]);
  });

  it(`refuses a file over ${MAX_CSV_BODY_BYTES} bytes with 413 and one of more than 5,000 rows with 413`, async () => {
    const { post } = api();
    const rows = Array.from({ length: 5_001 }, (_, i) => row(i));

    const large = await post(`${HEADER}\n${'x'.repeat(MAX_CSV_BODY_BYTES)}`);
    const many = await post([HEADER, ...rows].join('\n'));

    expect([large.status, many.status]).toEqual([413, 413]);
  });
});
