import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import { FLAG_LABELS, type Flag } from '../types.ts';

/** Confirm or dismiss a flag, with the reason the audit trail keeps. */
export function FlagActions({ candidateId, flag, onDone }: { candidateId: string; flag: Flag; onDone: () => void }) {
  const [action, setAction] = useState<'confirm' | 'dismiss' | undefined>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (flag.status !== 'open') return null;
  const label = FLAG_LABELS[flag.flag];
  const id = `reason-${flag.flag}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (action === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      await api(`/candidates/${encodeURIComponent(candidateId)}/flags/${flag.flag}/${action}`, {
        method: 'POST',
        body: JSON.stringify({ reason: reason.trim() }),
      });
      setAction(undefined);
      setReason('');
      onDone();
    } catch (e: unknown) {
      setError(e instanceof ApiError ? e.message : 'The action failed; try again.');
    } finally {
      setBusy(false);
    }
  };

  if (action === undefined) {
    return (
      <div class="actions">
        <button type="button" onClick={() => setAction('confirm')}>
          Confirm “{label}”
        </button>
        <button type="button" onClick={() => setAction('dismiss')}>
          Dismiss “{label}”
        </button>
      </div>
    );
  }
  return (
    <form class="actions" onSubmit={submit}>
      <label for={id}>
        Why {action === 'confirm' ? 'confirm' : 'dismiss'} “{label}”?
      </label>
      <textarea
        id={id}
        required
        minLength={3}
        maxLength={500}
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {action === 'confirm' ? 'Confirm flag' : 'Dismiss flag'}
        </button>
        <button type="button" onClick={() => setAction(undefined)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
