import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';

/**
 * A button that opens a small form asking why, then calls the API: every recruiter action is recorded with
 * its reason. `confirmWord`, when set, must be typed before the action can run (erasure).
 */
export function ActionForm(props: {
  readonly id: string;
  readonly label: string;
  readonly question: string;
  readonly submitLabel: string;
  readonly path: string;
  readonly method?: 'POST' | 'DELETE';
  readonly reason?: 'required' | 'optional' | 'none';
  readonly confirmWord?: string;
  readonly danger?: boolean;
  readonly onDone: (result: unknown) => void;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const reason = props.reason ?? 'required';
  const fieldId = `${props.id}-field`;
  const errorId = `${props.id}-error`;

  if (!open) {
    return (
      <button type="button" class={props.danger ? 'danger' : undefined} onClick={() => setOpen(true)}>
        {props.label}
      </button>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = reason === 'none' || text.trim() === '' ? undefined : JSON.stringify({ reason: text.trim() });
      const result = await api<unknown>(props.path, {
        method: props.method ?? 'POST',
        ...(body === undefined ? {} : { body }),
      });
      setOpen(false);
      setText('');
      props.onDone(result);
    } catch (e: unknown) {
      setError(e instanceof ApiError ? e.message : 'The action failed; try again.');
    } finally {
      setBusy(false);
    }
  };
  const typed = props.confirmWord === undefined || text.trim() === props.confirmWord;

  return (
    <form class="action-form" onSubmit={submit}>
      {reason !== 'none' || props.confirmWord !== undefined ? (
        <>
          <label for={fieldId}>{props.question}</label>
          {props.confirmWord === undefined ? (
            <textarea
              id={fieldId}
              required={reason === 'required'}
              minLength={reason === 'required' ? 3 : 0}
              maxLength={1000}
              value={text}
              aria-describedby={error ? errorId : undefined}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          ) : (
            <input
              id={fieldId}
              autocomplete="off"
              value={text}
              aria-describedby={error ? errorId : undefined}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          )}
        </>
      ) : (
        <p>{props.question}</p>
      )}
      {error && (
        <p id={errorId} class="error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class={props.danger ? 'danger' : 'primary'} disabled={busy || !typed}>
          {busy ? 'Working…' : props.submitLabel}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
