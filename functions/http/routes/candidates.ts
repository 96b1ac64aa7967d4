import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { isUnanswered } from '#core/domain/candidate-flag.ts';
import { definedFields } from '#core/domain/optional.ts';
import type { EraseCandidate } from '#core/use-cases/erase-candidate.ts';
import { EXPORT_ROW_CAP } from '#core/use-cases/find-notices.ts';
import type { GetCandidateTimeline } from '#core/use-cases/get-candidate-timeline.ts';
import type { ListFlaggedCandidates } from '#core/use-cases/list-flagged-candidates.ts';
import { type AuthEnv, requireRole } from '../auth.ts';
import { type CsvValue, csvDocument, csvHeaders, wantsCsv } from '../csv.ts';
import {
  CandidateIdParam,
  CandidateListQuery,
  CandidateListView,
  CandidateTimelineView,
  ErasureView,
  TimelineQuery,
  toCandidateListView,
  toCandidateTimelineView,
  toErasureView,
} from '../schemas/candidate.ts';
import { authProblems, problemResponse } from '../schemas/problem.ts';

export interface CandidateDeps {
  readonly listFlaggedCandidates: ListFlaggedCandidates;
  readonly getCandidateTimeline: GetCandidateTimeline;
  readonly eraseCandidate: EraseCandidate;
}

const listRoute = createRoute({
  method: 'get',
  path: '/candidates',
  tags: ['Candidates'],
  summary: 'Flagged candidates, newest first, with counts per flag',
  description:
    "One flag's list (raised or confirmed; a dismissed flag leaves it), newest raise first, a page at a time. Filter by job id and by when the flag was last raised; `counts` gives every flag's total with the same filter. With `Accept: text/csv` or `format=csv`, the whole list (every page, at most 10,000 rows) as a CSV download with a header row; cells a spreadsheet would run as a formula are prefixed with `'`. Any role.",
  security: [{ bearer: [] }],
  request: { query: CandidateListQuery },
  responses: {
    200: {
      description: 'A page of the list, or the whole list as CSV',
      content: {
        'application/json': { schema: CandidateListView },
        'text/csv': { schema: z.string().openapi({ description: 'A header row, then one flagged candidate per row' }) },
      },
    },
    400: problemResponse('Unknown flag, bad date, limit out of range, or a cursor this list did not hand out'),
    ...authProblems,
  },
});

const timelineRoute = createRoute({
  method: 'get',
  path: '/candidates/{id}',
  tags: ['Candidates'],
  summary: "A candidate's timeline: decisions, notices with the email as sent, replies, flags",
  description:
    'Everything held about one candidate, a page at a time: the newest `limit` entries first (default 10, at most 50), oldest first within the page, and `nextCursor` for the older ones. Each decision; each notice with its status history and its email rendered from the recorded template, locale and values; each reply with what the candidate wrote, its sentiment, hostility, evidence and intents; and the flags with their audit trail. Any role.',
  security: [{ bearer: [] }],
  request: { params: CandidateIdParam, query: TimelineQuery },
  responses: {
    200: {
      description: 'One page of the timeline',
      content: { 'application/json': { schema: CandidateTimelineView } },
    },
    400: problemResponse('Malformed id, limit out of range, or a cursor this timeline did not hand out'),
    ...authProblems,
    404: problemResponse('No such candidate'),
    410: problemResponse("The candidate's data was erased"),
  },
});

const eraseRoute = createRoute({
  method: 'delete',
  path: '/candidates/{id}',
  tags: ['Candidates'],
  summary: 'Erase everything held about a candidate (right to erasure)',
  description:
    "Deletes the candidate's decisions, notices, replies (and the raw messages) and flags, and puts every address of theirs on the suppression list with reason `erased` (a digest only), so a later decision is recorded but never emailed. Idempotent: a repeat finishes an interrupted erasure and removes anything recorded since. While a notice to the candidate is being sent the answer is 202 with `Retry-After`: the erasure completes on a repeat once that send is over. Answers what was deleted and a receipt kept without personal data. Needs the `admin` role.",
  security: [{ bearer: [] }],
  request: { params: CandidateIdParam },
  responses: {
    200: { description: 'Erased', content: { 'application/json': { schema: ErasureView } } },
    202: {
      description:
        'Not finished: a notice to the candidate was being sent (its lease had not run out), so an email may still go out. Everything else is erased and the address suppressed; repeat the request after `Retry-After` (also `receipt.retryAfter`) to finish.',
      headers: z.object({
        'Retry-After': z.string().openapi({ description: 'An HTTP-date: when the send under way is over' }),
      }),
      content: { 'application/json': { schema: ErasureView } },
    },
    400: problemResponse('Malformed id'),
    ...authProblems,
    404: problemResponse('No such candidate, and none was erased'),
  },
});

/** The recruiter views of candidates (any role) and their erasure (admins). */
export function registerCandidateRoutes(app: OpenAPIHono<AuthEnv>, deps: CandidateDeps, defaultInbox: string): void {
  app.openapi(listRoute, async (c) => {
    requireRole(c, 'viewer', 'recruiter', 'admin');
    const query = c.req.valid('query');
    if (wantsCsv(query.format, c.req.header('accept'))) {
      const { rows, truncated } = await flaggedCsvRows(deps.listFlaggedCandidates, query);
      const headers = { ...csvHeaders(`flagged-${query.flag}`), 'closeloop-export-truncated': String(truncated) };
      return c.body(csvDocument(FLAGGED_CSV_HEADER, rows), 200, headers);
    }
    const page = await deps.listFlaggedCandidates({
      flag: query.flag,
      limit: query.limit,
      ...definedFields({ job: query.job, from: query.from, to: query.to, cursor: query.cursor }),
    });
    return c.json(toCandidateListView(page), 200);
  });

  app.openapi(timelineRoute, async (c) => {
    requireRole(c, 'viewer', 'recruiter', 'admin');
    const { cursor, limit } = c.req.valid('query');
    const timeline = await deps.getCandidateTimeline(c.req.valid('param').id, { limit, ...definedFields({ cursor }) });
    return c.json(toCandidateTimelineView(timeline, defaultInbox), 200);
  });

  app.openapi(eraseRoute, async (c) => {
    const principal = requireRole(c, 'admin');
    const result = await deps.eraseCandidate({ candidateId: c.req.valid('param').id, by: principal.subject });
    const retryAfter = result.receipt.status === 'in-progress' ? result.receipt.retryAfter : undefined;
    if (retryAfter !== undefined) {
      c.header('Retry-After', new Date(retryAfter).toUTCString());
      return c.json(toErasureView(result), 202);
    }
    return c.json(toErasureView(result), 200);
  });
}

const FLAGGED_CSV_HEADER = [
  'candidateId',
  'name',
  'jobId',
  'jobTitle',
  'flag',
  'status',
  'raisedAt',
  'updatedAt',
  'reason',
  'unanswered',
  'noticeId',
  'email',
  'replyText',
] as const;
const CSV_PAGE = 100;

/** Every page of one flag's list, as CSV rows, up to the export cap. */
async function flaggedCsvRows(
  list: ListFlaggedCandidates,
  query: z.infer<typeof CandidateListQuery>,
): Promise<{ rows: CsvValue[][]; truncated: boolean }> {
  const rows: CsvValue[][] = [];
  let cursor: string | undefined;
  do {
    const page = await list({
      flag: query.flag,
      limit: CSV_PAGE,
      ...definedFields({ job: query.job, from: query.from, to: query.to, cursor }),
    });
    for (const item of page.items) {
      rows.push([
        item.candidateId,
        item.name,
        item.job?.id,
        item.job?.title,
        item.flag.flag,
        item.flag.status,
        item.flag.raisedAt,
        item.flag.updatedAt,
        item.flag.reason,
        isUnanswered(item.flag),
        item.flag.noticeId,
        item.email,
        item.reply?.text,
      ]);
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined && rows.length < EXPORT_ROW_CAP);
  return { rows: rows.slice(0, EXPORT_ROW_CAP), truncated: rows.length > EXPORT_ROW_CAP || cursor !== undefined };
}
