import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiError, api, download } from '../api.ts';
import { NoticeRow } from '../components/notice-row.tsx';
import { Status } from '../components/status.tsx';
import { dayBoundary, formatCount } from '../format.ts';
import { label } from '../labels.ts';
import { MeContext } from '../me.ts';
import { href } from '../router.ts';
import { NOTICE_FILTER_STATUSES, type NoticeCounts, type NoticeList, type NoticeSummary } from '../types.ts';
import { type Loaded, useApi } from '../use-api.ts';

const PAGE_SIZE = 25;

/** The filters as the page's URL holds them (`#/?status=bounced&q=ada&who=all`), so a view can be shared. */
interface Filters {
  readonly statuses: readonly string[];
  readonly q: string;
  readonly job: string;
  readonly from: string;
  readonly to: string;
  readonly who: 'mine' | 'all';
}

/** `mineKnown`: "Mine" is on offer, the sign-in having an address (`GET /me`); without one every view is everyone's. */
function filtersOf(query: URLSearchParams, recruiter: boolean, mineKnown: boolean): Filters {
  const statuses = (query.get('status') ?? '')
    .split(',')
    .filter((s): s is string => (NOTICE_FILTER_STATUSES as readonly string[]).includes(s));
  const who = query.get('who');
  return {
    statuses,
    q: query.get('q') ?? '',
    job: query.get('job') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
    // "Mine" by default for a recruiter: their own rejections first, everyone's one click away.
    who: !mineKnown ? 'all' : who === 'all' || who === 'mine' ? who : recruiter ? 'mine' : 'all',
  };
}

function pageHref(f: Filters): string {
  return href('/rejections', {
    status: f.statuses.join(','),
    q: f.q,
    job: f.job,
    from: f.from,
    to: f.to,
    who: f.who,
  });
}

/** The API's query for these filters; `withStatus` false for the counts, which are per status. */
function apiQuery(f: Filters, withStatus: boolean): URLSearchParams {
  const params = new URLSearchParams();
  if (withStatus && f.statuses.length > 0) params.set('status', f.statuses.join(','));
  if (f.q.trim()) params.set('q', f.q.trim());
  if (f.job.trim()) params.set('job', f.job.trim());
  const from = dayBoundary(f.from, 'start');
  const to = dayBoundary(f.to, 'end');
  if (from) params.set('decidedFrom', from);
  if (to) params.set('decidedTo', to);
  if (f.who === 'mine') params.set('recruiter', 'me');
  return params;
}

/**
 * Rejections: every notice, newest first, findable by name, address, application or job, filtered by status,
 * recruiter and decision date, with the actions that fix a failure (resend, fix the address, cancel).
 */
export function Rejections({ query }: { query: URLSearchParams }) {
  const me = useContext(MeContext);
  const filters = filtersOf(query, me.roles.includes('recruiter'), me.email !== undefined);
  const listQuery = apiQuery(filters, true);
  const countQuery = apiQuery(filters, false);
  const counts = useApi<NoticeCounts>(`/notices/counts?${countQuery.toString()}`);
  const [generation, setGeneration] = useState(0);
  const list = useNoticePages(listQuery.toString(), generation);
  const [exportError, setExportError] = useState<string | undefined>();
  const [flash, setFlash] = useState<string | undefined>();

  const go = (next: Partial<Filters>) => {
    setFlash(undefined);
    location.hash = pageHref({ ...filters, ...next });
  };
  const applyForm = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    go({ q: text('q'), job: text('job'), from: text('from'), to: text('to') });
  };
  const toggle = (status: string) =>
    go({
      statuses: filters.statuses.includes(status)
        ? filters.statuses.filter((s) => s !== status)
        : [...filters.statuses, status],
    });
  const refresh = (message: string) => {
    setFlash(message);
    setGeneration((g) => g + 1);
    counts.reload();
  };
  const exportCsv = () => {
    setExportError(undefined);
    const params = new URLSearchParams(listQuery);
    params.set('format', 'csv');
    download(`/notices?${params.toString()}`, 'rejections.csv').catch((e: unknown) =>
      setExportError(e instanceof ApiError ? e.message : 'The export failed; try again.'),
    );
  };

  return (
    <main id="main">
      <h1>Rejections</h1>
      {flash && (
        <p class="success" role="status">
          {flash}
        </p>
      )}
      <form class="filters" aria-label="Find rejections" onSubmit={applyForm}>
        <label class="grow">
          Search
          <input
            name="q"
            type="search"
            defaultValue={filters.q}
            placeholder="Name, email, application or job"
            maxLength={200}
          />
        </label>
        <label>
          Job title
          <input name="job" defaultValue={filters.job} placeholder="e.g. Platform Engineer" maxLength={200} />
        </label>
        <label>
          Decided from
          <input name="from" type="date" defaultValue={filters.from} />
        </label>
        <label>
          Decided to
          <input name="to" type="date" defaultValue={filters.to} />
        </label>
        <button type="submit" class="primary">
          Search
        </button>
      </form>
      <fieldset class="who">
        <legend>Whose rejections</legend>
        {(['mine', 'all'] as const).map((who) => (
          <label key={who} class="inline">
            <input
              type="radio"
              name="who"
              checked={filters.who === who}
              disabled={who === 'mine' && me.email === undefined}
              aria-describedby={who === 'mine' && me.email === undefined ? 'mine-unavailable' : undefined}
              onChange={() => go({ who })}
            />
            {who === 'mine' ? (me.email ? `Mine (${me.email})` : 'Mine') : 'Everyone’s'}
          </label>
        ))}
        {me.email === undefined && (
          <p id="mine-unavailable" class="muted">
            {me.emailUnavailable
              ? '“Mine” needs your email address, which could not be looked up just now: reload the page in a minute. '
              : '“Mine” needs your email address, and your sign-in has none: ask an administrator to set it on your user. '}
            Everyone’s rejections are shown.
          </p>
        )}
      </fieldset>
      <StatusChips filters={filters} counts={counts.result} onToggle={toggle} onAll={() => go({ statuses: [] })} />
      <div class="row toolbar">
        <button type="button" onClick={exportCsv}>
          Export this view (CSV)
        </button>
        {exportError && (
          <p class="error" role="alert">
            {exportError}
          </p>
        )}
      </div>
      <NoticeTable list={list} filters={filters} onChanged={refresh} onEveryone={() => go({ who: 'all' })} />
    </main>
  );
}

function StatusChips(props: {
  readonly filters: Filters;
  readonly counts: Loaded<NoticeCounts>;
  readonly onToggle: (status: string) => void;
  readonly onAll: () => void;
}) {
  const data = props.counts.state === 'ready' ? props.counts.data : undefined;
  const count = (n: number | undefined) =>
    data === undefined ? null : <span class="count">{formatCount(n ?? 0)}</span>;
  return (
    <fieldset class="tabs chips">
      <legend class="visually-hidden">Filter by status</legend>
      <button type="button" class="tab" aria-pressed={props.filters.statuses.length === 0} onClick={props.onAll}>
        All {count(data?.total)}
      </button>
      {NOTICE_FILTER_STATUSES.map((status) => (
        <button
          key={status}
          type="button"
          class={`tab chip-${status}`}
          aria-pressed={props.filters.statuses.includes(status)}
          onClick={() => props.onToggle(status)}
        >
          {label('noticeStatus', status)} {count(data?.counts[status])}
        </button>
      ))}
      {props.counts.state === 'error' && <span class="muted">Counts are not available.</span>}
    </fieldset>
  );
}

interface Pages {
  readonly result: Loaded<readonly NoticeSummary[]>;
  readonly nextCursor?: string | undefined;
  readonly loadingMore: boolean;
  readonly moreError?: string | undefined;
  readonly loadMore: () => void;
}

/** The first page when the query changes, then "Load more" appends the next one (the cursor the API gave). */
function useNoticePages(query: string, generation: number): Pages {
  const [result, setResult] = useState<Loaded<readonly NoticeSummary[]>>({ state: 'loading' });
  const [nextCursor, setNextCursor] = useState<string | undefined>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    setResult({ state: 'loading' });
    setMoreError(undefined);
    fill(query)
      .then((page) => {
        if (!live) return;
        setResult({ state: 'ready', data: page.items });
        setNextCursor(page.nextCursor);
      })
      .catch((error: unknown) => {
        if (live) setResult({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      });
    return () => {
      live = false;
    };
  }, [query, generation]);
  const loadMore = () => {
    if (nextCursor === undefined || result.state !== 'ready') return;
    setLoadingMore(true);
    setMoreError(undefined);
    fill(query, nextCursor)
      .then((page) => {
        setResult({ state: 'ready', data: [...result.data, ...page.items] });
        setNextCursor(page.nextCursor);
      })
      .catch((e: unknown) => setMoreError(e instanceof ApiError ? e.message : 'The next page could not be loaded.'))
      .finally(() => setLoadingMore(false));
  };
  return { result, nextCursor, loadingMore, moreError, loadMore };
}

/** Requests for one screenful at most: a search that matches nothing stops and says so rather than walking on. */
const MAX_REQUESTS_PER_FILL = 8;

/**
 * A screenful of rows. A filtered page can come back short, even empty, with a cursor (the API filters what an
 * index walk read): keep reading until the screen is full, the list ends, or a few requests were spent.
 */
async function fill(query: string, from?: string): Promise<NoticeList> {
  const items: NoticeSummary[] = [];
  let cursor = from;
  for (let request = 0; request < MAX_REQUESTS_PER_FILL; request++) {
    const page = await api<NoticeList>(`/notices?${withPaging(query, cursor).toString()}`);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (cursor === undefined || items.length >= PAGE_SIZE) break;
  }
  return { items, ...(cursor === undefined ? {} : { nextCursor: cursor }) };
}

function withPaging(query: string, cursor?: string): URLSearchParams {
  const params = new URLSearchParams(query);
  params.set('limit', String(PAGE_SIZE));
  if (cursor !== undefined) params.set('cursor', cursor);
  return params;
}

function NoticeTable(props: {
  readonly list: Pages;
  readonly filters: Filters;
  readonly onChanged: (message: string) => void;
  readonly onEveryone: () => void;
}) {
  const { list, filters } = props;
  return (
    <Status result={list.result}>
      {(items) =>
        items.length === 0 && list.nextCursor === undefined ? (
          <EmptyState filters={filters} onEveryone={props.onEveryone} />
        ) : items.length === 0 ? (
          <div class="empty">
            <p>Nothing found among the most recent rejections yet.</p>
            <button type="button" onClick={list.loadMore} disabled={list.loadingMore}>
              {list.loadingMore ? 'Looking…' : 'Look further back'}
            </button>
          </div>
        ) : (
          <>
            <table class="rejections">
              <caption class="visually-hidden">Rejections, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Candidate</th>
                  <th scope="col">Job</th>
                  <th scope="col">Email</th>
                  <th scope="col">Decided</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {items.map((notice) => (
                  <NoticeRow key={notice.id} notice={notice} onChanged={props.onChanged} />
                ))}
              </tbody>
            </table>
            <p class="muted" role="status">
              Showing {formatCount(items.length)}
              {list.nextCursor ? ', newest first; there are more.' : ', newest first: that is all of them.'}
            </p>
            {list.nextCursor && (
              <button type="button" onClick={list.loadMore} disabled={list.loadingMore}>
                {list.loadingMore ? 'Loading…' : 'Load more'}
              </button>
            )}
            {list.moreError && (
              <p class="error" role="alert">
                {list.moreError}
              </p>
            )}
          </>
        )
      }
    </Status>
  );
}

function EmptyState({ filters, onEveryone }: { filters: Filters; onEveryone: () => void }) {
  const filtered =
    filters.statuses.length > 0 || filters.q !== '' || filters.job !== '' || filters.from !== '' || filters.to !== '';
  return (
    <div class="empty">
      <p>
        {filtered
          ? 'No rejection matches these filters.'
          : filters.who === 'mine'
            ? 'None of your candidates has been rejected yet.'
            : 'No candidate has been rejected yet. Rejections appear here as your ATS records them, or when you enter one.'}
      </p>
      <p>
        {filters.who === 'mine' && (
          <button type="button" class="link" onClick={onEveryone}>
            Show everyone’s rejections
          </button>
        )}
        {filtered && <a href={href('/rejections', { who: filters.who })}>Clear the filters</a>}
      </p>
    </div>
  );
}
