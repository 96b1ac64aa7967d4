import type { CandidateFlag } from '../domain/candidate-flag.ts';
import { GoneError, NotFoundError, TemplateVariableError } from '../domain/errors.ts';
import { type Notice, SENT_STATUSES } from '../domain/notice.ts';
import { definedFields } from '../domain/optional.ts';
import type { Relay } from '../domain/relay.ts';
import type { Reply } from '../domain/reply.ts';
import type { CandidateRecords } from '../ports/candidate-records.ts';
import type { StoredDecision } from '../ports/decision-repository.ts';
import type { ErasureLog } from '../ports/erasure-log.ts';
import type { RenderedEmail } from '../ports/template-renderer.ts';
import type { RenderNoticeEmail } from './preview-notice.ts';

export interface NoticeWithEmail {
  readonly notice: Notice;
  /** The email as the send renders it (sent, or to be sent when `sent` is false). */
  readonly email?: RenderedEmail;
  readonly sent: boolean;
  /** Why the email cannot be shown (a template value missing): the send failed the same way. */
  readonly emailError?: string;
  /** The thread, oldest first: the rejection, each candidate turn, each relay both ways. */
  readonly conversation: readonly ConversationTurn[];
}

/** One turn of a thread (one notice). */
export type ConversationTurn =
  | { readonly type: 'rejection'; readonly at: string; readonly status: string; readonly subject?: string }
  | { readonly type: 'candidate'; readonly at: string; readonly reply: Reply }
  | { readonly type: 'relay'; readonly at: string; readonly relay: Relay };

export type TimelineEntry =
  | { readonly type: 'decision'; readonly at: string; readonly decision: StoredDecision }
  | { readonly type: 'notice'; readonly at: string; readonly notice: NoticeWithEmail }
  | { readonly type: 'reply'; readonly at: string; readonly reply: Reply };

export interface CandidateTimeline {
  readonly candidateId: string;
  /** From the newest decision. */
  readonly name?: string;
  readonly email?: string;
  readonly flags: readonly CandidateFlag[];
  /** Decisions, notices and replies, oldest first. */
  readonly timeline: readonly TimelineEntry[];
  /** Set when earlier data of this candidate was erased (what is shown arrived since). */
  readonly erasedAt?: string;
}

export type GetCandidateTimeline = (candidateId: string) => Promise<CandidateTimeline>;

/**
 * Everything about one candidate, for a recruiter.
 *
 * Primary course:
 *  1. Read the candidate's items (the `byCandidate` index).
 *  2. Nothing there: 410 if the candidate was erased, else 404.
 *  3. Render each notice's email as the send renders it (the recorded template, locale and values), and put
 *     its thread together: the rejection, the candidate's turns and the relays both ways, oldest first.
 *  4. Merge decisions, notices and replies into one timeline, oldest first; flags with their audit trail apart.
 */
export function makeGetCandidateTimeline(deps: {
  readonly records: CandidateRecords;
  readonly erasures: ErasureLog;
  readonly renderEmail: RenderNoticeEmail;
}): GetCandidateTimeline {
  return async (candidateId) => {
    const [record, erasure] = await Promise.all([deps.records.read(candidateId), deps.erasures.get(candidateId)]);
    const empty = record.decisions.length + record.notices.length + record.replies.length + record.flags.length === 0;
    if (empty) {
      if (erasure !== undefined) {
        throw new GoneError(
          `Everything held about candidate ${candidateId} was erased on ${erasure.completedAt ?? erasure.requestedAt}`,
        );
      }
      throw new NotFoundError(`No candidate with id ${candidateId}`);
    }

    const notices = record.notices.map((notice) => withEmail(notice, record.replies, record.relays));
    const timeline: TimelineEntry[] = [
      ...record.decisions.map((decision) => ({ type: 'decision' as const, at: decision.decidedAt, decision })),
      ...notices.map((notice) => ({ type: 'notice' as const, at: notice.notice.createdAt, notice })),
      ...record.replies.map((reply) => ({ type: 'reply' as const, at: reply.receivedAt, reply })),
    ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : ORDER[a.type] - ORDER[b.type]));
    const newest = [...record.decisions].sort((a, b) => (a.decidedAt < b.decidedAt ? 1 : -1))[0];
    const latestNotice = [...record.notices].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
    const name = newest?.candidate.name ?? latestNotice?.candidate.name;
    const email = latestNotice?.candidate.email ?? newest?.candidate.email;
    return {
      candidateId,
      ...definedFields({ name, email }),
      flags: [...record.flags].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1)),
      timeline,
      ...(erasure === undefined ? {} : { erasedAt: erasure.completedAt ?? erasure.requestedAt }),
    };
  };

  function withEmail(notice: Notice, replies: readonly Reply[], all: readonly Relay[]): NoticeWithEmail {
    const sent = SENT_STATUSES.includes(notice.status);
    const relays = all.filter((relay) => relay.noticeId === notice.id);
    try {
      const email = deps.renderEmail(notice);
      return { notice, sent, email, conversation: conversationOf(notice, email.subject, replies, relays) };
    } catch (e: unknown) {
      if (!(e instanceof TemplateVariableError)) throw e;
      return { notice, sent, emailError: e.message, conversation: conversationOf(notice, undefined, replies, relays) };
    }
  }
}

/** A decision, its notice and the reply, when they share an instant. */
const ORDER = { decision: 0, notice: 1, reply: 2 } as const;

/** A thread in order: the rejection when it went out, then the candidate's turns and the relays as they happened. */
function conversationOf(
  notice: Notice,
  subject: string | undefined,
  replies: readonly Reply[],
  relays: readonly Relay[],
): ConversationTurn[] {
  const sentAt = notice.history.find((h) => h.status === 'sent')?.at;
  const rejection: ConversationTurn[] = SENT_STATUSES.includes(notice.status)
    ? [{ type: 'rejection', at: sentAt ?? notice.sendAt, status: notice.status, ...(subject ? { subject } : {}) }]
    : [];
  const turns: ConversationTurn[] = [
    ...replies
      .filter((reply) => reply.correlation.noticeId === notice.id)
      .map((reply) => ({ type: 'candidate' as const, at: reply.receivedAt, reply })),
    ...relays.map((relay) => ({ type: 'relay' as const, at: relay.createdAt, relay })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.type === 'candidate' ? -1 : 1));
  return [...rejection, ...turns];
}
