import type { ComponentChildren } from 'preact';
import { ApiError, SignedOut } from '../api.ts';
import { formatDateTime } from '../format.ts';
import type { Loaded } from '../use-api.ts';

/** Loading and error states, announced to screen readers; renders `children(data)` when ready. */
export function Status<T>({ result, children }: { result: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (result.state === 'loading') {
    return (
      <p class="muted" role="status">
        Loading…
      </p>
    );
  }
  if (result.state === 'error') {
    if (result.error instanceof SignedOut) {
      location.reload();
      return null;
    }
    const message =
      result.error instanceof ApiError ? result.error.message : 'The API could not be reached. Is it running?';
    return (
      <p class="error" role="alert">
        {message}
      </p>
    );
  }
  return <>{children(result.data)}</>;
}

/** Kept for the pages that import it from here: the viewer's time zone and locale (web/src/format.ts). */
export function formatTime(iso: string): string {
  return formatDateTime(iso);
}

export function percent(value: number | null): string {
  if (value === null) return '—';
  return `${(value * 100).toFixed(value > 0 && value < 0.1 ? 2 : 1)}%`;
}
