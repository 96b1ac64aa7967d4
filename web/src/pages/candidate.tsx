import { FlagActions } from '../components/flag-actions.tsx';
import { Highlighted } from '../components/highlight.tsx';
import { formatTime, Status } from '../components/status.tsx';
import { href } from '../router.ts';
import { type CandidateDetail, FLAG_LABELS, type Flag, type TimelineEntry, type TimelineNotice } from '../types.ts';
import { useApi } from '../use-api.ts';

/** One candidate: flags with their audit trail, then everything that happened, oldest first. */
export function Candidate({ id }: { id: string }) {
  const { result, reload } = useApi<CandidateDetail>(`/candidates/${encodeURIComponent(id)}`);
  return (
    <main id="main">
      <p>
        <a href={href('/candidates')}>← Flagged candidates</a>
      </p>
      <Status result={result}>
        {(data) => (
          <>
            <h1>{data.candidate.name}</h1>
            <p class="muted">{data.candidate.email}</p>
            <section aria-labelledby="flags-heading">
              <h2 id="flags-heading">Flags</h2>
              {data.flags.length === 0 ? (
                <p class="muted">No flags.</p>
              ) : (
                <ul class="flags">
                  {data.flags.map((flag) => (
                    <FlagItem key={flag.flag} flag={flag} candidateId={data.candidate.id} onChange={reload} />
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="timeline-heading">
              <h2 id="timeline-heading">Timeline</h2>
              <ol class="timeline">
                {data.timeline.map((entry) => (
                  <TimelineItem key={`${entry.type}-${entry.at}`} entry={entry} />
                ))}
              </ol>
            </section>
          </>
        )}
      </Status>
    </main>
  );
}

function FlagItem({ flag, candidateId, onChange }: { flag: Flag; candidateId: string; onChange: () => void }) {
  return (
    <li class={`flag flag-${flag.flag}`}>
      <h3>
        {FLAG_LABELS[flag.flag]} <span class={`badge status-${flag.status}`}>{flag.status}</span>
      </h3>
      {flag.evidence.map((e) => (
        <blockquote key={e.sentence} class="evidence">
          <mark>{e.sentence}</mark>
          <footer>{e.categories.join(', ')}</footer>
        </blockquote>
      ))}
      <ul class="audit" aria-label="Audit trail">
        {flag.audit.map((a) => (
          <li key={`${a.action}-${a.at}`}>
            {formatTime(a.at)}: {a.action} by {a.by}
            {a.reason ? ` (${a.reason})` : ''}
          </li>
        ))}
      </ul>
      <FlagActions candidateId={candidateId} flag={flag} onDone={onChange} />
    </li>
  );
}

function TimelineItem({ entry }: { entry: TimelineEntry }) {
  if (entry.type === 'decision') {
    return (
      <li class="event decision">
        <h3>Rejected for {entry.job.title}</h3>
        <p class="muted">
          {formatTime(entry.at)} · {entry.source} · reason {entry.reason} · stage {entry.stage}
        </p>
        {entry.noEmailReason && <p>{entry.noEmailReason}</p>}
      </li>
    );
  }
  if (entry.type === 'notice') return <NoticeItem notice={entry} />;
  return (
    <li class={`event reply${entry.evidence.length > 0 ? ' hostile' : ''}`}>
      <h3>{entry.autoReply ? 'Automatic reply' : 'Reply'}</h3>
      <p class="muted">
        {formatTime(entry.at)}
        {entry.sentiment ? ` · sentiment ${entry.sentiment.label} (${entry.sentiment.score.toFixed(2)})` : ''}
        {entry.hostility !== undefined ? ` · hostility ${entry.hostility.toFixed(2)}` : ''}
        {entry.autoReplyReason ? ` · ${entry.autoReplyReason}` : ''}
      </p>
      <Highlighted text={entry.text} sentences={entry.evidence.map((e) => e.sentence)} />
      {entry.intents.length > 0 && <p class="muted">Intents: {entry.intents.join(', ')}</p>}
    </li>
  );
}

function NoticeItem({ notice }: { notice: TimelineNotice }) {
  return (
    <li class="event notice">
      <h3>
        Notice <span class={`badge status-${notice.status}`}>{notice.status}</span>
      </h3>
      <p class="muted">
        {notice.job.title} · template {notice.templateId} ({notice.locale})
      </p>
      {notice.failureReason && <p class="error">{notice.failureReason}</p>}
      <ol class="history" aria-label="Status history">
        {notice.history.map((h) => (
          <li key={`${h.at}-${h.status}-${h.event ?? ''}`}>
            {formatTime(h.at)}: {h.status}
            {h.detail ? ` — ${h.detail}` : ''}
          </li>
        ))}
      </ol>
      {notice.email && (
        <details>
          <summary>The email as sent: “{notice.email.subject}”</summary>
          <iframe title={`Email: ${notice.email.subject}`} sandbox="" srcdoc={notice.email.html} class="email" />
        </details>
      )}
    </li>
  );
}
