import { Funnel, SentimentBars, SentimentOverTime } from '../components/charts.tsx';
import { percent, Status } from '../components/status.tsx';
import { formatDate } from '../format.ts';
import { label } from '../labels.ts';
import { href } from '../router.ts';
import type { Stats as StatsData } from '../types.ts';
import { useApi } from '../use-api.ts';

/** The loop-closing record: did every rejected candidate hear back, and how did they take it. */
export function Stats({ query }: { query: URLSearchParams }) {
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const params = new URLSearchParams();
  if (from) params.set('from', from);
  if (to) params.set('to', to);
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
            <p class="muted">
              Rejections decided from {formatDate(s.from)} to {formatDate(s.to)}
              {s.reversed > 0 ? ` (${s.reversed} reversed in the ATS, left out)` : ''}.
            </p>
            <dl class="figures">
              <div>
                <dt>Rejected candidates who got a notice</dt>
                <dd>
                  {percent(s.notifiedShare)}{' '}
                  <span class="muted">
                    ({s.notified} of {s.rejections})
                  </span>
                </dd>
              </div>
              <div>
                <dt>Median time from decision to delivered</dt>
                <dd>{s.medianHoursToDelivered === null ? '—' : `${s.medianHoursToDelivered.toFixed(1)} h`}</dd>
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
                <dd>
                  {percent(s.replyRate)} <span class="muted">({s.replied} replied)</span>
                </dd>
              </div>
            </dl>
            <Funnel steps={s.funnel} />
            <SentimentOverTime points={s.sentiment.byWeek} />
            <SentimentBars title="Reply sentiment by template" rows={s.sentiment.byTemplate} />
            <SentimentBars
              title="Reply sentiment by reason"
              rows={s.sentiment.byReason}
              keyLabel={(key) => label('reason', key)}
            />
            <SentimentBars
              title="Reply sentiment by stage"
              rows={s.sentiment.byStage}
              keyLabel={(key) => label('stage', key)}
            />
          </>
        )}
      </Status>
    </main>
  );
}
