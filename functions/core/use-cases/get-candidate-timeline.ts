import { z } from 'zod';
import type { CandidateFlag } from '../domain/candidate-flag.ts';
import { GoneError, NotFoundError, TemplateVariableError, ValidationError } from '../domain/errors.ts';
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
  /** One page of decisions, notices and replies (the newest first page), oldest first within the page. */
  readonly timeline: readonly TimelineEntry[];
  /** Where the next (older) page starts; absent on the oldest page. */
  readonly nextCursor?: string;
  /** The candidate's latest notice and decision, whichever page is shown: the owner comes from them. */
  readonly latestNotice?: Notice;
  readonly latestDecision?: StoredDecision;
  /** Set when earlier data of this candidate was erased (what is shown arrived since). */
  readonly erasedAt?: string;
}

export interface TimelinePageRequest {
  /** Entries per page; `DEFAULT_TIMELINE_PAGE` when absent. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

export type GetCandidateTimeline = (candidateId: string, page?: TimelinePageRequest) => Promise<CandidateTimeline>;

/** A page stays well under 256 KB even with long replies (a reply's text is at most 16,000 characters). */
export const DEFAULT_TIMELINE_PAGE = 10;
export const MAX_TIMELINE_PAGE = 50;
/** A notice's thread on the page keeps its latest turns (relays are capped per hour, not in total). */
export const MAX_CONVERSATION_TURNS = 50;

/**
 * Everything about one candidate, for a recruiter.
 *
 * Primary course:
 *  1. Read the candidate's items but their replies (the `byCandidate` index), and one page of replies older
 *     than the cursor: a candidate can have thousands of replies, never all read at once.
 *  2. Nothing there: 410 if the candidate was erased, else 404.
 *  3. Take the newest `limit` entries older than the cursor (decisions, notices, replies); the next cursor is
 *     the last of them when older ones remain.
 *  4. Render each notice on the page as the send renders it (the recorded template, locale and values), and put
 *     its thread together from the page's replies and the relays both ways, oldest first (the latest turns).
 *  5. The page oldest first; flags with their (capped) audit trail apart.
 */
export function makeGetCandidateTimeline(deps: {
  readonly records: CandidateRecords;
  readonly erasures: ErasureLog;
  readonly renderEmail: RenderNoticeEmail;
}): GetCandidateTimeline {
  return async (candidateId, request = {}) => {
    const limit = Math.min(request.limit ?? DEFAULT_TIMELINE_PAGE, MAX_TIMELINE_PAGE);
    const cursor = request.cursor === undefined ? undefined : decodeTimelineCursor(request.cursor);
    const [record, erasure, page] = await Promise.all([
      deps.records.read(candidateId, { replies: false }),
      deps.erasures.get(candidateId),
      deps.records.replyPage(candidateId, { limit, ...(cursor === undefined ? {} : { before: replyBound(cursor) }) }),
    ]);
    const empty = record.decisions.length + record.notices.length + page.replies.length + record.flags.length === 0;
    if (empty) {
      if (erasure !== undefined) {
        throw new GoneError(
          `Everything held about candidate ${candidateId} was erased on ${erasure.completedAt ?? erasure.requestedAt}`,
        );
      }
      throw new NotFoundError(`No candidate with id ${candidateId}`);
    }

    const older = [
      ...record.decisions.map((d) => ({ type: 'decision' as const, at: d.decidedAt, id: d.key, item: d })),
      ...record.notices.map((n) => ({ type: 'notice' as const, at: n.createdAt, id: n.id, item: n })),
      ...page.replies.map((r) => ({ type: 'reply' as const, at: r.receivedAt, id: r.id, item: r })),
    ]
      .filter((e) => cursor === undefined || compareEntries(e, cursor) < 0)
      .sort((a, b) => compareEntries(b, a));
    const shown = older.slice(0, limit);
    const last = shown.at(-1);
    const more = older.length > limit || page.more;
    const timeline: TimelineEntry[] = shown.reverse().map((e) => {
      if (e.type === 'decision') return { type: 'decision', at: e.at, decision: e.item };
      if (e.type === 'reply') return { type: 'reply', at: e.at, reply: e.item };
      return { type: 'notice', at: e.at, notice: withEmail(e.item, page.replies, record.relays) };
    });
    const newest = [...record.decisions].sort((a, b) => (a.decidedAt < b.decidedAt ? 1 : -1))[0];
    const latestNotice = [...record.notices].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
    const name = newest?.candidate.name ?? latestNotice?.candidate.name;
    const email = latestNotice?.candidate.email ?? newest?.candidate.email;
    return {
      candidateId,
      ...definedFields({ name, email }),
      flags: [...record.flags].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1)),
      timeline,
      ...(more && last !== undefined ? { nextCursor: encodeTimelineCursor(last) } : {}),
      ...definedFields({ latestNotice, latestDecision: newest }),
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
  return [...rejection, ...turns.slice(-MAX_CONVERSATION_TURNS)];
}

/** A position in the timeline, newest first: time, then kind (a reply after its notice), then id. */
interface TimelinePosition {
  readonly at: string;
  readonly type: keyof typeof ORDER;
  readonly id: string;
}

function compareEntries(a: TimelinePosition, b: TimelinePosition): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.type !== b.type) return ORDER[a.type] - ORDER[b.type];
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Replies strictly before the cursor: before its reply, or before every reply of its instant (they sort later). */
function replyBound(cursor: TimelinePosition): { at: string; id?: string } {
  return cursor.type === 'reply' ? { at: cursor.at, id: cursor.id } : { at: cursor.at };
}

const CursorSchema = z.object({
  at: z.string().min(1).max(40),
  type: z.enum(['decision', 'notice', 'reply']),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
});

function encodeTimelineCursor(position: TimelinePosition): string {
  const { at, type, id } = position;
  return Buffer.from(JSON.stringify({ at, type, id }), 'utf8').toString('base64url');
}

/** A cursor is client input: only a position this timeline could have handed out is accepted. */
function decodeTimelineCursor(cursor: string): TimelinePosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = CursorSchema.safeParse(parsed);
  if (!result.success) {
    throw new ValidationError('The cursor is not one this timeline handed out', [
      { field: 'cursor', message: 'use the nextCursor of the previous page, unchanged' },
    ]);
  }
  return result.data;
}
