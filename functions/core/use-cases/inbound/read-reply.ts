import { autoReplyReason } from '../../domain/auto-reply.ts';
import type { FlagName } from '../../domain/candidate-flag.ts';
import { emailDigest } from '../../domain/email-address.ts';
import { errorMessage } from '../../domain/error-message.ts';
import type { Notice } from '../../domain/notice.ts';
import { definedFields } from '../../domain/optional.ts';
import { renderRelayEmail } from '../../domain/relay-email.ts';
import type { Correlation, Reply } from '../../domain/reply.ts';
import { extractReplyText } from '../../domain/reply-text/extract-reply-text.ts';
import { SentTextIndex } from '../../domain/reply-text/sent-text.ts';
import { type InboundMessage, type ProcessInboundMailDeps, retainUntil } from './inbound-deps.ts';

type ReadReplyDeps = Pick<ProcessInboundMailDeps, 'classifier' | 'sentTextOf' | 'log' | 'retentionDays' | 'relays'>;

/** Why a message is not read as someone's words: our own mail looping back, or SES's scan refusing it. */
export interface ReadStop {
  readonly loop?: string;
  readonly rejected?: string;
}

/**
 * Turns a message into the reply to record: refused by SES's spam or virus scan, it is `rejected` unread; an auto-reply (or our own mail looping back, `loop`) is recorded
 * as such and never classified; otherwise only what the sender wrote is kept (quotes, our own email and the
 * recruiter's answers relayed to them, signature removed) and classified.
 */
export function makeReadReply(deps: ReadReplyDeps) {
  return async (
    message: InboundMessage,
    correlation: Correlation,
    notice: Notice | undefined,
    stop: ReadStop = {},
  ): Promise<Reply> => {
    const { mail } = message;
    const base = {
      id: message.replyId,
      receivedAt: message.receivedAt,
      correlation,
      ...(mail.from === undefined ? {} : { from: mail.from, fromDigest: emailDigest(mail.from) }),
      subject: mail.subject.slice(0, 500),
      ...(mail.messageId === undefined ? {} : { messageId: mail.messageId.slice(0, 500) }),
      ...definedFields({ language: mail.language }),
      sizeBytes: message.sizeBytes,
      raw: message.location,
      retainUntil: retainUntil(message.receivedAt, deps.retentionDays),
      flags: [] as FlagName[],
    };
    if (stop.rejected !== undefined) {
      return { ...base, status: 'rejected', rejectionReason: stop.rejected, text: '', notes: mail.notes };
    }
    const auto = stop.loop ?? autoReplyReason(mail);
    if (auto !== undefined)
      return { ...base, status: 'auto-reply', autoReplyReason: auto, text: '', notes: mail.notes };
    const sent =
      notice === undefined ? undefined : new SentTextIndex([...sentTextOf(notice), ...(await answersTo(notice))]);
    const extracted = extractReplyText(mail.text, sent === undefined ? {} : { sent });
    const notes = [...mail.notes, ...extracted.notes];
    if (extracted.text === '') return { ...base, status: 'empty', text: '', notes };
    // The text decides its language; the Content-Language header, then the notice's locale, only when the text
    // is too short to tell. Every template offers feedback when the notice says so: "yes, please" accepts it.
    const classification = await deps.classifier.classify(extracted.text, {
      ...definedFields({ fallbackLanguage: mail.language ?? notice?.locale }),
      thread: { offeredFeedback: notice?.feedbackOffered === true },
    });
    return {
      ...base,
      ...definedFields({ language: classification.language?.code }),
      status: 'classified',
      text: extracted.text,
      classification,
      notes,
    };
  };

  /** The recruiter's answers relayed to the candidate: kept unquoted in their reply, they are not the candidate's. */
  async function answersTo(notice: Notice): Promise<string[]> {
    const relays = await deps.relays.listByNotice(notice.id);
    // As the candidate's client shows it too: signed with the recruiter's name.
    return relays.filter((r) => r.direction === 'to-candidate').flatMap((r) => [r.text, renderRelayEmail(r).text]);
  }

  function sentTextOf(notice: Notice): readonly string[] {
    try {
      return deps.sentTextOf(notice);
    } catch (e: unknown) {
      // The template may have changed since; quotation rules still apply, only the exact-text cut is lost.
      deps.log.warn('could not re-render the sent email', {
        noticeId: notice.id,
        error: errorMessage(e),
      });
      return [];
    }
  }
}

/** The notice's subject as sent (the first of `sentTextOf`), or undefined when it cannot be rendered again. */
export function sentSubjectOf(deps: Pick<ProcessInboundMailDeps, 'sentTextOf'>, notice: Notice): string | undefined {
  try {
    return deps.sentTextOf(notice)[0];
  } catch {
    return undefined;
  }
}
