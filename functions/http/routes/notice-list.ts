import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { definedFields } from '#core/domain/optional.ts';
import type { CallerEmails } from '#core/ports/caller-emails.ts';
import type { Clock } from '#core/ports/clock.ts';
import type { FindNotices, FindNoticesRequest } from '#core/use-cases/find-notices.ts';
import { type AuthEnv, type Principal, requireRole } from '../auth.ts';
import { callerEmailOf } from '../caller-email.ts';
import { csvDocument, csvHeaders, wantsCsv } from '../csv.ts';
import {
  NOTICE_CSV_HEADER,
  NoticeCountsQuery,
  NoticeCountsView,
  NoticeListQuery,
  NoticeListView,
  noticeCsvRow,
  statusesOf,
  toNoticeSummary,
} from '../schemas/notice-list.ts';
import { authProblems, problemResponse } from '../schemas/problem.ts';

export interface NoticeListDeps {
  readonly findNotices: FindNotices;
  readonly clock: Clock;
  /** The address of a caller whose token names only a user name, for `recruiter=me` (Cognito's access tokens). */
  readonly callerEmails?: CallerEmails;
}

const listRoute = createRoute({
  method: 'get',
  path: '/notices',
  tags: ['Notices'],
  summary: 'Find notices: by status, owner, text, job and decision time, newest decision first',
  description:
    "Every notice, whatever became of it, newest decision first, a page at a time. The filters combine. A page reads at most 2,000 index entries: a rare match (a name in `q`) can come back with fewer items than `limit` and a `nextCursor` to read on. With `Accept: text/csv` or `format=csv`, the whole view (every page, at most 10,000 rows, newest first; `Closeloop-Export-Truncated: true` when there were more) as a CSV download with a header row; cells a spreadsheet would run as a formula are prefixed with `'`. Any role.",
  security: [{ bearer: [] }],
  request: { query: NoticeListQuery },
  responses: {
    200: {
      description: 'A page of notices, or the whole view as CSV',
      content: {
        'application/json': { schema: NoticeListView },
        'text/csv': { schema: z.string().openapi({ description: 'A header row, then one notice per row' }) },
      },
    },
    400: problemResponse(
      'Unknown status, bad date, a range that ends before it starts, limit out of range, `me` for a caller with no email, or a cursor this list did not hand out',
    ),
    ...authProblems,
    503: problemResponse("`me`, and the user pool could not be asked for the caller's address"),
  },
});

const countsRoute = createRoute({
  method: 'get',
  path: '/notices/counts',
  tags: ['Notices'],
  summary: 'How many notices are in each status, with the same filters as GET /notices',
  description:
    'The status chips of a view: every status with its count (0 included) and the total, for the filters of `GET /notices` other than `status`. It counts every matching notice, so it reads them all: narrow it by `decidedFrom`/`decidedTo` on a large table. Any role.',
  security: [{ bearer: [] }],
  request: { query: NoticeCountsQuery },
  responses: {
    200: { description: 'Counts per status', content: { 'application/json': { schema: NoticeCountsView } } },
    400: problemResponse('Bad date, a range that ends before it starts, or `me` for a caller with no email'),
    ...authProblems,
    503: problemResponse("`me`, and the user pool could not be asked for the caller's address"),
  },
});

/** `GET /notices` (and its CSV) and `GET /notices/counts`; registered before `/notices/{id}`, which would take `counts`. */
export function registerNoticeListRoutes(app: OpenAPIHono<AuthEnv>, deps: NoticeListDeps, defaultInbox: string): void {
  app.openapi(countsRoute, async (c) => {
    const principal = requireRole(c, 'viewer', 'recruiter', 'admin');
    const query = c.req.valid('query');
    return c.json(await deps.findNotices.count(requestOf(query, await emailFor(query, principal, deps))), 200);
  });

  app.openapi(listRoute, async (c) => {
    const principal = requireRole(c, 'viewer', 'recruiter', 'admin');
    const query = c.req.valid('query');
    const request = {
      ...requestOf(query, await emailFor(query, principal, deps)),
      ...definedFields({ statuses: statusesOf(query.status) }),
    };
    if (wantsCsv(query.format, c.req.header('accept'))) {
      const view = await deps.findNotices.exportAll(request);
      const rows = view.notices.map((notice) => noticeCsvRow(toNoticeSummary(notice, defaultInbox)));
      const headers = {
        ...csvHeaders('notices', deps.clock.now()),
        'closeloop-export-truncated': String(view.truncated),
      };
      return c.body(csvDocument(NOTICE_CSV_HEADER, rows), 200, headers);
    }
    const page = await deps.findNotices.page(request, {
      limit: query.limit,
      ...definedFields({ cursor: query.cursor }),
    });
    return c.json(
      {
        items: page.notices.map((notice) => toNoticeSummary(notice, defaultInbox)),
        ...definedFields({ nextCursor: page.nextCursor }),
      },
      200,
    );
  });
}

/** The caller's address, looked up only when the query says `recruiter=me`: other views need none. */
async function emailFor(
  query: z.infer<typeof NoticeCountsQuery>,
  principal: Principal,
  deps: NoticeListDeps,
): Promise<string | undefined> {
  if (query.recruiter?.trim().toLowerCase() !== 'me') return principal.email;
  return callerEmailOf(principal, deps.callerEmails);
}

function requestOf(query: z.infer<typeof NoticeCountsQuery>, callerEmail: string | undefined): FindNoticesRequest {
  return definedFields({
    q: query.q,
    recruiter: query.recruiter,
    callerEmail,
    job: query.job,
    decidedFrom: query.decidedFrom,
    decidedTo: query.decidedTo,
  });
}
