import { useState } from 'preact/hooks';
import { ActionForm } from '../components/action-form.tsx';
import { Highlighted } from '../components/highlight.tsx';
import { LinkReply, type ReplyLinkResult } from '../components/link-reply.tsx';
import { formatTime, Status } from '../components/status.tsx';
import { useCan } from '../me.ts';
import type { Reply, UnmatchedReplies as UnmatchedRepliesData } from '../types.ts';
import { unmatchedReasons } from '../unmatched-reasons.ts';
import { useApi } from '../use-api.ts';

const PAGE_SIZE = 25;

/** Replies no notice matched, newest first, with why: on no candidate's timeline, so recruiters read them here. */
export function UnmatchedReplies() {
  const [cursor, setCursor] = useState<string | undefined>();
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(cursor === undefined ? {} : { cursor }) });
  const { result } = useApi<UnmatchedRepliesData>(`/replies/unmatched?${query.toString()}`);
  // Dismissed here: off the list at once (the API agrees on the next load).
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [said, setSaid] = useState<string | undefined>();
  const onDismissed = (reply: Reply) => {
    setDismissed(new Set([...dismissed, reply.id]));
    setSaid(
      `Dismissed the reply “${reply.subject?.trim() || '(no subject)'}”${reply.from ? ` from ${reply.from}` : ''}.`,
    );
  };
  return (
    <main id="main">
      <h1>Unmatched replies</h1>
      <p class="muted">
        Mail that reached the reply address but could not be tied to a notice Closeloop sent, newest first. These
        replies are on no candidate's timeline and raise no flags until a recruiter links one to the candidate who wrote
        it; the others can be dismissed.
      </p>
      {said && (
        <p class="success" role="status">
          {said}
        </p>
      )}
      <Status result={result}>
        {(loaded) => {
          const data = { ...loaded, replies: loaded.replies.filter((reply) => !dismissed.has(reply.id)) };
          return data.replies.length === 0 && cursor === undefined ? (
            <p class="muted">No unmatched replies: every reply so far was tied to the notice it answers.</p>
          ) : (
            <>
              <p class="muted">
                {cursor === undefined && data.nextCursor === undefined
                  ? `${data.replies.length} ${data.replies.length === 1 ? 'reply' : 'replies'}.`
                  : `${PAGE_SIZE} per page, newest first.`}
              </p>
              <ul class="cards" aria-label="Unmatched replies, newest first">
                {data.replies.map((reply) => (
                  <UnmatchedReply key={reply.id} reply={reply} onDismissed={onDismissed} />
                ))}
              </ul>
              <div class="row">
                {cursor && (
                  <button type="button" onClick={() => setCursor(undefined)}>
                    Newest replies
                  </button>
                )}
                {data.nextCursor && (
                  <button type="button" onClick={() => setCursor(data.nextCursor)}>
                    Older replies
                  </button>
                )}
              </div>
            </>
          );
        }}
      </Status>
    </main>
  );
}

function UnmatchedReply({ reply, onDismissed }: { reply: Reply; onDismissed: (reply: Reply) => void }) {
  const headingId = `reply-${reply.id}`;
  const can = useCan();
  const [linked, setLinked] = useState<{ result: ReplyLinkResult; who: string } | undefined>();
  const c = reply.classification;
  const subject = reply.subject?.trim();
  return (
    <li class={`card unmatched-reply${c?.hostile ? ' hostile' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{subject ? subject : '(no subject)'}</h2>
      <dl class="reply-facts">
        <div>
          <dt>Received</dt>
          <dd>
            <time dateTime={reply.receivedAt}>{formatTime(reply.receivedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>From</dt>
          <dd class="sender">{reply.from ?? 'No sender address'}</dd>
        </div>
        <div>
          <dt>Not matched because</dt>
          <dd>
            <ul class="reasons">
              {unmatchedReasons(reply.correlation.reason).map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{kindOf(reply)}</dd>
        </div>
      </dl>
      {reply.text === '' ? (
        <p class="muted">{reply.status === 'classified' ? 'No text.' : 'No text of their own to show.'}</p>
      ) : (
        <Highlighted text={reply.text} sentences={(c?.evidence ?? []).map((e) => e.sentence)} />
      )}
      {c && c.intents.length > 0 && <p class="muted">Asks for: {c.intents.join(', ')}</p>}
      {linked ? (
        <p class="success" role="status">
          {linked.result.state === 'linked' ? 'Already linked to ' : 'Linked to '}
          <a href={`#/candidates/${linked.result.candidateId}`}>{linked.who}</a>
          {linked.result.state === 'linked'
            ? ': nothing was done again.'
            : ': read as their reply, flagged and relayed to their recruiter; it is on their timeline once read.'}
        </p>
      ) : (
        can.act && (
          <div class="row">
            {reply.status !== 'rejected' && (
              <LinkReply replyId={reply.id} onLinked={(result, who) => setLinked({ result, who })} />
            )}
            <ActionForm
              id={`dismiss-${reply.id}`}
              label="Dismiss"
              question="Why dismiss it? (optional, kept with the reply)"
              submitLabel="Dismiss reply"
              path={`/replies/${reply.id}/dismiss`}
              reason="optional"
              onDone={() => onDismissed(reply)}
            />
          </div>
        )
      )}
    </li>
  );
}

function kindOf(reply: Reply): string {
  const c = reply.classification;
  switch (reply.status) {
    case 'auto-reply':
      return `Automatic reply${reply.autoReplyReason ? ` (${reply.autoReplyReason})` : ''}, not classified`;
    case 'rejected':
      return `Not read${reply.rejectionReason ? `: ${reply.rejectionReason}` : ''}`;
    case 'empty':
      return 'A reply with nothing of its own once quotes and signatures were removed';
    case 'classified':
      return c === undefined
        ? 'A reply'
        : `A reply · sentiment ${c.sentiment.label} (${c.sentiment.score.toFixed(2)}) · hostility ${c.hostility.toFixed(2)}${c.hostile ? ' · hostile' : ''}`;
  }
}
