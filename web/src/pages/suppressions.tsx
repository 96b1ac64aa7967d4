import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import { Status } from '../components/status.tsx';
import { formatDateTime } from '../format.ts';
import { label } from '../labels.ts';
import { useCan } from '../me.ts';
import { href } from '../router.ts';
import { liftableBy } from '../suppression-rules.ts';
import type { Suppression, SuppressionList, SuppressionReason } from '../types.ts';
import { useApi } from '../use-api.ts';

const REASONS: readonly SuppressionReason[] = ['hard-bounce', 'complaint', 'recruiter-request', 'erased'];

function isReason(value: string | null): value is SuppressionReason {
  return value !== null && (REASONS as readonly string[]).includes(value);
}

/** Addresses Closeloop will not email (as digests: the address itself is not kept), with add and lift. */
export function Suppressions({ query }: { query: URLSearchParams }) {
  const can = useCan();
  const raw = query.get('reason');
  const reason = isReason(raw) ? raw : undefined;
  const [cursor, setCursor] = useState<string | undefined>();
  const [flash, setFlash] = useState<string | undefined>();
  const params = new URLSearchParams({ limit: '25' });
  if (reason) params.set('reason', reason);
  if (cursor) params.set('cursor', cursor);
  const { result, reload } = useApi<SuppressionList>(`/suppressions?${params.toString()}`);
  const changed = (message: string) => {
    setFlash(message);
    setCursor(undefined);
    reload();
  };
  return (
    <main id="main">
      <h1>Suppressions</h1>
      <p class="muted">
        No email of any kind goes to these addresses. Only a fingerprint of each address is kept, so the list shows why
        and when, not who.
      </p>
      {flash && (
        <p class="success" role="status">
          {flash}
        </p>
      )}
      {can.act && <AddSuppression onDone={changed} />}
      <nav aria-label="Reasons" class="tabs">
        <a class="tab" href={href('/suppressions')} aria-current={reason === undefined ? 'page' : undefined}>
          All
        </a>
        {REASONS.map((r) => (
          <a
            key={r}
            class="tab"
            href={href('/suppressions', { reason: r })}
            aria-current={r === reason ? 'page' : undefined}
            onClick={() => setCursor(undefined)}
          >
            {label('suppressionReason', r)}
          </a>
        ))}
      </nav>
      <Status result={result}>
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <p class="empty">
                {reason === undefined
                  ? 'No address is suppressed: every candidate can be emailed.'
                  : `No address is suppressed for “${label('suppressionReason', reason)}”.`}
              </p>
            ) : (
              <ul class="cards" aria-label="Suppressed addresses, newest first">
                {data.items.map((s) => (
                  <SuppressionCard key={s.id} suppression={s} onLifted={changed} />
                ))}
              </ul>
            )}
            <div class="row">
              {cursor && (
                <button type="button" onClick={() => setCursor(undefined)}>
                  Newest
                </button>
              )}
              {data.nextCursor && (
                <button type="button" onClick={() => setCursor(data.nextCursor)}>
                  Older
                </button>
              )}
            </div>
          </>
        )}
      </Status>
    </main>
  );
}

function SuppressionCard({ suppression, onLifted }: { suppression: Suppression; onLifted: (m: string) => void }) {
  const can = useCan();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const lift = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api(`/suppressions/${encodeURIComponent(suppression.id)}`, { method: 'DELETE' });
      onLifted('The suppression is lifted: emails may go to that address again.');
    } catch (e: unknown) {
      setError(e instanceof ApiError ? e.message : 'The suppression could not be lifted.');
    } finally {
      setBusy(false);
    }
  };
  const headingId = `suppression-${suppression.id}`;
  return (
    <li class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{label('suppressionReason', suppression.reason)}</h2>
      <p class="muted">
        Since <time dateTime={suppression.at}>{formatDateTime(suppression.at)}</time>
        {suppression.origin ? ` · ${originText(suppression.origin)}` : ''}
      </p>
      {suppression.note && <p>{suppression.note}</p>}
      <p class="muted small">
        Fingerprint <span class="mono">{suppression.id.slice(0, 16)}…</span>
      </p>
      {liftableBy(suppression.reason, can) && (
        <button type="button" onClick={lift} disabled={busy}>
          {busy ? 'Lifting…' : 'Lift'}
          <span class="visually-hidden"> the suppression {suppression.id.slice(0, 16)}</span>
        </button>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function originText(origin: string): string {
  const [kind, rest = ''] = origin.split(/:(.*)/s);
  if (kind === 'notice') return `reported by the mail service for notice ${rest}`;
  if (kind === 'erasure') return 'the candidate was erased';
  if (kind === 'recruiter' || kind === 'admin') return `added by ${rest}`;
  return origin;
}

function AddSuppression({ onDone }: { onDone: (message: string) => void }) {
  const [email, setEmail] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = { email: email.trim(), ...(note.trim() === '' ? {} : { note: note.trim() }) };
      const result = await api<{ created: boolean }>('/suppressions', { method: 'POST', body: JSON.stringify(body) });
      setEmail('');
      setNote('');
      onDone(
        result.created
          ? 'The address is suppressed: nothing is sent to it from now on.'
          : 'That address was already suppressed.',
      );
    } catch (e: unknown) {
      setError(e instanceof ApiError ? e.message : 'The address could not be suppressed.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="filters" aria-label="Suppress an address" onSubmit={submit}>
      <label>
        Address to stop emailing
        <input type="email" required maxLength={254} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      <label class="grow">
        Note for colleagues (optional, no addresses)
        <input maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <button type="submit" class="primary" disabled={busy || email.trim() === ''}>
        {busy ? 'Working…' : 'Suppress'}
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
