import { useCan } from '../me.ts';
import { FLAG_LABELS, type Flag } from '../types.ts';
import { ActionForm } from './action-form.tsx';

/** Confirm or dismiss a flag, with the reason its audit trail keeps. */
export function FlagActions({ flag, onDone }: { flag: Flag; onDone: () => void }) {
  const can = useCan();
  if (!can.act) return null;
  const label = FLAG_LABELS[flag.flag];
  const base = `/candidates/${encodeURIComponent(flag.candidateId)}/flags/${flag.flag}`;
  return (
    <div class="actions">
      {flag.status !== 'confirmed' && (
        <ActionForm
          id={`confirm-${flag.flag}`}
          label={`Confirm “${label}”`}
          question={`Why confirm “${label}”?`}
          submitLabel="Confirm flag"
          path={`${base}/confirm`}
          onDone={onDone}
        />
      )}
      {flag.flag === 'feedback-requested' && flag.unanswered && (
        <ActionForm
          id="answered-feedback-requested"
          label="Mark answered"
          question="You answered the candidate outside Closeloop (a call, a meeting)."
          submitLabel="Mark answered"
          path={`${base}/answered`}
          reason="none"
          onDone={onDone}
        />
      )}
      {flag.status !== 'dismissed' && (
        <ActionForm
          id={`dismiss-${flag.flag}`}
          label={`Dismiss “${label}”`}
          question={`Why dismiss “${label}”?`}
          submitLabel="Dismiss flag"
          path={`${base}/dismiss`}
          onDone={onDone}
        />
      )}
    </div>
  );
}
