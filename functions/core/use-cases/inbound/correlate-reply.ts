import { candidateIdFor, emailDigest, normalizeEmail } from '../../domain/email-address.ts';
import { type Notice, SENT_STATUSES } from '../../domain/notice.ts';
import type { Correlation } from '../../domain/reply.ts';
import { correlationHints } from '../../domain/reply-correlation.ts';
import { senderOnlyProblem } from '../../domain/reply-trust.ts';
import type { ParsedMail } from '../../ports/inbound-mail-parser.ts';
import type { NoticeLookup } from '../../ports/notice-lookup.ts';

export interface Correlated {
  readonly correlation: Correlation;
  readonly notice?: Notice;
}

/**
 * Ties a candidate's message to the notice it answers: the Reply-To token, then In-Reply-To / References
 * against the SES message id, then the sender's address. Unmatched replies are kept with the reason.
 *
 * The sender's address alone is trusted only when SES vouches for it (DMARC, or aligned SPF or DKIM): the
 * From header is the one thing anyone can write. Otherwise the reply is unmatched, saying why.
 */
export async function correlateReply(lookup: NoticeLookup, mail: ParsedMail, replyDomain: string): Promise<Correlated> {
  const hints = correlationHints({
    recipients: mail.recipients,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    replyDomain,
  });
  const matched = (method: Correlation['method'], notice: Notice): Correlated => {
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
    const notice = await lookup.byReplyToken(token);
    if (notice !== undefined) return matched('token', notice);
  }
  for (const id of hints.inReplyTo) {
    const notice = await lookup.bySesMessageId(id);
    if (notice !== undefined) return matched('in-reply-to', notice);
  }
  for (const id of hints.references) {
    const notice = await lookup.bySesMessageId(id);
    if (notice !== undefined) return matched('references', notice);
  }
  if (mail.from !== undefined && normalizeEmail(mail.from).includes('@')) {
    const notice = await lookup.latestSentTo(candidateIdFor(mail.from));
    if (notice !== undefined && SENT_STATUSES.includes(notice.status)) {
      const problem = senderOnlyProblem(mail.authentication, mail.from);
      if (problem === undefined) return matched('sender', notice);
      return {
        correlation: {
          method: 'none',
          reason: `Unmatched: no reply token or message reference, and the sender's address alone is not trusted: ${problem}`,
        },
      };
    }
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
