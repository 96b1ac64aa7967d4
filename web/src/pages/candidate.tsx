import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { ActionForm } from '../components/action-form.tsx';
import { Conversation } from '../components/conversation.tsx';
import { EmailFrame } from '../components/email-frame.tsx';
import { FlagActions } from '../components/flag-actions.tsx';
import { Highlighted } from '../components/highlight.tsx';
import { formatTime, Status } from '../components/status.tsx';
import { label } from '../labels.ts';
import { useCan } from '../me.ts';
import { href } from '../router.ts';
import { type CandidateTimeline, FLAG_LABELS, type Flag, type Owner, type TimelineEntry } from '../types.ts';
import { useApi } from '../use-api.ts';

/** One candidate: flags with their audit trail, then what happened, oldest first, the newest page at first. */
export function Candidate({ id }: { id: string }) {
  const { result, reload } = useApi<CandidateTimeline>(`/candidates/${encodeURIComponent(id)}`);
  // Kept outside the reloaded part of the page, so the outcome of a follow-up survives the reload it causes.
  const [flash, setFlash] = useState<string | undefined>();
  const sent = (message: string) => {
    setFlash(message);
    reload();
  };
  return (
    <main id="main">
      <p>
        <a href={href('/candidates')}>← Flagged candidates</a>
      </p>
      {flash && (
        <p class="success" role="status">
          {flash}
        </p>
      )}
      <Status result={result}>
        {(data) => (
          <>
            <h1>{data.name ?? data.candidateId}</h1>
            <p class="muted">
              {data.email ? `${data.email} · ` : ''}
              <span class="mono">{data.candidateId}</span>
            </p>
            {data.owner && <OwnerLine owner={data.owner} />}
            {data.erasedAt && (
              <p class="notice-box">Earlier data of this candidate was erased on {formatTime(data.erasedAt)}.</p>
            )}
            <section aria-labelledby="flags-heading">
              <h2 id="flags-heading">Flags</h2>
              {data.flags.length === 0 ? (
                <p class="muted">No flags.</p>
              ) : (
                <ul class="flags">
                  {data.flags.map((flag) => (
                    <FlagItem key={flag.flag} flag={flag} onChange={reload} />
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="timeline-heading">
              <h2 id="timeline-heading">Timeline</h2>
              <Older key={data.nextCursor ?? 'none'} candidateId={data.candidateId} cursor={data.nextCursor}>
                {(older) => (
                  <ol class="timeline">
                    {withoutThreadedReplies([...older, ...data.timeline]).map((entry) => (
                      <TimelineItem key={entryKey(entry)} entry={entry} onChange={reload} onSent={sent} />
                    ))}
                  </ol>
                )}
              </Older>
            </section>
            <Erase candidateId={data.candidateId} name={data.name ?? data.candidateId} />
          </>
        )}
      </Status>
    </main>
  );
}

/**
 * The timeline comes a page at a time, newest first: "Show older" loads the page before the oldest shown and
 * puts it above. A reload of the candidate (after an action) starts again from the newest page.
 */
function Older({
  candidateId,
  cursor,
  children,
}: {
  candidateId: string;
  cursor: string | undefined;
  children: (older: readonly TimelineEntry[]) => ComponentChildren;
}) {
  const [older, setOlder] = useState<readonly TimelineEntry[]>([]);
  const [next, setNext] = useState(cursor);
  const [state, setState] = useState<'idle' | 'loading' | string>('idle');
  const showOlder = async () => {
    if (next === undefined) return;
    setState('loading');
    try {
      const page = await api<CandidateTimeline>(
        `/candidates/${encodeURIComponent(candidateId)}?limit=50&cursor=${encodeURIComponent(next)}`,
      );
      setOlder((shown) => [...page.timeline, ...shown]);
      setNext(page.nextCursor);
      setState('idle');
    } catch (e: unknown) {
      setState(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      {next !== undefined && (
        <p>
          <button type="button" onClick={showOlder} disabled={state === 'loading'}>
            {state === 'loading' ? 'Loading older entries…' : 'Show older'}
          </button>
        </p>
      )}
      {state !== 'idle' && state !== 'loading' && (
        <p class="error" role="alert">
          Could not load older entries: {state}
        </p>
      )}
      {children(older)}
    </>
  );
}

/** Replies shown in a notice's conversation are not repeated on their own. */
function withoutThreadedReplies(timeline: readonly TimelineEntry[]): TimelineEntry[] {
  const threaded = new Set(
    timeline.flatMap((e) =>
      e.type === 'notice' ? e.conversation.flatMap((t) => (t.type === 'candidate' ? [t.replyId] : [])) : [],
    ),
  );
  return timeline.filter((e) => e.type !== 'reply' || !threaded.has(e.reply.id));
}

const OWNER_SOURCES: Record<Owner['source'], string> = {
  ats: 'named on the decision (the ATS or POST /decisions)',
  default: 'the default inbox',
  changed: 'changed by a recruiter',
};

/** Names and addresses come from the ATS: rendered as text (Preact escapes it), never as markup. */
function OwnerLine({ owner }: { owner: Owner }) {
  return (
    <p class="owner">
      Owner: {owner.name ? `${owner.name} ` : ''}
      <span class="mono">&lt;{owner.email}&gt;</span>
      {owner.title ? ` · ${owner.title}` : ''} <span class="muted">({OWNER_SOURCES[owner.source]})</span>
    </p>
  );
}

function entryKey(entry: TimelineEntry): string {
  if (entry.type === 'decision') return `d-${entry.decision.key}`;
  if (entry.type === 'notice') return `n-${entry.notice.id}`;
  return `r-${entry.reply.id}`;
}

function FlagItem({ flag, onChange }: { flag: Flag; onChange: () => void }) {
  const headingId = `flag-${flag.flag}`;
  return (
    <li class={`flag flag-${flag.flag}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {FLAG_LABELS[flag.flag]} <span class={`badge status-${flag.status}`}>{label('flagStatus', flag.status)}</span>
        {flag.answeredAt && !flag.unanswered && (
          <span class="badge status-answered">{label('flagStatus', 'answered')}</span>
        )}
      </h3>
      <p>{flag.reason}</p>
      {flag.evidence.map((e) => (
        <blockquote key={e.sentence} class="evidence">
          <mark>{e.sentence}</mark>
          <footer>{e.categories.join(', ')}</footer>
        </blockquote>
      ))}
      <details>
        <summary>Audit trail ({flag.history.length + (flag.historyOmitted ?? 0)})</summary>
        <ol class="audit">
          {auditLines(flag).map((line) => (
            <li key={line.key} class={line.omitted ? 'muted' : undefined}>
              {line.text}
            </li>
          ))}
        </ol>
      </details>
      <FlagActions flag={flag} onDone={onChange} />
    </li>
  );
}

/** The kept history, with a line where the events in between were left out (the first 5 are kept, then the last). */
function auditLines(flag: Flag): { key: string; text: string; omitted?: boolean }[] {
  const lines = flag.history.map((h, i) => ({
    key: `${i}-${h.action}-${h.at}`,
    text: `${formatTime(h.at)}: ${label('flagAction', h.action)} by ${h.by} — ${h.reason}`,
  }));
  if (!flag.historyOmitted) return lines;
  const gap = {
    key: 'omitted',
    text: `… ${flag.historyOmitted} more events in between, not kept (the replies are on the timeline)`,
    omitted: true,
  };
  return [...lines.slice(0, 5), gap, ...lines.slice(5)];
}

function TimelineItem({
  entry,
  onChange,
  onSent,
}: {
  entry: TimelineEntry;
  onChange: () => void;
  onSent: (message: string) => void;
}) {
  const can = useCan();
  if (entry.type === 'decision') {
    const d = entry.decision;
    return (
      <li class="event decision">
        <h3>Rejected for {d.job.title}</h3>
        <p class="muted">
          {formatTime(d.decidedAt)} · from {label('source', d.source)} · {label('reason', d.reason.category)} · at the{' '}
          {label('stage', d.stage).toLowerCase()} stage
          {d.atsStatus === 'cancelled' ? ' · reversed in the ATS' : ''}
        </p>
        {d.reason.name && <p>ATS reason (never shown to the candidate): {d.reason.name}</p>}
        {d.noEmailReason && <p>{d.noEmailReason}</p>}
      </li>
    );
  }
  if (entry.type === 'notice') {
    const { notice, email, sent, emailError } = entry;
    const base = `/notices/${encodeURIComponent(notice.id)}`;
    const cancellable = ['scheduled', 'deferred'].includes(notice.status);
    return (
      <li class="event notice">
        <h3>
          Rejection email <span class={`badge status-${notice.status}`}>{label('noticeStatus', notice.status)}</span>
        </h3>
        {notice.candidate && (
          <p class="sent-to">
            {sent ? 'Sent to' : 'Goes to'} <span class="mono">{notice.candidate.email}</span>
          </p>
        )}
        <p class="muted">
          {notice.job.title} · template {notice.templateId} ({notice.locale})
          {sent ? '' : ` · goes out ${formatTime(notice.sendAt)}`}
        </p>
        {notice.failureReason && <p class="error">{notice.failureReason}</p>}
        <details>
          <summary>Status history ({notice.history.length})</summary>
          <ol class="history">
            {notice.history.map((h, i) => (
              <li key={`${i}-${h.at}`}>
                {formatTime(h.at)}: {label('noticeStatus', h.status)}
                {h.detail ? ` — ${h.detail}` : ''}
              </li>
            ))}
          </ol>
        </details>
        {email && (
          <details class="email-details">
            <summary>
              {sent ? 'The email as sent' : 'The email as it will be sent'}: “{email.subject}”
            </summary>
            <EmailFrame title={`Email: ${email.subject}`} html={email.html} />
            <details class="email-text-part">
              <summary>Plain-text part</summary>
              <pre class="email-text">{email.text}</pre>
            </details>
          </details>
        )}
        {emailError && <p class="error">The email cannot be shown: {emailError}</p>}
        <Conversation noticeId={notice.id} turns={entry.conversation} onSent={onSent} />
        {can.act && (
          <div class="actions">
            {cancellable ? (
              <ActionForm
                id={`cancel-${notice.id}`}
                label="Cancel this notice"
                question="Why cancel it?"
                submitLabel="Cancel notice"
                path={`${base}/cancel`}
                reason="optional"
                onDone={onChange}
              />
            ) : notice.status !== 'sending' ? (
              <ActionForm
                id={`resend-${notice.id}`}
                label="Send again"
                question="Why send it again?"
                submitLabel="Send again"
                path={`${base}/resend`}
                reason="optional"
                onDone={onChange}
              />
            ) : null}
          </div>
        )}
      </li>
    );
  }
  const reply = entry.reply;
  const c = reply.classification;
  return (
    <li class={`event reply${c?.hostile ? ' hostile' : ''}`}>
      <h3>{label('replyStatus', reply.status)}</h3>
      <p class="muted">
        {formatTime(reply.receivedAt)}
        {reply.language ? ` · ${languageLabel(reply.language, c?.language?.source)}` : ''}
        {c ? ` · ${label('sentiment', c.sentiment.label).toLowerCase()} (${c.sentiment.score.toFixed(2)})` : ''}
        {c ? ` · hostility ${c.hostility.toFixed(2)}` : ''}
        {reply.autoReplyReason ? ` · ${reply.autoReplyReason}` : ''}
        {reply.rejectionReason ? ` · ${reply.rejectionReason}` : ''}
      </p>
      {reply.text !== '' && <Highlighted text={reply.text} sentences={(c?.evidence ?? []).map((e) => e.sentence)} />}
      {c && c.intents.length > 0 && <p class="muted">Asks for: {c.intents.join(', ')}</p>}
      {reply.flags.length > 0 && <p class="muted">Raised: {reply.flags.map((f) => FLAG_LABELS[f]).join(', ')}</p>}
    </li>
  );
}

function Erase({ candidateId, name }: { candidateId: string; name: string }) {
  const can = useCan();
  if (!can.erase) return null;
  return (
    <section aria-labelledby="erase-heading" class="danger-zone">
      <h2 id="erase-heading">Erase this candidate</h2>
      <p>
        Deletes every decision, notice, reply (with the raw message) and flag held about {name}, and makes sure their
        address is never emailed again. This cannot be undone.
      </p>
      <ActionForm
        id="erase"
        label="Erase everything…"
        question="Type erase to confirm"
        submitLabel="Erase for good"
        path={`/candidates/${encodeURIComponent(candidateId)}`}
        method="DELETE"
        reason="none"
        confirmWord="erase"
        danger
        onDone={(result) => {
          // 202: an email to the candidate was being sent; the erasure finishes on a repeat after this time.
          const pending = (result as { receipt?: { retryAfter?: string } } | undefined)?.receipt?.retryAfter;
          location.hash = href('/candidates', { erased: candidateId, retryAfter: pending });
        }}
      />
    </section>
  );
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  other: 'another language',
};

/** "written in German", marked when the reply was too short to tell and the notice's locale was taken. */
function languageLabel(code: string, source: string | undefined): string {
  const name = LANGUAGE_NAMES[code] ?? code;
  return source === 'fallback' ? `written in ${name} (as the notice; too short to tell)` : `written in ${name}`;
}
