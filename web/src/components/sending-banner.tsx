import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { pausedBy } from '../labels.ts';
import { useCan } from '../me.ts';
import type { Route } from '../router.ts';
import type { SendingStatus } from '../types.ts';

/**
 * On every page while sending is paused: who paused it, when and why, and Resume for admins. Read again on each
 * navigation, so a pause by a colleague shows on the next click. A viewer may not read the switch (403): no banner.
 */
export function SendingBanner({ route }: { route: Route }) {
  const can = useCan();
  const [status, setStatus] = useState<SendingStatus | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [resumed, setResumed] = useState(false);
  // A read that started before Resume answered must not bring the banner back with what it saw then.
  const changes = useRef(0);
  useEffect(() => {
    let live = true;
    const seen = changes.current;
    const current = () => live && seen === changes.current;
    api<SendingStatus>('/admin/sending')
      .then((s) => current() && setStatus(s))
      .catch(() => current() && setStatus(undefined));
    return () => {
      live = false;
    };
  }, [route]);

  if (resumed && status?.paused !== true) {
    return (
      <div class="banner resumed" role="status">
        Sending resumed: notices that waited go out on the next sweeps.
      </div>
    );
  }
  if (status?.paused !== true) return null;
  const resume = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await api<{ status: SendingStatus }>('/admin/sending/resume', {
        method: 'POST',
        body: JSON.stringify({ reason: 'resumed from the dashboard' }),
      });
      changes.current += 1;
      setStatus(result.status);
      setResumed(true);
    } catch (e: unknown) {
      setError(e instanceof ApiError ? e.message : 'Sending could not be resumed; try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="banner paused" aria-label="Sending is paused">
      <p>
        <strong>Sending is paused.</strong> No rejection email goes out until an admin resumes; nothing is lost. Paused
        by {pausedBy(status.changedBy)}
        {status.changedAt ? ` on ${formatDateTime(status.changedAt)}` : ''}
        {status.reason ? `: “${status.reason}”` : '.'}
      </p>
      {can.admin && (
        <button type="button" class="primary" onClick={resume} disabled={busy}>
          {busy ? 'Resuming…' : 'Resume sending'}
        </button>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
