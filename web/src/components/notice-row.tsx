import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { label } from '../labels.ts';
import { useCan } from '../me.ts';
import { href } from '../router.ts';
import type { NoticeSummary } from '../types.ts';

type Action = 'resend' | 'fix' | 'cancel';

/** Statuses after which the address itself is the likely problem: fixing it is the first action offered. */
const ADDRESS_TROUBLE = ['bounced', 'complained', 'failed', 'suppressed'];

/**
 * One rejection: who, for which job, where the email stands (and to which address), and the actions that fix a
 * failure. An action's form opens in a row of its own below, so it has the table's full width on a phone.
 */
export function NoticeRow({ notice, onChanged }: { notice: NoticeSummary; onChanged: (message: string) => void }) {
  const can = useCan();
  const [open, setOpen] = useState<Action | undefined>();
  const name = notice.candidate.name || notice.candidate.email;
  const actions: Action[] = [];
  if (notice.status !== 'sending') {
    if (ADDRESS_TROUBLE.includes(notice.status)) actions.push('fix', 'resend');
    else actions.push('resend', 'fix');
  }
  if (notice.status === 'scheduled' || notice.status === 'deferred') actions.push('cancel');
  // The outcome is told by the page: the row may leave the view (a bounced notice resent is scheduled again).
  const finished = (message: string) => {
    setOpen(undefined);
    onChanged(message);
  };
  return (
    <>
      <tr class={`notice-row status-row-${notice.status}`}>
        <td data-label="Candidate">
          <a href={href(`/candidates/${encodeURIComponent(notice.candidateId)}`)}>{name}</a>
          <span class="muted block mono">{notice.candidate.email}</span>
        </td>
        <td data-label="Job">{notice.job.title}</td>
        <td data-label="Email">
          <span class={`badge status-${notice.status}`}>{label('noticeStatus', notice.status)}</span>{' '}
          <time class="muted" dateTime={notice.statusAt}>
            {formatDateTime(notice.statusAt)}
          </time>
          {notice.attempts > 1 && <span class="muted block">{notice.attempts} attempts</span>}
        </td>
        <td data-label="Decided">
          {notice.decidedAt ? <time dateTime={notice.decidedAt}>{formatDate(notice.decidedAt)}</time> : '—'}
        </td>
        <td data-label="Owner">{notice.owner.name ?? notice.owner.email}</td>
        <td data-label="Actions">
          {can.act && actions.length > 0 ? (
            <div class="row-actions">
              {actions.map((action) => (
                <button
                  key={action}
                  type="button"
                  aria-expanded={open === action}
                  aria-controls={`action-${notice.id}`}
                  onClick={() => setOpen(open === action ? undefined : action)}
                >
                  {ACTION_LABELS[action]}
                  <span class="visually-hidden"> for {name}</span>
                </button>
              ))}
            </div>
          ) : (
            <span class="muted">—</span>
          )}
        </td>
      </tr>
      {open !== undefined && (
        <tr class="action-row">
          <td colSpan={6} id={`action-${notice.id}`}>
            <NoticeActionForm notice={notice} action={open} onCancel={() => setOpen(undefined)} onDone={finished} />
          </td>
        </tr>
      )}
    </>
  );
}

const ACTION_LABELS: Record<Action, string> = {
  resend: 'Resend',
  fix: 'Fix address',
  cancel: 'Cancel',
};

function NoticeActionForm(props: {
  readonly notice: NoticeSummary;
  readonly action: Action;
  readonly onCancel: () => void;
  readonly onDone: (message: string) => void;
}) {
  const { notice, action } = props;
  const [email, setEmail] = useState(notice.candidate.email);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const base = `/notices/${encodeURIComponent(notice.id)}`;
  const ids = { email: `email-${notice.id}`, reason: `reason-${notice.id}`, error: `error-${notice.id}` };

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const why = reason.trim() === '' ? {} : { reason: reason.trim() };
    try {
      if (action === 'cancel') {
        await api(`${base}/cancel`, { method: 'POST', body: JSON.stringify(why) });
        props.onDone(`The rejection email to ${notice.candidate.name} is cancelled: it will not be sent.`);
      } else {
        const corrected = action === 'fix' ? { email: email.trim() } : {};
        await api(`${base}/resend`, { method: 'POST', body: JSON.stringify({ ...corrected, ...why }) });
        props.onDone(
          `The rejection email will be sent again to ${action === 'fix' ? email.trim() : notice.candidate.email}.`,
        );
      }
    } catch (e: unknown) {
      setError(e instanceof ApiError ? e.message : 'The action failed; try again.');
    } finally {
      setBusy(false);
    }
  };

  const title =
    action === 'fix'
      ? `Fix ${notice.candidate.name}’s address and resend`
      : action === 'resend'
        ? `Send the rejection email to ${notice.candidate.email} again`
        : `Cancel the rejection email to ${notice.candidate.name}`;
  return (
    <form class="action-form" onSubmit={submit} aria-label={title}>
      <p class="form-title">{title}</p>
      {action === 'fix' && (
        <>
          <label for={ids.email}>Correct address</label>
          <input
            id={ids.email}
            type="email"
            required
            maxLength={254}
            autocomplete="off"
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </>
      )}
      <label for={ids.reason}>Why? (optional, kept on the timeline)</label>
      <input id={ids.reason} maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      {error && (
        <p id={ids.error} class="error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class={action === 'cancel' ? 'danger' : 'primary'} disabled={busy}>
          {busy
            ? 'Working…'
            : action === 'cancel'
              ? 'Cancel the email'
              : action === 'fix'
                ? 'Save and resend'
                : 'Resend'}
        </button>
        <button type="button" onClick={props.onCancel}>
          Close
        </button>
      </div>
    </form>
  );
}
