import { z } from '@hono/zod-openapi';
import { ValidationError } from '#core/domain/errors.ts';
import { NOTICE_STATUSES, type Notice, type NoticeStatus } from '#core/domain/notice.ts';
import { definedFields } from '#core/domain/optional.ts';
import { ownerOf } from '#core/domain/owner.ts';
import type { CsvValue } from '../csv.ts';
import { OwnerView } from './notice.ts';

const dayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** The filters `GET /notices` and `GET /notices/counts` share. */
const FilterQuery = {
  q: z.string().trim().max(200).optional().openapi({
    description: "Text looked for (any case) in the candidate's name and email, the application id and the job title",
    example: 'lovelace',
  }),
  recruiter: z.string().trim().max(254).optional().openapi({
    description:
      "The owner's inbox (`ownerOf`: a recruiter's change, else the decision's recruiter, else the default inbox), or `me` for the caller's",
    example: 'me',
  }),
  job: z.string().trim().max(200).optional().openapi({
    description: 'A job title (any case, whole) or a job id',
    example: 'Analytical Engineer',
  }),
  decidedFrom: dayOrInstant.optional().openapi({
    description: 'Decided at or after: a day (from its start, UTC) or an ISO-8601 instant',
    example: '2026-11-01',
  }),
  decidedTo: dayOrInstant.optional().openapi({
    description: 'Decided at or before: a day (to its end, UTC) or an ISO-8601 instant',
    example: '2026-11-30',
  }),
};

export const NoticeCountsQuery = z.object(FilterQuery);

export const NoticeListQuery = z.object({
  status: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .openapi({
      description: `Only these statuses: repeat the parameter or separate them with commas (${NOTICE_STATUSES.join(', ')})`,
      example: 'bounced,failed',
    }),
  ...FilterQuery,
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: 'Page size (1–200, default 50)' }),
  cursor: z.string().max(2000).optional().openapi({ description: 'The nextCursor of the previous page, unchanged' }),
  format: z
    .enum(['json', 'csv'])
    .optional()
    .openapi({ description: 'csv: the whole view as a CSV file (as `Accept: text/csv`), at most 10,000 rows' }),
});

/** `status=a,b&status=c` as statuses; an unknown one is refused by name. */
export function statusesOf(raw: string | readonly string[] | undefined): NoticeStatus[] | undefined {
  if (raw === undefined) return undefined;
  const names = (typeof raw === 'string' ? [raw] : raw).flatMap((value) => value.split(',')).map((s) => s.trim());
  const given = names.filter((name) => name !== '');
  const unknown = given.filter((name) => !(NOTICE_STATUSES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new ValidationError(`Unknown notice status: ${unknown.join(', ')}`, [
      {
        field: 'status',
        message: `unknown status ${unknown.map((u) => `"${u}"`).join(', ')}; one of ${NOTICE_STATUSES.join(', ')}`,
      },
    ]);
  }
  return given.length === 0 ? undefined : [...new Set(given as NoticeStatus[])];
}

export const NoticeSummaryView = z
  .object({
    id: z.string(),
    candidateId: z.string(),
    source: z.string(),
    applicationId: z.string(),
    candidate: z.object({ name: z.string(), email: z.string().describe('Where the notice went (or goes)') }),
    job: z.object({ id: z.string(), title: z.string() }),
    owner: OwnerView,
    status: z.enum(NOTICE_STATUSES),
    statusAt: z.string().describe('When the notice reached its status'),
    decidedAt: z.string().optional(),
    createdAt: z.string(),
    templateId: z.string(),
    locale: z.string(),
    attempts: z.number().int().describe('Send attempts so far'),
  })
  .openapi('NoticeSummary');
export type NoticeSummaryView = z.infer<typeof NoticeSummaryView>;

export const NoticeListView = z
  .object({
    items: z.array(NoticeSummaryView),
    nextCursor: z
      .string()
      .optional()
      .describe('More may follow: pass it as `cursor`. A page can hold fewer items than `limit` and still have one'),
  })
  .openapi('NoticeList');

export const NoticeCountsView = z
  .object({
    counts: z.object(
      Object.fromEntries(NOTICE_STATUSES.map((s) => [s, z.number().int()])) as Record<NoticeStatus, z.ZodNumber>,
    ),
    total: z.number().int(),
  })
  .openapi('NoticeCounts');

export function toNoticeSummary(notice: Notice, defaultInbox: string): NoticeSummaryView {
  return {
    id: notice.id,
    candidateId: notice.candidateId,
    source: notice.source,
    applicationId: notice.applicationId,
    candidate: { name: notice.candidate.name, email: notice.candidate.email },
    job: { id: notice.job.id, title: notice.job.title },
    owner: ownerOf(notice, defaultInbox),
    status: notice.status,
    statusAt: statusAtOf(notice),
    ...definedFields({ decidedAt: notice.decidedAt }),
    createdAt: notice.createdAt,
    templateId: notice.templateId,
    locale: notice.locale,
    attempts: notice.attempts,
  };
}

/** The last history entry that moved the notice into its status (an open or a note after it does not count). */
function statusAtOf(notice: Notice): string {
  let at = notice.createdAt;
  let previous: NoticeStatus | undefined;
  for (const event of notice.history) {
    if (event.status !== previous) at = event.at;
    previous = event.status;
  }
  return notice.history.length === 0 ? notice.updatedAt : at;
}

export const NOTICE_CSV_HEADER = [
  'id',
  'status',
  'statusAt',
  'decidedAt',
  'createdAt',
  'candidateName',
  'candidateEmail',
  'applicationId',
  'source',
  'jobId',
  'jobTitle',
  'ownerEmail',
  'ownerName',
  'templateId',
  'locale',
  'attempts',
] as const;

export function noticeCsvRow(summary: NoticeSummaryView): CsvValue[] {
  return [
    summary.id,
    summary.status,
    summary.statusAt,
    summary.decidedAt,
    summary.createdAt,
    summary.candidate.name,
    summary.candidate.email,
    summary.applicationId,
    summary.source,
    summary.job.id,
    summary.job.title,
    summary.owner.email,
    summary.owner.name,
    summary.templateId,
    summary.locale,
    summary.attempts,
  ];
}
