import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import type { NoticeList, NoticeSummary } from '../types.ts';

/** `POST /replies/{id}/link`: `queued` while the reply is read as the candidate's, `linked` when it was before. */
export interface ReplyLinkResult {
  readonly replyId: string;
  readonly candidateId: string;
  readonly state: 'queued' | 'linked';
}

interface Candidate {
  readonly candidateId: string;
  readonly name: string;
  readonly email: string;
  readonly job: string;
}

/** One choice per candidate: their notices share the candidate id, the newest first. */
function candidatesOf(items: readonly NoticeSummary[]): Candidate[] {
  const seen = new Map<string, Candidate>();
  for (const n of items) {
    if (!seen.has(n.candidateId)) {
      seen.set(n.candidateId, {
        candidateId: n.candidateId,
        name: n.candidate.name,
        email: n.candidate.email,
        job: n.job.title,
      });
    }
  }
  return [...seen.values()];
}

/**
 * "Link to candidate": find the candidate by name or email among the notices (`GET /notices?q=`), pick one, confirm.
 * The reply is then read as the candidate's reply to their latest email: flags, and one relay to the owner.
 */
export function LinkReply(props: {
  readonly replyId: string;
  readonly onLinked: (result: ReplyLinkResult, who: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Candidate[] | undefined>();
  const [chosen, setChosen] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const id = `link-${props.replyId}`;

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Link to candidate
      </button>
    );
  }

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e: unknown) {
      setError(e instanceof ApiError ? e.message : 'That failed; try again.');
    } finally {
      setBusy(false);
    }
  };
  const search = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const params = new URLSearchParams({ q: query.trim(), limit: '50' });
      const list = await api<NoticeList>(`/notices?${params.toString()}`);
      const candidates = candidatesOf(list.items);
      setFound(candidates);
      setChosen(candidates.length === 1 ? candidates[0]?.candidateId : undefined);
    });
  };
  const pick = found?.find((c) => c.candidateId === chosen);
  const link = () =>
    run(async () => {
      if (pick === undefined) return;
      const result = await api<ReplyLinkResult>(`/replies/${props.replyId}/link`, {
        method: 'POST',
        body: JSON.stringify({ candidateId: pick.candidateId }),
      });
      setOpen(false);
      props.onLinked(result, `${pick.name} <${pick.email}>`);
    });

  return (
    <div class="action-form link-reply">
      <form aria-label="Find the candidate" onSubmit={search}>
        <label for={`${id}-q`}>Find the candidate by name or email</label>
        <div class="row">
          <input
            id={`${id}-q`}
            type="search"
            required
            maxLength={200}
            autocomplete="off"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <button type="submit" disabled={busy}>
            Search
          </button>
        </div>
      </form>
      {found !== undefined &&
        (found.length === 0 ? (
          <p class="muted" role="status">
            No candidate matches “{query.trim()}”.
          </p>
        ) : (
          <fieldset class="choices">
            <legend>Which candidate wrote this?</legend>
            {found.map((c) => (
              <label key={c.candidateId} class="choice">
                <input
                  type="radio"
                  name={`${id}-candidate`}
                  value={c.candidateId}
                  checked={chosen === c.candidateId}
                  onChange={() => setChosen(c.candidateId)}
                />
                <span>
                  {c.name} &lt;{c.email}&gt; · {c.job}
                </span>
              </label>
            ))}
          </fieldset>
        ))}
      {error && (
        <p id={`${id}-error`} class="error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="button" class="primary" disabled={busy || pick === undefined} onClick={() => void link()}>
          {busy ? 'Working…' : pick === undefined ? 'Link' : `Link to ${pick.name}`}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {pick !== undefined && (
        <p class="muted">
          The reply will be read as {pick.name}'s answer to their latest email: flags are raised and it is relayed to
          their recruiter once.
        </p>
      )}
    </div>
  );
}
