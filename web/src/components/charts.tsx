import type { SentimentRow } from '../types.ts';

const STEP_LABELS: Record<string, string> = {
  rejected: 'Rejected',
  planned: 'Notice planned',
  sent: 'Sent',
  delivered: 'Delivered',
  replied: 'Replied',
};

/** Horizontal bars, one per step: the delivery funnel. Labelled for screen readers, readable at 375 px. */
export function Funnel({ steps }: { steps: readonly { step: string; count: number }[] }) {
  const max = Math.max(1, ...steps.map((s) => s.count));
  return (
    <figure>
      <figcaption>Delivery funnel</figcaption>
      <ul class="bars" aria-label="Delivery funnel">
        {steps.map((s) => (
          <li key={s.step}>
            <span class="bar-label">{STEP_LABELS[s.step] ?? s.step}</span>
            <span class="bar-track">
              <span class="bar" style={{ width: `${(s.count / max) * 100}%` }} />
            </span>
            <span class="bar-value">{s.count}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** Share of positive, neutral and negative replies per key, as stacked bars with the numbers beside them. */
export function SentimentBars({
  title,
  rows,
  keyLabel = (key) => key,
}: {
  title: string;
  rows: readonly SentimentRow[];
  /** Words for a key that is an enum value (a reason, a stage); template ids are shown as they are. */
  keyLabel?: (key: string) => string;
}) {
  if (rows.length === 0) {
    return (
      <figure>
        <figcaption>{title}</figcaption>
        <p class="muted">No replies yet.</p>
      </figure>
    );
  }
  return (
    <figure>
      <figcaption>{title}</figcaption>
      <ul class="legend" aria-hidden="true">
        <li>
          <span class="swatch positive" /> positive
        </li>
        <li>
          <span class="swatch neutral" /> neutral
        </li>
        <li>
          <span class="swatch negative" /> negative
        </li>
      </ul>
      <ul class="bars" aria-label={title}>
        {rows.map((row) => {
          const total = Math.max(1, row.positive + row.neutral + row.negative);
          return (
            <li key={row.key}>
              <span class="bar-label">{keyLabel(row.key)}</span>
              <span
                class="bar-track stacked"
                role="img"
                aria-label={`${row.positive} positive, ${row.neutral} neutral, ${row.negative} negative`}
              >
                <span class="bar positive" style={{ width: `${(row.positive / total) * 100}%` }} />
                <span class="bar neutral" style={{ width: `${(row.neutral / total) * 100}%` }} />
                <span class="bar negative" style={{ width: `${(row.negative / total) * 100}%` }} />
              </span>
              <span class="bar-value">
                {row.replies} · avg {row.averageScore.toFixed(2)}
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

const PALETTE = ['#1f6feb', '#bf3989', '#1a7f37', '#9a6700', '#8250df', '#cf222e'];

/** Average reply sentiment per week, one line per template, with the data as a table underneath. */
export function SentimentOverTime({
  points,
}: {
  points: readonly { week: string; key: string; averageScore: number; replies: number }[];
}) {
  const weeks = [...new Set(points.map((p) => p.week))].sort();
  const keys = [...new Set(points.map((p) => p.key))].sort();
  if (weeks.length === 0) {
    return (
      <figure>
        <figcaption>Sentiment by template over time</figcaption>
        <p class="muted">No replies yet.</p>
      </figure>
    );
  }
  // A narrow drawing scaled to the width: its labels stay legible at 375 px.
  const width = 360;
  const height = 220;
  const left = 34;
  const right = 16;
  const x = (i: number) =>
    weeks.length === 1 ? (left + width - right) / 2 : left + (i * (width - left - right)) / (weeks.length - 1);
  const y = (v: number) => 12 + ((1 - v) / 2) * (height - 44);
  const labelEvery = Math.max(1, Math.ceil(weeks.length / 4));
  return (
    <figure>
      <figcaption>Sentiment by template over time (average, −1 to 1)</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label="Average reply sentiment per week and template; the table below has the values"
        class="chart"
      >
        <line x1={left} x2={width - right} y1={y(0)} y2={y(0)} class="axis" />
        <line x1={left} x2={width - right} y1={y(1)} y2={y(1)} class="grid" />
        <line x1={left} x2={width - right} y1={y(-1)} y2={y(-1)} class="grid" />
        {weeks.map((week, i) =>
          i % labelEvery === 0 ? (
            <text key={week} x={x(i)} y={height - 6} class="tick" text-anchor="middle">
              {week.slice(5)}
            </text>
          ) : null,
        )}
        <text x="4" y={y(1) + 4} class="tick">
          1
        </text>
        <text x="4" y={y(0) + 4} class="tick">
          0
        </text>
        <text x="4" y={y(-1) + 4} class="tick">
          −1
        </text>
        {keys.map((key, k) => {
          const series = weeks
            .map((week, i) => ({ i, p: points.find((p) => p.week === week && p.key === key) }))
            .filter((s) => s.p !== undefined);
          const color = PALETTE[k % PALETTE.length];
          return (
            <g key={key}>
              <polyline
                fill="none"
                stroke={color}
                stroke-width="2"
                points={series.map((s) => `${x(s.i)},${y(s.p?.averageScore ?? 0)}`).join(' ')}
              />
              {series.map((s) => (
                <circle key={s.i} cx={x(s.i)} cy={y(s.p?.averageScore ?? 0)} r="4" fill={color} />
              ))}
            </g>
          );
        })}
      </svg>
      <ul class="legend">
        {keys.map((key, k) => (
          <li key={key}>
            <span class="swatch" style={{ background: PALETTE[k % PALETTE.length] }} /> {key}
          </li>
        ))}
      </ul>
      <details>
        <summary>Data</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Week</th>
              <th scope="col">Template</th>
              <th scope="col">Average</th>
              <th scope="col">Replies</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={`${p.week}-${p.key}`}>
                <td>{p.week}</td>
                <td>{p.key}</td>
                <td>{p.averageScore.toFixed(2)}</td>
                <td>{p.replies}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
