import { useState } from 'preact/hooks';
import { ApiError, download } from '../api.ts';
import { Highlighted } from '../components/highlight.tsx';
import { formatTime, Status } from '../components/status.tsx';
import { href } from '../router.ts';
import { type CandidateList, FLAG_LABELS, FLAGS, type FlaggedCandidate, type FlagName } from '../types.ts';
import { useApi } from '../use-api.ts';

function isFlag(value: string | null): value is FlagName {
  return value !== null && (FLAGS as readonly string[]).includes(value);
}

/** Flagged candidates, newest first, filterable by flag, job and date. */
export function Candidates({ query }: { query: URLSearchParams }) {
  const raw = query.get('flag');
  const flag: FlagName = isFlag(raw) ? raw : 'bridge-burned';
  const job = query.get('job') ?? '';
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const erased = query.get('erased');
  const retryAfter = query.get('retryAfter');
  const [cursor, setCursor] = useState<string | undefined>();
  const [exportError, setExportError] = useState<string | undefined>();
  const params = new URLSearchParams({ flag, limit: '25' });
  if (job) params.set('job', job);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (cursor) params.set('cursor', cursor);
  const { result } = useApi<CandidateList>(`/candidates?${params.toString()}`);

  const applyFilters = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setCursor(undefined);
    location.hash = href('/candidates', {
      flag,
      job: String(form.get('job') ?? '').trim(),
      from: String(form.get('from') ?? ''),
      to: String(form.get('to') ?? ''),
    });
  };

  return (
    <main id="main">
      <h1>Flagged candidates</h1>
      {erased && !retryAfter && (
        <p class="notice-box" role="status">
          Everything held about candidate <span class="mono">{erased}</span> was erased.
        </p>
      )}
      {erased && retryAfter && (
        <p class="notice-box" role="status">
          The erasure of candidate <span class="mono">{erased}</span> is not finished: an email to them was being sent.
          Everything else is erased and their address is never emailed again; erase again after {formatTime(retryAfter)}{' '}
          to finish.
        </p>
      )}
      <Status result={result}>
        {(data) => (
          <>
            <nav aria-label="Flags" class="tabs">
              {FLAGS.map((f) => (
                <a
                  key={f}
                  href={href('/candidates', { flag: f, job, from, to })}
                  aria-current={f === flag ? 'page' : undefined}
                  class={`tab flag-${f}`}
                  onClick={() => setCursor(undefined)}
                >
                  {FLAG_LABELS[f]} <span class="count">{data.counts[f] ?? 0}</span>
                </a>
              ))}
            </nav>
            <form class="filters" onSubmit={applyFilters} aria-label="Filter candidates">
              <label>
                Job title
                <input name="job" defaultValue={job} placeholder="e.g. Platform Engineer" maxLength={200} />
              </label>
              <label>
                From
                <input name="from" type="date" defaultValue={from} />
              </label>
              <label>
                To
                <input name="to" type="date" defaultValue={to} />
              </label>
              <button type="submit">Apply</button>
            </form>
            <div class="row toolbar">
              <button type="button" onClick={() => exportFlagged(params, setExportError)}>
                Export flagged candidates (CSV)
              </button>
              {exportError && (
                <p class="error" role="alert">
                  {exportError}
                </p>
              )}
            </div>
            {data.items.length === 0 ? (
              <p class="muted">No candidate is flagged {FLAG_LABELS[flag].toLowerCase()} with these filters.</p>
            ) : (
              <ul class="cards" aria-label={`${FLAG_LABELS[flag]} candidates`}>
                {data.items.map((item) => (
                  <CandidateCard key={item.candidateId} item={item} />
                ))}
              </ul>
            )}
            <div class="row">
              {cursor && (
                <button type="button" onClick={() => setCursor(undefined)}>
                  First page
                </button>
              )}
              {data.nextCursor && (
                <button type="button" onClick={() => setCursor(data.nextCursor)}>
                  Next page
                </button>
              )}
            </div>
          </>
        )}
      </Status>
    </main>
  );
}

/** The flagged list as a file, with the filters on screen (every page, not only this one). */
function exportFlagged(params: URLSearchParams, onError: (message: string) => void): void {
  const query = new URLSearchParams(params);
  query.delete('cursor');
  query.delete('limit');
  query.set('format', 'csv');
  download(`/candidates?${query.toString()}`, 'flagged-candidates.csv').catch((e: unknown) =>
    onError(e instanceof ApiError ? e.message : 'The export failed; try again.'),
  );
}

/**
 * One flagged candidate: the address (two people of one name are told apart by it) and what they wrote, with the
 * evidence sentences marked. A warm reply has no evidence sentence, so its text is the card's substance.
 */
function CandidateCard({ item }: { item: FlaggedCandidate }) {
  const sentences = item.flag.evidence.map((e) => e.sentence);
  const evidence = item.flag.evidence[0];
  const headingId = `card-${item.candidateId}`;
  return (
    <li class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <a href={href(`/candidates/${encodeURIComponent(item.candidateId)}`)}>{item.name ?? item.candidateId}</a>
      </h2>
      {item.email && <p class="mono address">{item.email}</p>}
      <p class="muted">
        {item.job ? `${item.job.title} · ` : ''}
        flagged <time dateTime={item.flag.raisedAt}>{formatTime(item.flag.raisedAt)}</time>
        {item.flag.status === 'confirmed' ? ' · confirmed' : ''}
      </p>
      <p>{item.flag.reason}</p>
      {item.reply ? (
        <blockquote class="reply-quote">
          <Highlighted text={`${item.reply.text}${item.reply.truncated ? '…' : ''}`} sentences={sentences} />
          <footer>
            Replied <time dateTime={item.reply.receivedAt}>{formatTime(item.reply.receivedAt)}</time>
          </footer>
        </blockquote>
      ) : (
        evidence && (
          <blockquote class="evidence">
            <mark>{evidence.sentence}</mark>
            <footer>{evidence.categories.join(', ')}</footer>
          </blockquote>
        )
      )}
    </li>
  );
}
