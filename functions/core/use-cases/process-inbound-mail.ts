import { createHash } from 'node:crypto';
import { autoReplyReason } from '../domain/auto-reply.ts';
import type { FlagDecision, FlagName } from '../domain/candidate-flag.ts';
import { candidateIdFor, emailDigest, normalizeEmail } from '../domain/email-address.ts';
import { MalformedMailError } from '../domain/errors.ts';
import type { CandidateFlagRaisedV1, ReplyReceivedV1 } from '../domain/events.ts';
import { decideFlags } from '../domain/flag-policy.ts';
import { deterministicId, randomId } from '../domain/ids.ts';
import { type Notice, SENT_STATUSES } from '../domain/notice.ts';
import { type Correlation, MAX_INBOUND_MAIL_BYTES, type RawMailLocation, type Reply } from '../domain/reply.ts';
import { correlationHints } from '../domain/reply-correlation.ts';
import { extractReplyText } from '../domain/reply-text/extract-reply-text.ts';
import { SentTextIndex } from '../domain/reply-text/sent-text.ts';
import type { CandidateRecords } from '../ports/candidate-records.ts';
import type { Clock } from '../ports/clock.ts';
import type { ErasureLog } from '../ports/erasure-log.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { FlagRepository } from '../ports/flag-repository.ts';
import type { InboundMailParser, ParsedMail } from '../ports/inbound-mail-parser.ts';
import type { Log } from '../ports/log.ts';
import type { NoticeLookup } from '../ports/notice-lookup.ts';
import type { NoticeRepository } from '../ports/notice-repository.ts';
import type { RawMailStore } from '../ports/raw-mail-store.ts';
import type { RecruiterNotifier } from '../ports/recruiter-notifier.ts';
import type { ReplyClassifier } from '../ports/reply-classifier.ts';
import type { ReplyRepository } from '../ports/reply-repository.ts';

export interface ProcessInboundMailDeps {
  readonly raw: RawMailStore;
  readonly parser: InboundMailParser;
  readonly lookup: NoticeLookup;
  /** Keeps the first human reply's sentiment on the notice, for the loop-closing record. */
  readonly notices: Pick<NoticeRepository, 'noteFirstReply'>;
  readonly replies: ReplyRepository;
  readonly flags: FlagRepository;
  /** The candidate's erasure receipt, read consistently: a reply racing an erasure must not outlive it. */
  readonly erasures: Pick<ErasureLog, 'get'>;
  /** Deletes what this reply wrote when its candidate turns out to be erased. */
  readonly records: Pick<CandidateRecords, 'delete'>;
  readonly classifier: ReplyClassifier;
  readonly notifier: RecruiterNotifier;
  readonly events: EventPublisher;
  readonly clock: Clock;
  readonly log: Log;
  /** Reply-To addresses are `reply+<token>@` this domain. */
  readonly replyDomain: string;
  readonly retentionDays: number;
  /** The text of the email a notice sent (subject and body), to cut it out of replies that quote it. */
  readonly sentTextOf: (notice: Notice) => readonly string[];
  readonly maxBytes?: number;
}

export interface ProcessedReply {
  readonly replyId: string;
  /** `erased`: the candidate's data is being or was erased; nothing of this message was kept. */
  readonly status: Reply['status'] | 'missing' | 'erased';
  /** True when this message had been processed before: nothing was written or raised again. */
  readonly duplicate: boolean;
  readonly correlation?: Correlation;
  readonly flags: readonly FlagName[];
}

export type ProcessInboundMail = (location: RawMailLocation) => Promise<ProcessedReply>;

/**
 * Turns one inbound message into a recorded reply and candidate flags.
 *
 * Primary course:
 *  1. Read the raw message (refusing one larger than SES could deliver) and parse it; an unreadable or
 *     oversized message is recorded as `rejected` with the reason.
 *  2. Dedupe: the reply id is a digest of the Message-ID, so the same message twice is one reply. A reply
 *     recorded earlier whose flags were not finished (a crash) is completed, not duplicated.
 *  3. Correlate: the Reply-To token, then In-Reply-To / References against the SES message id, then the
 *     sender's address. Unmatched replies are kept with the reason.
 *  4. Auto-replies and bounces are recorded as such and never classified.
 *  5. Keep only what the candidate wrote (quotes, our own email, signature removed) and classify it.
 *  6. Record the reply on the candidate's timeline, note the first human reply on its notice (stats), raise
 *     flags, publish and notify recruiters.
 *
 * Alternative course: the candidate's erasure was requested (before the message arrived, or while it was being
 * processed). Nothing is kept: what was written is deleted with the raw message, and nobody is notified.
 * See `erasureOf` for why an erasure running at the same time always sees this side's writes, or this side
 * sees the erasure.
 */
export function makeProcessInboundMail(deps: ProcessInboundMailDeps): ProcessInboundMail {
  const maxBytes = deps.maxBytes ?? MAX_INBOUND_MAIL_BYTES;

  return async (location) => {
    const receivedAt = deps.clock.now().toISOString();
    const read = await deps.raw.read(location, maxBytes);
    if (read.kind === 'missing') {
      deps.log.warn('inbound message not found in the store', { key: location.key });
      return { replyId: '', status: 'missing', duplicate: false, flags: [] };
    }
    if (read.kind === 'too-large') {
      return recordRejected(
        location,
        receivedAt,
        read.sizeBytes,
        `The message is ${read.sizeBytes} bytes; the limit is ${maxBytes}`,
      );
    }

    let mail: ParsedMail;
    try {
      mail = await deps.parser.parse(read.bytes);
    } catch (e: unknown) {
      if (!(e instanceof MalformedMailError)) throw e;
      return recordRejected(location, receivedAt, read.bytes.byteLength, `Unreadable message: ${e.message}`);
    }

    const replyId = deterministicId(
      'r',
      mail.messageId === undefined
        ? `raw:${createHash('sha256').update(read.bytes).digest('hex')}`
        : `mid:${mail.messageId}`,
    );
    const earlier = await deps.replies.get(replyId);
    if (earlier?.processedAt !== undefined) {
      deps.log.info('inbound message already processed', { replyId });
      return {
        replyId,
        status: earlier.status,
        duplicate: true,
        correlation: earlier.correlation,
        flags: earlier.flags,
      };
    }
    if (earlier !== undefined) return complete(earlier, true);

    const { correlation, notice } = await correlate(mail);
    if (correlation.candidateId !== undefined && (await erasureOf(correlation.candidateId))) {
      // Erasure asked for before this message came: not even classified.
      await deps.raw.delete(location);
      deps.log.info('reply dropped: its candidate was erased', { replyId, candidateId: correlation.candidateId });
      return { replyId, status: 'erased', duplicate: false, flags: [] };
    }
    const base = {
      id: replyId,
      receivedAt,
      correlation,
      ...(mail.from === undefined ? {} : { from: mail.from, fromDigest: emailDigest(mail.from) }),
      subject: mail.subject.slice(0, 500),
      ...(mail.messageId === undefined ? {} : { messageId: mail.messageId.slice(0, 500) }),
      ...(mail.language === undefined ? {} : { language: mail.language }),
      sizeBytes: read.bytes.byteLength,
      raw: location,
      retainUntil: retainUntil(receivedAt),
      flags: [] as FlagName[],
    };

    let reply: Reply;
    const auto = autoReplyReason({
      headers: mail.headers,
      contentType: mail.contentType,
      subject: mail.subject,
      ...(mail.from === undefined ? {} : { from: mail.from }),
    });
    if (auto !== undefined) {
      reply = { ...base, status: 'auto-reply', autoReplyReason: auto, text: '', notes: mail.notes };
    } else {
      const sent = notice === undefined ? undefined : new SentTextIndex(safeSentText(notice));
      const extracted = extractReplyText(mail.text, sent === undefined ? {} : { sent });
      const notes = [...mail.notes, ...extracted.notes];
      if (extracted.text === '') {
        reply = { ...base, status: 'empty', text: '', notes };
      } else {
        const classification = await deps.classifier.classify(
          extracted.text,
          mail.language === undefined ? {} : { language: mail.language },
        );
        reply = { ...base, status: 'classified', text: extracted.text, classification, notes };
      }
    }

    const created = await deps.replies.create(reply);
    if (!created.created) {
      // A concurrent delivery of the same message got there first; it finishes the work.
      return {
        replyId,
        status: created.existing.status,
        duplicate: true,
        correlation: created.existing.correlation,
        flags: created.existing.flags,
      };
    }
    deps.log.info('reply recorded', {
      replyId,
      status: reply.status,
      correlation: correlation.method,
      candidateId: correlation.candidateId,
      noticeId: correlation.noticeId,
      autoReplyReason: reply.autoReplyReason,
    });
    return complete(reply, false, notice);
  };

  /** Steps 6 onwards; run again on a retry of a reply whose flags were not finished. */
  async function complete(reply: Reply, resumed: boolean, notice?: Notice): Promise<ProcessedReply> {
    const decisions = flagsFor(reply);
    const raised: FlagName[] = [];
    const candidateId = reply.correlation.candidateId;
    const noticeId = reply.correlation.noticeId;
    if (candidateId !== undefined && (await erasureOf(candidateId))) return discard(reply, candidateId, []);
    if (noticeId !== undefined && reply.status === 'classified' && reply.classification !== undefined) {
      await deps.notices.noteFirstReply(noticeId, {
        replyId: reply.id,
        at: reply.receivedAt,
        sentiment: reply.classification.sentiment.label,
        score: reply.classification.sentiment.score,
        hostile: reply.classification.hostile,
      });
    }
    const outcomes: { decision: FlagDecision; outcome: Awaited<ReturnType<FlagRepository['raise']>> }[] = [];
    for (const decision of candidateId === undefined ? [] : decisions) {
      if (candidateId === undefined) break;
      const outcome = await deps.flags.raise({
        candidateId,
        flag: decision.flag,
        reason: decision.reason,
        evidence: decision.evidence,
        replyId: reply.id,
        ...(reply.correlation.noticeId === undefined ? {} : { noticeId: reply.correlation.noticeId }),
        ...(notice === undefined
          ? {}
          : { candidateName: notice.candidate.name, job: { id: notice.job.id, title: notice.job.title } }),
        at: reply.receivedAt,
        retainUntil: reply.retainUntil,
      });
      raised.push(decision.flag);
      outcomes.push({ decision, outcome });
    }
    // Read again after the flags' writes: an erasure that began after the read above may have missed them.
    if (candidateId !== undefined && (await erasureOf(candidateId))) return discard(reply, candidateId, raised);
    for (const { decision, outcome } of candidateId === undefined ? [] : outcomes) {
      if (candidateId === undefined) break;
      // A retry notifies again rather than risk never notifying (at least once).
      if (outcome === 'unchanged' && !resumed) continue;
      await announce(reply, candidateId, decision, outcome === 'raised-again', notice);
    }
    const at = deps.clock.now().toISOString();
    await deps.replies.markProcessed(reply.id, at, raised);
    const event: ReplyReceivedV1 = {
      type: 'ReplyReceived',
      version: 1,
      id: randomId('ev'),
      occurredAt: at,
      detail: {
        replyId: reply.id,
        status: reply.status,
        correlation: reply.correlation.method,
        ...(candidateId === undefined ? {} : { candidateId }),
        ...(reply.correlation.noticeId === undefined ? {} : { noticeId: reply.correlation.noticeId }),
        flags: raised,
      },
    };
    await deps.events.publish([event]);
    return { replyId: reply.id, status: reply.status, duplicate: false, correlation: reply.correlation, flags: raised };
  }

  /**
   * Whether the candidate's erasure was requested. No transactions (dynalite has none), so both sides write
   * first and read after: the erasure saves its `in-progress` receipt before it reads the candidate's items
   * (and reads them again before completing); this side writes the reply (then the flags) before reading the
   * receipt. If this read misses the receipt, the receipt was written after our writes, so the erasure's
   * reads, which come later still, find them and delete them. If this read finds it, we delete our writes
   * ourselves. Either way nothing is left behind. A receipt never goes away, and an erased address cannot be
   * emailed again, so a reply correlated to an erased candidate can only come from this race (or a message
   * to an email sent before the erasure): it is dropped.
   */
  async function erasureOf(candidateId: string): Promise<boolean> {
    return (await deps.erasures.get(candidateId)) !== undefined;
  }

  /** Deletes the reply, the flags it raised and the raw message, and tells nobody. */
  async function discard(reply: Reply, candidateId: string, raised: readonly FlagName[]): Promise<ProcessedReply> {
    const flags = [];
    for (const flag of raised) {
      const found = await deps.flags.get(candidateId, flag);
      if (found !== undefined) flags.push(found);
    }
    await deps.raw.delete(reply.raw);
    await deps.records.delete({
      decisions: [],
      notices: [],
      replies: [reply],
      flags,
      relays: [],
      relayThreads: [],
      recruiterTokens: [],
    });
    deps.log.info('reply dropped: its candidate was erased meanwhile', { replyId: reply.id, candidateId });
    return { replyId: reply.id, status: 'erased', duplicate: false, correlation: reply.correlation, flags: [] };
  }

  function flagsFor(reply: Reply): FlagDecision[] {
    if (reply.status !== 'classified' || reply.classification === undefined) return [];
    if (reply.correlation.candidateId === undefined) return [];
    return decideFlags(reply.classification, {
      senderMatchesCandidate: reply.correlation.senderMatchesCandidate !== false,
    });
  }

  async function announce(
    reply: Reply,
    candidateId: string,
    decision: FlagDecision,
    again: boolean,
    notice: Notice | undefined,
  ): Promise<void> {
    const event: CandidateFlagRaisedV1 = {
      type: 'CandidateFlagRaised',
      version: 1,
      id: randomId('ev'),
      occurredAt: deps.clock.now().toISOString(),
      detail: {
        candidateId,
        flag: decision.flag,
        replyId: reply.id,
        ...(reply.correlation.noticeId === undefined ? {} : { noticeId: reply.correlation.noticeId }),
        reason: decision.reason,
        again,
      },
    };
    await deps.events.publish([event]);
    await deps.notifier.flagRaised({
      candidateId,
      flag: decision.flag,
      reason: decision.reason,
      replyId: reply.id,
      ...(reply.correlation.noticeId === undefined ? {} : { noticeId: reply.correlation.noticeId }),
      ...(notice === undefined ? {} : { jobTitle: notice.job.title }),
      raisedAt: reply.receivedAt,
    });
    deps.log.info('candidate flag raised', { candidateId, flag: decision.flag, replyId: reply.id, again });
  }

  async function correlate(mail: ParsedMail): Promise<{ correlation: Correlation; notice?: Notice }> {
    const hints = correlationHints({
      recipients: mail.recipients,
      inReplyTo: mail.inReplyTo,
      references: mail.references,
      replyDomain: deps.replyDomain,
    });
    const matched = (method: Correlation['method'], notice: Notice) => {
      const senderMatchesCandidate = mail.from !== undefined && emailDigest(mail.from) === notice.emailDigest;
      return {
        notice,
        correlation: {
          method,
          noticeId: notice.id,
          candidateId: notice.candidateId,
          senderMatchesCandidate,
          ...(senderMatchesCandidate ? {} : { reason: "Sent from another address than the candidate's" }),
        },
      };
    };
    for (const token of hints.tokens) {
      const notice = await deps.lookup.byReplyToken(token);
      if (notice !== undefined) return matched('token', notice);
    }
    for (const id of hints.inReplyTo) {
      const notice = await deps.lookup.bySesMessageId(id);
      if (notice !== undefined) return matched('in-reply-to', notice);
    }
    for (const id of hints.references) {
      const notice = await deps.lookup.bySesMessageId(id);
      if (notice !== undefined) return matched('references', notice);
    }
    if (mail.from !== undefined && normalizeEmail(mail.from).includes('@')) {
      const notice = await deps.lookup.latestSentTo(candidateIdFor(mail.from));
      if (notice !== undefined && SENT_STATUSES.includes(notice.status)) return matched('sender', notice);
    }
    const tried = [
      hints.tokens.length > 0 ? `reply token matched no notice` : 'no reply token in the recipients',
      hints.inReplyTo.length + hints.references.length > 0
        ? 'In-Reply-To/References matched no notice we sent'
        : 'no In-Reply-To or References',
      mail.from === undefined ? 'no sender address' : 'no notice was sent to the sender',
    ];
    return { correlation: { method: 'none', reason: `Unmatched: ${tried.join('; ')}` } };
  }

  function safeSentText(notice: Notice): readonly string[] {
    try {
      return deps.sentTextOf(notice);
    } catch (e: unknown) {
      // The template may have changed since; quotation rules still apply, only the exact-text cut is lost.
      deps.log.warn('could not re-render the sent email', {
        noticeId: notice.id,
        error: e instanceof Error ? e.message : String(e),
      });
      return [];
    }
  }

  async function recordRejected(
    location: RawMailLocation,
    receivedAt: string,
    sizeBytes: number,
    reason: string,
  ): Promise<ProcessedReply> {
    const replyId = deterministicId('r', `key:${location.store}:${location.bucket ?? ''}:${location.key}`);
    const reply: Reply = {
      id: replyId,
      status: 'rejected',
      receivedAt,
      correlation: { method: 'none', reason: 'Not read' },
      text: '',
      rejectionReason: reason,
      flags: [],
      notes: [],
      sizeBytes,
      raw: location,
      retainUntil: retainUntil(receivedAt),
      processedAt: receivedAt,
    };
    const created = await deps.replies.create(reply);
    deps.log.warn('inbound message rejected', { replyId, key: location.key, sizeBytes, reason });
    if (created.created) {
      const event: ReplyReceivedV1 = {
        type: 'ReplyReceived',
        version: 1,
        id: randomId('ev'),
        occurredAt: receivedAt,
        detail: { replyId, status: 'rejected', correlation: 'none', flags: [] },
      };
      await deps.events.publish([event]);
    }
    return { replyId, status: 'rejected', duplicate: !created.created, correlation: reply.correlation, flags: [] };
  }

  function retainUntil(from: string): string {
    return new Date(new Date(from).getTime() + deps.retentionDays * 86_400_000).toISOString();
  }
}
