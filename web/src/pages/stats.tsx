import { Funnel, SentimentBars, SentimentOverTime } from '../components/charts.tsx';
import { percent, Status } from '../components/status.tsx';
import { href } from '../router.ts';
import type { Stats as StatsData } from '../types.ts';
import { useApi } from '../use-api.ts';

/** The loop-closing record: did every rejected candidate hear back, and how did they take it. */
export function Stats({ query }: { query: URLSearchParams }) {
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const params = new URLSearchParams();
  if (from) params.set('from', `${from}T00:00:00Z`);
  if (to) params.set('to', `${to}T23:59:59Z`);
  const { result } = useApi<StatsData>(`/stats${params.size > 0 ? `?${params.toString()}` : ''}`);

  const apply = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    location.hash = href('/stats', { from: String(form.get('from') ?? ''), to: String(form.get('to') ?? '') });
  };

  return (
    <main id="main">
      <h1>The loop-closing record</h1>
      <form class="filters" onSubmit={apply} aria-label="Period">
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
      <Status result={result}>
        {(s) => (
          <>
            <dl class="figures">
              <div>
                <dt>Rejected candidates who got a notice</dt>
                <dd>
                  {percent(s.notifiedShare)}{' '}
                  <span class="muted">
                    ({s.notified} of {s.decisions})
                  </span>
                </dd>
              </div>
              <div>
                <dt>Median time from decision to delivered</dt>
                <dd>
                  {s.medianDecisionToDeliveredHours === undefined
                    ? '—'
                    : `${s.medianDecisionToDeliveredHours.toFixed(1)} h`}
                </dd>
              </div>
              <div>
                <dt>Bounce rate</dt>
                <dd>{percent(s.bounceRate)}</dd>
              </div>
              <div>
                <dt>Complaint rate</dt>
                <dd>{percent(s.complaintRate)}</dd>
              </div>
              <div>
                <dt>Reply rate</dt>
                <dd>{percent(s.replyRate)}</dd>
              </div>
            </dl>
            <Funnel steps={s.funnel} />
            <SentimentOverTime points={s.sentimentOverTime} />
            <SentimentBars title="Reply sentiment by template" rows={s.sentimentByTemplate} />
            <SentimentBars title="Reply sentiment by reason" rows={s.sentimentByReason} />
            <SentimentBars title="Reply sentiment by stage" rows={s.sentimentByStage} />
          </>
        )}
      </Status>
    </main>
  );
}
