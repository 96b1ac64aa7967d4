import { type CandidateFlag, isUnanswered } from '../domain/candidate-flag.ts';
import { ConflictError, GoneError, NotFoundError, ValidationError } from '../domain/errors.ts';
import {
  followUpTextIssues,
  formatMailbox,
  IDEMPOTENCY_KEY_PATTERN,
  replySubject,
  sesMessageIdHeader,
} from '../domain/follow-up.ts';
import { type Notice, SENT_STATUSES } from '../domain/notice.ts';
import { type Relay, type RelayCause, relayIdFor } from '../domain/relay.ts';
import { addressOf } from '../domain/relay-addresses.ts';
import type { CandidateRecords } from '../ports/candidate-records.ts';
import type { Clock } from '../ports/clock.ts';
import type { ErasureLog } from '../ports/erasure-log.ts';
import type { FlagRepository } from '../ports/flag-repository.ts';
import type { Log } from '../ports/log.ts';
import type { NoticeRepository } from '../ports/notice-repository.ts';
import type { RelayRepository } from '../ports/relay-repository.ts';
import type { SuppressionRepository } from '../ports/suppression-repository.ts';
import type { RenderNoticeEmail } from './preview-notice.ts';
import type { StartRelay } from './start-relay.ts';
import { makeThreadWindow, overTheCap, type ThreadWindowDeps, threadRelay } from './thread-window.ts';

export interface SendFollowUpDeps {
  readonly notices: Pick<NoticeRepository, 'get'>;
  readonly records: Pick<CandidateRecords, 'read'>;
  readonly erasures: Pick<ErasureLog, 'get'>;
  readonly suppressions: Pick<SuppressionRepository, 'find'>;
  readonly flags: Pick<FlagRepository, 'get' | 'markAnswered'>;
  readonly renderEmail: RenderNoticeEmail;
  readonly startRelay: StartRelay;
  /**
   * Counts the follow-up in the thread's hourly cap (thread-window.ts); deletes it again when the candidate's
   * erasure completed while it was being created.
   */
  readonly relays: Pick<RelayRepository, 'delete' | 'countInWindow' | 'recruiterTokenFor'>;
  /** The cap and the thread-paused notice to the owner. */
  readonly relay: ThreadWindowDeps['relay'];
  readonly clock: Clock;
  readonly log: Log;
  /** The verified sender (`Name <address>`): follow-ups come from its address, as the rejection did. */
  readonly senderFrom: string;
  readonly replyDomain: string;
  /** Whose Message-IDs SES writes (`<id@<region>.amazonses.com>`); undefined: us-east-1's form. */
  readonly sesRegion?: string;
  /** When nobody owns the notice and the recruiter's own name is unknown. */
  readonly defaultSenderName?: string;
  readonly retentionDays: number;
}

export interface FollowUpInput {
  readonly noticeId: string;
  readonly text: string;
  /** `recruiter:<subject>`: who wrote it (never an address). */
  readonly actor: string;
  /** The signed-in recruiter's name, when the identity provider gives one. */
  readonly actorName?: string;
  /** The `Idempotency-Key` header: the same key from the same recruiter sends once. */
  readonly idempotencyKey: string;
}

export interface FollowUpResult {
  readonly relay: Relay;
  /** False when this key had already sent a follow-up (a double click, a retried request). */
  readonly created: boolean;
  /** The candidate's open feedback request, now answered by this follow-up. */
  readonly answered?: CandidateFlag;
}

export type SendFollowUp = (input: FollowUpInput) => Promise<FollowUpResult>;

const MAX_REFERENCES = 10;

/**
 * A recruiter answers a thread from the dashboard: a plain-text follow-up to the candidate, sent like every
 * relay (docs/conversations.md).
 *
 * Primary course:
 *  1. Check the text and the key; find the notice (404); it must have been sent, or there is no thread (409).
 *  2. The candidate must not be erased (410) nor their address suppressed (409, saying why).
 *  3. Build a `to-candidate` relay: From the owner's name at our sender address, Reply-To the candidate side of
 *     the thread, `Re:` the rejection's subject, threaded on the candidate's latest message (else the rejection).
 *  4. Count it in the thread's hourly cap: over it, the owner is told once and the answer is 409 (nothing sent).
 *     Hand it to start-relay (one relay per key: a double click sends once, and is counted once).
 *  5. Read the erasure receipt again: an erasure that ran meanwhile may have read the thread before the relay
 *     existed, so the relay is deleted (it holds the candidate's address and the text) and the answer is 410.
 *  6. Mark the candidate's open `feedback-requested` flag answered by it.
 */
export function makeSendFollowUp(deps: SendFollowUpDeps): SendFollowUp {
  const threadWindow = makeThreadWindow(deps);
  return async (input) => {
    const notice = await sentNotice(input);
    await ensureReachable(notice);
    const relay = await buildRelay(notice, input);
    const window = await threadWindow.count(threadRelay(notice, relay));
    if (!window.counted) throw new ConflictError(`${overTheCap(window.until)}. Nothing was sent; try again then.`);
    const started = await deps.startRelay(relay);
    await ensureNotErasedMeanwhile(notice, started);
    if (started.text !== relay.text || started.noticeId !== relay.noticeId) {
      throw new ConflictError(
        'This Idempotency-Key already sent a different follow-up: use a new key for a new message.',
      );
    }
    const answered = await answerFeedbackRequest(notice, input.actor, started.id);
    deps.log.info('follow-up handed to the relay', {
      relayId: started.id,
      noticeId: notice.id,
      status: started.status,
    });
    // start-relay hands back the relay it was given only when it created it.
    return { relay: started, created: started === relay, ...(answered ? { answered } : {}) };
  };

  async function sentNotice(input: FollowUpInput): Promise<Notice> {
    const issues = followUpTextIssues(input.text);
    if (!IDEMPOTENCY_KEY_PATTERN.test(input.idempotencyKey)) {
      issues.push({ field: 'Idempotency-Key', message: 'A header of 8–128 visible characters, such as a UUID' });
    }
    if (issues.length > 0) throw new ValidationError('The follow-up cannot be sent.', issues);
    const notice = await deps.notices.get(input.noticeId);
    if (notice === undefined) throw new NotFoundError(`No notice with id ${input.noticeId}`);
    if (!SENT_STATUSES.includes(notice.status) || notice.sesMessageId === undefined) {
      throw new ConflictError(
        `The rejection was never sent (it is ${notice.status}), so there is no conversation to follow up on.`,
      );
    }
    return notice;
  }

  async function ensureReachable(notice: Notice): Promise<void> {
    const [erasure, suppression] = await Promise.all([
      deps.erasures.get(notice.candidateId),
      deps.suppressions.find(notice.emailDigest),
    ]);
    if (suppression?.reason === 'erased' || erasedSince(notice, erasure)) {
      throw new GoneError(`The candidate's data was erased; nothing more is sent to them.`);
    }
    if (suppression !== undefined) {
      throw new ConflictError(
        `The candidate's address is suppressed (${suppression.reason}, since ${suppression.at}): nothing is sent to it.`,
      );
    }
  }

  async function ensureNotErasedMeanwhile(notice: Notice, relay: Relay): Promise<void> {
    if (!erasedSince(notice, await deps.erasures.get(notice.candidateId))) return;
    await deps.relays.delete(relay.id);
    throw new GoneError(`The candidate's data was erased; nothing more is sent to them.`);
  }

  async function buildRelay(notice: Notice, input: FollowUpInput): Promise<Relay> {
    const now = deps.clock.now();
    const at = now.toISOString();
    const cause: RelayCause = { kind: 'dashboard', actor: input.actor, idempotencyKey: input.idempotencyKey };
    const name = notice.recruiter?.name ?? input.actorName ?? deps.defaultSenderName ?? '';
    const thread = await threadIds(notice);
    return {
      id: relayIdFor(cause),
      direction: 'to-candidate',
      noticeId: notice.id,
      candidateId: notice.candidateId,
      cause,
      status: 'pending',
      to: notice.candidate.email,
      from: formatMailbox(name, addressOf(deps.senderFrom)),
      replyTo: `reply+${notice.replyToken}@${deps.replyDomain}`,
      subject: replySubject(deps.renderEmail(notice).subject),
      text: input.text,
      ...(thread.at(-1) === undefined ? {} : { inReplyTo: thread.at(-1) }),
      references: thread,
      attempts: 0,
      createdAt: at,
      updatedAt: at,
      history: [{ at, status: 'pending', detail: `follow-up written in the dashboard by ${input.actor}` }],
      retainUntil: new Date(now.getTime() + deps.retentionDays * 86_400_000).toISOString(),
    };
  }

  /** The rejection's Message-ID, then the candidate's messages on this notice, oldest first (the newest last). */
  async function threadIds(notice: Notice): Promise<string[]> {
    const record = await deps.records.read(notice.candidateId);
    const candidateIds = record.replies
      .filter((r) => r.correlation.noticeId === notice.id && r.messageId !== undefined && r.status !== 'rejected')
      .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1))
      .map((r) => r.messageId ?? '');
    const rejection =
      notice.sesMessageId === undefined ? [] : [sesMessageIdHeader(notice.sesMessageId, deps.sesRegion)];
    const ids = [...rejection, ...candidateIds];
    // Keep the rejection (the thread's root) and the newest ones.
    return ids.length <= MAX_REFERENCES ? ids : [...rejection, ...ids.slice(-(MAX_REFERENCES - rejection.length))];
  }

  async function answerFeedbackRequest(notice: Notice, actor: string, relayId: string) {
    const flag = await deps.flags.get(notice.candidateId, 'feedback-requested');
    if (flag === undefined || !isUnanswered(flag)) return undefined;
    return deps.flags.markAnswered(notice.candidateId, 'feedback-requested', {
      at: deps.clock.now().toISOString(),
      by: actor,
      relayId,
    });
  }
}

/** An erasure requested after the notice was recorded covers it (an older one was of an earlier application). */
function erasedSince(notice: Notice, erasure: { readonly requestedAt: string } | undefined): boolean {
  return erasure !== undefined && erasure.requestedAt >= notice.createdAt;
}
