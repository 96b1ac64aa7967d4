import { useState } from 'preact/hooks';
import { ApiError, api, download, newIdempotencyKey } from '../api.ts';
import { label } from '../labels.ts';
import { useCan } from '../me.ts';
import { type ConversationTurn, FLAG_LABELS, type FollowUpAccepted } from '../types.ts';
import { Highlighted } from './highlight.tsx';
import { formatTime } from './status.tsx';

const ORIGIN_LABELS = {
  'candidate-reply': 'Relayed to the owner',
  'recruiter-mail': 'Owner answered by email',
  dashboard: 'Follow-up from the dashboard',
  'thread-paused': 'Thread paused; the owner was told',
} as const;

/**
 * One thread as a conversation: the rejection, the candidate's turns and every relay both ways, each with its
 * delivery status. Everything the candidate or a recruiter wrote is rendered as text (Preact escapes it).
 */
export function Conversation(props: {
  readonly noticeId: string;
  readonly turns: readonly ConversationTurn[];
  /** After a follow-up was accepted, with what to tell the recruiter (the page reloads the thread). */
  readonly onSent: (message: string) => void;
}) {
  const can = useCan();
  const sent = props.turns.some((t) => t.type === 'rejection');
  return (
    <section class="conversation" aria-label="Conversation">
      <h4>Conversation</h4>
      {props.turns.length === 0 ? (
        <p class="muted">Nothing sent yet: the conversation starts with the rejection.</p>
      ) : (
        <ol class="turns">
          {props.turns.map((turn) => (
            <Turn key={turnKey(turn)} turn={turn} />
          ))}
        </ol>
      )}
      {can.act && sent && <Composer noticeId={props.noticeId} onSent={props.onSent} />}
    </section>
  );
}

function turnKey(turn: ConversationTurn): string {
  if (turn.type === 'relay') return turn.relayId;
  if (turn.type === 'candidate') return turn.replyId;
  return `rejection-${turn.at}`;
}

function Chip({ status }: { status: string }) {
  return <span class={`badge status-${status}`}>{label('relayStatus', status)}</span>;
}

function Turn({ turn }: { turn: ConversationTurn }) {
  if (turn.type === 'rejection') {
    return (
      <li class="turn outbound">
        <p class="who">
          Rejection to the candidate <Chip status={turn.status} />
        </p>
        <p class="muted">
          {formatTime(turn.at)}
          {turn.subject ? ` · “${turn.subject}”` : ''}
        </p>
      </li>
    );
  }
  if (turn.type === 'candidate') {
    return (
      <li class="turn inbound">
        <p class="who">Candidate {turn.status === 'auto-reply' ? '(automatic reply)' : ''}</p>
        <p class="muted">{formatTime(turn.at)}</p>
        {turn.text !== '' && (
          <div class="turn-text">
            <Highlighted text={turn.text} sentences={turn.evidence} />
          </div>
        )}
        {turn.flags.length > 0 && <p class="muted">Raised: {turn.flags.map((f) => FLAG_LABELS[f]).join(', ')}</p>}
      </li>
    );
  }
  const toOwner = turn.recipient === 'owner';
  return (
    <li class={`turn ${toOwner ? 'relay-to-owner' : 'outbound'}`}>
      <p class="who">
        {ORIGIN_LABELS[turn.origin]} → {toOwner ? `owner${turn.to ? ` (${turn.to})` : ''}` : 'candidate'}{' '}
        <Chip status={turn.status} />
      </p>
      <p class="muted">
        {formatTime(turn.at)}
        {turn.actor ? ` · by ${turn.actor}` : ''}
        {turn.withheld ? ' · hostile: the owner was told without the text' : ''}
      </p>
      {!toOwner && <p class="turn-text">{turn.text}</p>}
      {turn.failureReason && <p class="error">{turn.failureReason}</p>}
      {turn.replyId !== undefined && turn.attachments && turn.attachments.length > 0 && (
        <Attachments replyId={turn.replyId} files={turn.attachments} />
      )}
    </li>
  );
}

function Attachments(props: {
  readonly replyId: string;
  readonly files: readonly { readonly filename: string; readonly sizeBytes: number }[];
}) {
  const [error, setError] = useState<string | undefined>();
  return (
    <div class="attachments">
      {props.files.map((file, index) => (
        <button
          key={`${index}-${file.filename}`}
          type="button"
          onClick={() => {
            setError(undefined);
            // Saved under the server's cleaned name, never the raw one the candidate sent.
            download(`/replies/${encodeURIComponent(props.replyId)}/attachments/${index}`, `attachment-${index}`).catch(
              (e: unknown) => setError(e instanceof ApiError ? e.message : 'The download failed.'),
            );
          }}
        >
          Download {file.filename} ({Math.ceil(file.sizeBytes / 1024)} KB)
        </button>
      ))}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Plain text to the candidate. One idempotency key per composed message: a double click sends once. */
function Composer(props: { readonly noticeId: string; readonly onSent: (message: string) => void }) {
  const { noticeId } = props;
  const [text, setText] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const fieldId = `follow-up-${noticeId}`;
  const send = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const accepted = await api<FollowUpAccepted>(`/notices/${encodeURIComponent(noticeId)}/follow-ups`, {
        method: 'POST',
        body: JSON.stringify({ text }),
        headers: { 'idempotency-key': key },
      });
      setText('');
      setKey(newIdempotencyKey());
      props.onSent(
        `Follow-up ${accepted.created ? 'sent to the queue' : 'was already sent'} (${accepted.status}).${
          accepted.answeredFeedbackRequest ? ' The feedback request is marked answered.' : ''
        }`,
      );
    } catch (e: unknown) {
      setError(e instanceof ApiError ? e.message : 'The follow-up could not be sent.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="composer" onSubmit={send}>
      <label for={fieldId}>Answer the candidate (plain text; only what you write is sent)</label>
      <textarea id={fieldId} required maxLength={10_000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <div class="row">
        <button type="submit" class="primary" disabled={busy || text.trim() === ''}>
          {busy ? 'Sending…' : 'Send follow-up'}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
